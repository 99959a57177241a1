import {
  controlSlipOf,
  dossierSite,
  formsFor,
  lookupUrl,
  renderForm,
  renderReceiptWithControlSlip,
  type FormInputs,
  type FormKey,
  type FormSummary,
  type PageSize,
  type ReceiptInput,
  type RenderedForm,
} from '../../../shared/forms';
import { formTestPageHtml } from '../../../shared/forms/test-page';
import type { DossierView, Site } from '../../../shared/reception/dossier-view';
import type { FormPrinter, FormPrintOutcome } from '../printing/form-printers/form-printer';
import type { PdfRenderer } from '../platform/pdf-renderer';
import { code128Svg, qrCodeSvg } from './codes';

/** What callers give: the site comes from settings, and the receipt's QR and barcode are made here. */
export type FormServiceInput<K extends FormKey> = K extends 'receipt'
  ? Omit<ReceiptInput, 'site' | 'qrSvg' | 'barcodeSvg'>
  : Omit<FormInputs[K], 'site'>;

export interface FormServiceDeps {
  /** Read on every render, so a change in the site's settings (names, form set) applies at once. */
  site(): Site;
  pdfRenderer: PdfRenderer;
  printer: FormPrinter;
}

export interface FormPdf {
  form: RenderedForm;
  pdf: Uint8Array;
}

export interface PrintedForm extends FormPrintOutcome {
  formKey: FormKey;
  pageSize: PageSize;
  copies: number;
}

function dossierCodeOf(input: object): string | null {
  if ('dossier' in input) return (input as { dossier: { code: string } }).dossier.code;
  if ('dossierCode' in input && typeof input.dossierCode === 'string' && input.dossierCode) return input.dossierCode;
  return null;
}

/** Renders the site's forms to HTML and PDF and hands them to the form printer. */
export class FormService {
  constructor(private readonly deps: FormServiceDeps) {}

  /** The forms of the site's set, in official order. */
  forms(): FormSummary[] {
    return formsFor(this.deps.site().formSet);
  }

  /**
   * The site a form prints with. The documents issued at reception (the receipt, the control slip)
   * print the dossier's snapshot, so a reprint reads as the original; documents issued now (apology,
   * stop notice, register) print the site as it is today (docs/domain.md §5.4).
   */
  private siteFor<K extends FormKey>(key: K, input: FormServiceInput<K>): Site {
    const current = this.deps.site();
    if ((key === 'receipt' || key === 'control_slip') && 'dossier' in input) return dossierSite(input.dossier as DossierView, current);
    return current;
  }

  async render<K extends FormKey>(key: K, input: FormServiceInput<K>): Promise<RenderedForm> {
    const site = this.siteFor(key, input);
    return renderForm(key, site.formSet, await this.complete(key, site, input));
  }

  /** Form 01 with the control slip after copy 1, in the set and names of the dossier's snapshot. */
  async renderReceiptWithControlSlip(dossier: DossierView): Promise<RenderedForm> {
    const site = dossierSite(dossier, this.deps.site());
    const receipt = await this.complete('receipt', site, { dossier });
    return renderReceiptWithControlSlip(site.formSet, receipt, { ...controlSlipOf(dossier, site), site });
  }

  async pdf<K extends FormKey>(key: K, input: FormServiceInput<K>): Promise<FormPdf> {
    return this.toPdf(await this.render(key, input));
  }

  async receiptWithControlSlipPdf(dossier: DossierView): Promise<FormPdf> {
    return this.toPdf(await this.renderReceiptWithControlSlip(dossier));
  }

  private async toPdf(form: RenderedForm): Promise<FormPdf> {
    const pdf = await this.deps.pdfRenderer.renderPdf(form.html, { pageSize: form.pageSize });
    return { form, pdf };
  }

  async print<K extends FormKey>(key: K, input: FormServiceInput<K>): Promise<PrintedForm> {
    return this.send(key, await this.pdf(key, input), dossierCodeOf(input));
  }

  /** The receipt job at acceptance: copy 1, the control slip and copy 2 in one document. */
  async printReceiptWithControlSlip(dossier: DossierView): Promise<PrintedForm> {
    return this.send('receipt', await this.receiptWithControlSlipPdf(dossier), dossier.code);
  }

  private async send(key: FormKey, { form, pdf }: FormPdf, dossierCode: string | null): Promise<PrintedForm> {
    const outcome = await this.deps.printer.print({
      html: form.html,
      pdf,
      pageSize: form.pageSize,
      copies: form.copies,
      formKey: key,
      dossierCode,
    });
    return { formKey: key, pageSize: form.pageSize, copies: form.copies, ...outcome };
  }

  /** The device settings' Test page, through the same PDF and printer path as the forms. */
  async printTestPage(pageSize: PageSize, printer: string | null, printedAt: string): Promise<FormPrintOutcome> {
    const html = formTestPageHtml({ pageSize, agencyName: this.deps.site().agencyName, printer, printedAt });
    const pdf = await this.deps.pdfRenderer.renderPdf(html, { pageSize });
    return this.deps.printer.print({ html, pdf, pageSize, copies: 1, formKey: 'test_page', dossierCode: null });
  }

  private async complete<K extends FormKey>(key: K, site: Site, input: FormServiceInput<K>): Promise<FormInputs[K]> {
    if (key !== 'receipt') return { ...input, site } as unknown as FormInputs[K];
    const receipt = input as FormServiceInput<'receipt'>;
    const url = lookupUrl(site, receipt.dossier.code);
    const full: ReceiptInput = {
      ...receipt,
      site,
      qrSvg: url === null ? null : await qrCodeSvg(url),
      barcodeSvg: code128Svg(receipt.dossier.code),
    };
    return full as FormInputs[K];
  }
}
