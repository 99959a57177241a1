import type { ReportFactsRepository } from '../../../db/repositories/report-facts-repository';
import type { WorkingCalendar } from '../../../shared/domain/working-time';
import { formatMessage, uiText } from '../../../shared/i18n/vi';
import type { Site } from '../../../shared/reception/dossier-view';
import { buildDossierReport } from '../../../shared/reports/dossier-report';
import { reportHtml } from '../../../shared/reports/report-html';
import { dayAfter, parseReportPeriod } from '../../../shared/reports/report-period';
import type { DossierReport, ReportFilter } from '../../../shared/reports/report-schema';
import { reportWorkbook } from '../../../shared/reports/report-workbook';
import { fromVietnamLocal } from '../../../shared/domain/vietnam-time';
import type { Clock } from '../platform/clock';
import type { PdfRenderer } from '../platform/pdf-renderer';
import type { FormPrinter } from '../printing/form-printers/form-printer';

export interface ReportServiceDeps {
  facts: ReportFactsRepository;
  calendar: () => WorkingCalendar;
  clock: Clock;
  /** This counter's enrolled device id, the counter its own dossiers were received at; null before enrolment. */
  counterId: () => string | null;
  site: () => Site;
  pdfRenderer: PdfRenderer;
  printer: FormPrinter;
}

/**
 * The supervisor's periodic report at the counter (issue 18 §1), from local data only: the same pure
 * definition the gateway runs province-wide (shared/reports/dossier-report.ts), shown on screen,
 * exported to xlsx and printed on A4 through the forms' PDF renderer and form printer.
 */
export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  report(period: string, filter: ReportFilter): DossierReport {
    const parsed = parseReportPeriod(period);
    const before = fromVietnamLocal(dayAfter(parsed.toDate)).toISOString();
    return buildDossierReport({
      period: parsed,
      filter,
      facts: this.deps.facts.facts(before, this.deps.counterId()),
      ratings: this.deps.facts.ratings(before),
      calendar: this.deps.calendar(),
      now: this.deps.clock.now(),
    });
  }

  private unit(): string {
    const site = this.deps.site();
    return site.agencyName || site.unitName;
  }

  async exportXlsx(period: string, filter: ReportFilter): Promise<{ fileName: string; dataBase64: string }> {
    const report = this.report(period, filter);
    // exceljs loads with the first export, not at start (docs/architecture.md §12).
    const { writeReportXlsx } = await import('./write-report-xlsx');
    const data = await writeReportXlsx(reportWorkbook(report, this.unit()));
    return {
      fileName: formatMessage(uiText.reports.fileName, { period: report.period.key.replace(/\.\./g, '_') }),
      dataBase64: Buffer.from(data).toString('base64'),
    };
  }

  async print(period: string, filter: ReportFilter): Promise<{ printed: boolean; savedPath: string | null; pdfBase64: string }> {
    const report = this.report(period, filter);
    const html = reportHtml(report, this.unit());
    const pdf = await this.deps.pdfRenderer.renderPdf(html, { pageSize: 'A4' });
    const outcome = await this.deps.printer.print({ html, pdf, pageSize: 'A4', copies: 1, formKey: 'periodic_report', dossierCode: null });
    return { ...outcome, pdfBase64: Buffer.from(pdf).toString('base64') };
  }
}
