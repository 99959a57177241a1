import type { FormKey, PageSize } from '../../../../shared/forms';

export interface FormPrintJob {
  html: string;
  /** The record of what was printed (docs/devices.md §2.5): kept whatever the printer does. */
  pdf: Uint8Array;
  pageSize: PageSize;
  /** Copies (liên) the document holds; it is printed once. */
  copies: number;
  /** `test_page`: the device settings' Test page, which belongs to no dossier; `periodic_report`: the supervisor's report (electron/core/reports). */
  formKey: FormKey | 'test_page' | 'periodic_report';
  /** Null for forms that belong to no single dossier (a refusal, the register). */
  dossierCode: string | null;
}

export interface FormPrintOutcome {
  /** True only when paper came out, or at least a printer accepted the job. */
  printed: boolean;
  /** Where the PDF was kept, when it was. */
  savedPath: string | null;
}

/** An A5/A4 form printer (docs/architecture.md §6). The device work plugs real printers in behind this port. */
export interface FormPrinter {
  print(job: FormPrintJob): Promise<FormPrintOutcome>;
}

/**
 * A host that prints HTML silently to a named system printer (Electron main's webContents.print).
 * Resolves once the job is spooled; rejects with the host's technical reason.
 */
export type HostFormPrint = (html: string, options: { pageSize: HostPageSize; deviceName: string }) => Promise<void>;

/** A form's paper, or a slip's own size for a thermal printer printed to through its driver. */
export type HostPageSize = PageSize | { widthMicrons: number; heightMicrons: number };
