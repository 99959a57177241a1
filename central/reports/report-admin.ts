import fs from 'node:fs';
import { z } from 'zod';
import { fromVietnamLocal } from '../../shared/domain/vietnam-time';
import { uiText } from '../../shared/i18n/vi';
import { AppError } from '../../shared/ipc/result';
import { buildDossierReport } from '../../shared/reports/dossier-report';
import { dayAfter, parseReportPeriod } from '../../shared/reports/report-period';
import { reportFilterSchema, type DossierReport } from '../../shared/reports/report-schema';
import { asOfLine, detailRows, HEADER_CELLS, periodLine, templateRows } from '../../shared/reports/report-sheet';
import { reportWorkbook } from '../../shared/reports/report-workbook';
import { eq } from 'drizzle-orm';
import { agencyDataSchema } from '../../shared/sync/protocol';
import type { CentralDb } from '../db/open';
import { devices } from '../db/schema';
import { latestChangeData } from '../feed';
import { gatewayCalendar, gatewayRatings, gatewayReportFacts } from './report-facts';
import { writeReportXlsx } from './report-xlsx';

/** `quay-central report --period 2026-Q4 [--agency CODE] [--xlsx FILE]`: the province-wide report (issue 18 §1). */
export const reportAdminRequestSchema = z.object({
  command: z.literal('report'),
  period: z.string().max(40),
  filter: reportFilterSchema,
  /** Absolute path the workbook is written to, or null to print only. */
  xlsx: z.string().nullable(),
  at: z.string(),
});
export type ReportAdminRequest = z.infer<typeof reportAdminRequestSchema>;

export type ReportAdminAnswer =
  { command: 'report'; report: DossierReport; xlsx: string | null } | { command: 'report'; error: { code: string; message: string } };

/** The agency's name as the province published it; null when neither it nor a counter of it is known here. */
async function agencyName(db: CentralDb, agencyCode: string): Promise<string | null> {
  const agency = agencyDataSchema.safeParse(await latestChangeData(db, 'agency', agencyCode, null));
  if (agency.success) return agency.data.name;
  const [device] = await db.select({ id: devices.id }).from(devices).where(eq(devices.agencyCode, agencyCode)).limit(1);
  return device ? agencyCode : null;
}

/**
 * The report over the gateway's dossiers, with the same pure definition as the counters
 * (shared/reports/dossier-report.ts), so a counter's report and the gateway's agree on the same data.
 */
export async function gatewayReport(
  db: CentralDb,
  period: string,
  filter: z.infer<typeof reportFilterSchema>,
  now: Date,
): Promise<DossierReport> {
  const parsed = parseReportPeriod(period);
  const before = fromVietnamLocal(dayAfter(parsed.toDate));
  const agency = filter.agencyCode ?? null;
  return buildDossierReport({
    period: parsed,
    filter,
    facts: await gatewayReportFacts(db, agency),
    ratings: await gatewayRatings(db, agency, before),
    calendar: await gatewayCalendar(db),
    now,
  });
}

export async function runReportAdmin(db: CentralDb, request: ReportAdminRequest): Promise<ReportAdminAnswer> {
  try {
    const agencyCode = request.filter.agencyCode;
    const unit = agencyCode ? await agencyName(db, agencyCode) : uiText.reports.provinceWide;
    if (unit === null) throw new AppError('REPORT_AGENCY_UNKNOWN', { agency: agencyCode!.slice(0, 64) });
    const report = await gatewayReport(db, request.period, request.filter, new Date(request.at));
    if (request.xlsx) fs.writeFileSync(request.xlsx, await writeReportXlsx(reportWorkbook(report, unit)));
    return { command: 'report', report, xlsx: request.xlsx };
  } catch (error) {
    if (error instanceof AppError) return { command: 'report', error: error.toData() };
    throw error;
  }
}

/** The template's table as text lines for the terminal, or the report as JSON. */
export function presentReportAnswer(answer: ReportAdminAnswer, json: boolean): { lines: string[]; exitCode: number } {
  if ('error' in answer) return { lines: [`${answer.error.code}: ${answer.error.message}`], exitCode: 1 };
  if (json) return { lines: [JSON.stringify(answer.report)], exitCode: 0 };
  const report = answer.report;
  // The leaf headers (those reaching the third header row), column 1 to 13.
  const headers = HEADER_CELLS.filter((c) => c.row + c.rowSpan === 4)
    .sort((a, b) => a.col - b.col)
    .map((c) => c.text);
  const lines = [periodLine(report), asOfLine(report), headers.join('\t'), ...templateRows(report).map((row) => row.join('\t'))];
  lines.push('', ...detailRows(report).map(([label, value]) => `${label}: ${value}`));
  if (answer.xlsx) lines.push('', `xlsx: ${answer.xlsx}`);
  return { lines, exitCode: 0 };
}
