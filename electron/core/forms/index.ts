import type { Site } from '../../../shared/reception/dossier-view';
import { PdfFilePrinter } from '../printing/form-printers/pdf-file-printer';
import type { Clock } from '../platform/clock';
import type { FormPrinter } from '../printing/form-printers/form-printer';
import type { PdfRenderer } from '../platform/pdf-renderer';
import { FormService } from './form-service';

export { code128Svg, qrCodeSvg } from './codes';
export { FormService, type FormPdf, type FormServiceDeps, type FormServiceInput, type PrintedForm } from './form-service';

export interface CreateFormServiceDeps {
  site(): Site;
  /** Main's printToPDF over the core port in Electron; ChromiumPdfRenderer in the harness, CLI and tests. */
  pdfRenderer: PdfRenderer;
  dataDir: string;
  clock?: Clock;
  /** Until the device work brings real printers, forms are kept as PDFs under `<dataDir>/prints`. */
  printer?: FormPrinter;
}

export function createFormService(deps: CreateFormServiceDeps): FormService {
  return new FormService({
    site: deps.site,
    pdfRenderer: deps.pdfRenderer,
    printer: deps.printer ?? new PdfFilePrinter({ dataDir: deps.dataDir, clock: deps.clock }),
  });
}
