import { z } from 'zod';

/** The filter of a report: every field narrows it, none set is the whole agency (or province at the gateway). */
export const reportFilterSchema = z.object({
  agencyCode: z.string().max(64).optional(),
  counterId: z.string().max(64).optional(),
  officer: z.string().max(64).optional(),
  sector: z.string().max(500).optional(),
  procedureCode: z.string().max(64).optional(),
});
export type ReportFilter = z.infer<typeof reportFilterSchema>;

const count = z.number().int().min(0);

/**
 * One row of figures. The first thirteen columns are those of Biểu II.06a/VPCP/KSTT (docs/domain.md §10):
 * received = carriedOver + newOnline + newDirect + newPostal, received = settled + inProgress,
 * settled = early + onTime + late, inProgress = withinTime + overdue.
 */
export const reportFiguresSchema = z.object({
  received: count,
  carriedOver: count,
  newDirect: count,
  newOnline: count,
  newPostal: count,
  settled: count,
  settledEarly: count,
  settledOnTime: count,
  settledLate: count,
  inProgress: count,
  inProgressWithinTime: count,
  inProgressOverdue: count,
  /** Results handed back to the citizen in the period. */
  returned: count,
  /** Dossiers asked for a supplement (Form 02) in the period. */
  supplementRequested: count,
  /** Of the settled: refused (Form 03), withdrawn, stopped. */
  refused: count,
  withdrawn: count,
  stopped: count,
  /** Of the dossiers received new in the period. */
  componentsDigitized: count,
  componentsReused: count,
  componentsSigned: count,
  /** Of the dossiers whose result was handed back in the period. */
  resultsDigitized: count,
  /** Settled with a result: mean working days from reception to result, two decimals; null when none. */
  averageSettleDays: z.number().min(0).nullable(),
});
export type ReportFigures = z.infer<typeof reportFiguresSchema>;

export const satisfactionCountsSchema = z.object({ satisfied: count, neutral: count, dissatisfied: count, total: count });
export type SatisfactionCounts = z.infer<typeof satisfactionCountsSchema>;

export const dossierReportSchema = z.object({
  period: z.object({ kind: z.enum(['month', 'quarter', 'year', 'range']), key: z.string(), fromDate: z.string(), toDate: z.string() }),
  filter: reportFilterSchema,
  /** Local `YYYY-MM-DDTHH:mm` the in-progress figures are taken at: the period's end, or now for a period not over. */
  asOfLocal: z.string(),
  total: reportFiguresSchema,
  /** One row per lĩnh vực, by name, as the template lists them. */
  bySector: z.array(z.object({ sector: z.string(), figures: reportFiguresSchema })),
  satisfaction: satisfactionCountsSchema,
});
export type DossierReport = z.infer<typeof dossierReportSchema>;
