import { z } from 'zod';

/**
 * What a report needs of one dossier, read the same way from the counter's SQLite and the gateway's
 * PostgreSQL (electron/core/reports, central/reports), so the one pure definition in
 * `dossier-report.ts` gives both the same figures for the same data (issue 18 §1).
 */
export interface DossierFact {
  code: string;
  /** QCVN 102 agency code: the dossier code's prefix. */
  agencyCode: string;
  /** The enrolled device id of the counter that received it; null before enrolment. */
  counterId: string | null;
  /** The receiving officer's username. */
  officer: string;
  /** Lĩnh vực as named at reception. */
  sector: string;
  procedureCode: string;
  /** KenhThucHien: 1 in person, 2 online, 3 public postal service (docs/domain.md §2). */
  channel: 1 | 2 | 3;
  /** UTC instant of reception. */
  receivedAt: string;
  /** Local `YYYY-MM-DDTHH:mm` the result is due, after supplements and Form 04; null without a time limit. */
  dueLocal: string | null;
  /** The history steps that matter here: every event with its DVCQG status after it, UTC instant. */
  events: readonly { type: string; status: number; at: string }[];
  /** Components by their state at reception (docs/domain.md §6.2): digitized here, reused, and signed by the unit. */
  componentsDigitized: number;
  componentsReused: number;
  componentsSigned: number;
  /** Result documents digitized when the result was handed back (LoaiSoHoa 1). */
  resultsDigitized: number;
}

export const satisfactionRatings = ['satisfied', 'neutral', 'dissatisfied'] as const;
export type SatisfactionRating = (typeof satisfactionRatings)[number];

/** A citizen's rating of a dossier, counted in the period it was given. */
export interface RatingFact {
  dossierCode: string;
  rating: SatisfactionRating;
  /** UTC instant. */
  ratedAt: string;
}

/** KenhThucHien of the channel a dossier view records (shared/sync/dvcqg-mapping.ts uses the same codes). */
export const CHANNEL_CODE: Readonly<Record<string, 1 | 2 | 3>> = { direct: 1, online: 2, post: 3 };

export function channelCode(channel: string | null | undefined): 1 | 2 | 3 {
  return (channel && CHANNEL_CODE[channel]) || 1;
}

/** The parts of a stored DossierView a report reads, checked rather than cast (the views of every version carry them). */
export const reportViewSchema = z.object({
  /** UTC instant of reception. */
  receivedAt: z.string(),
  channel: z.string().nullish(),
  dueLocal: z.string().nullable(),
  procedure: z.object({ code: z.string(), sectorName: z.string().default('') }),
  officer: z.object({ username: z.string() }),
  components: z.array(z.object({ digitization: z.string().optional() })).default([]),
});
export type ReportView = z.infer<typeof reportViewSchema>;

/** Digitized here and reused components of a view, as the report counts them. */
export function componentCounts(view: ReportView): { digitized: number; reused: number } {
  let digitized = 0;
  let reused = 0;
  for (const component of view.components) {
    if (component.digitization === 'digitizedHere') digitized++;
    else if (component.digitization === 'reused' || component.digitization === 'reusedFromResult') reused++;
  }
  return { digitized, reused };
}
