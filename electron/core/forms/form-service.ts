import {
  formsFor,
  lookupUrl,
  renderForm,
  type FormInputs,
  type FormKey,
  type FormSummary,
  type PageSize,
  type ReceiptInput,
  type RenderedForm,
} from '../../../shared/forms';
import { formTestPageHtml } from '../../../shared/forms/test-page';
import type { Site } from '../../../shared/reception/dossier-view';
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

  async render<K extends FormKey>(key: K, input: FormServiceInput<K>): Promise<RenderedForm> {
    const site = this.deps.site();
    return renderForm(key, site.formSet, await this.complete(key, site, input));
  }

  async pdf<K extends FormKey>(key: K, input: FormServiceInput<K>): Promise<FormPdf> {
    const form = await this.render(key, input);
    const pdf = await this.deps.pdfRenderer.renderPdf(form.html, { pageSize: form.pageSize });
    return { form, pdf };
  }

  async print<K extends FormKey>(key: K, input: FormServiceInput<K>): Promise<PrintedForm> {
    const { form, pdf } = await this.pdf(key, input);
    const outcome = await this.deps.printer.print({
      html: form.html,
      pdf,
      pageSize: form.pageSize,
      copies: form.copies,
      formKey: key,
      dossierCode: dossierCodeOf(input),
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
