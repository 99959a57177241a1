import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { paperWidths, receivedSlip, returnedSlip, testSlip, type PaperWidth } from '../../../../shared/printing/slip-layout';
import { controlSlipOf, dossierSite, formsFor, hasForm, utcToVietnamLocal, type FormSetId } from '../../../../shared/forms';
import { toVietnamLocal } from '../../../../shared/domain/vietnam-time';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import type { DossierView, Site } from '../../../../shared/reception/dossier-view';
import { DossierRepository } from '../../../../db/repositories/dossier-repository';
import { ChromiumPdfRenderer } from '../../platform/chromium-pdf-renderer';
import { createCore, type Core } from '../../create-core';
import { createFormService, type FormPdf, type FormService } from '../../forms';
import { printToAddress } from '../../printing/printer-address';
import type { SlipPrintResult } from '../../printing';
import type { CliCommand } from '../cli-command';
import type { CliIo } from '../cli-io';

/** The forms of one dossier the CLI writes; the others need an officer's wording and are printed from the window. */
const CLI_FORMS = ['receipt', 'control_slip', 'stop_notice', 'apology'] as const;
type CliForm = (typeof CLI_FORMS)[number];

const isCliForm = (key: string): key is CliForm => (CLI_FORMS as readonly string[]).includes(key);

/** The dossier's own documents print in its reception snapshot's set; documents issued now in today's. */
function printSetOf(form: CliForm, dossierSet: FormSetId, todaySet: FormSetId): FormSetId {
  return form === 'receipt' || form === 'control_slip' ? dossierSet : todaySet;
}

/**
 * A form by its stable key (`control_slip`) or by its number in the set of the dossier's receipt
 * (`05` under 2018, `06` under 2025): numbers shift between sets, keys do not (docs/domain.md §5.2).
 */
function formOf(typed: string | undefined, dossierSet: FormSetId, todaySet: FormSetId): CliForm {
  const key = (typed ?? '').trim().replace(/-/g, '_');
  const form = isCliForm(key) ? key : formsFor(dossierSet).find((f) => f.number === key.padStart(2, '0'))?.key;
  if (form && isCliForm(form) && hasForm(printSetOf(form, dossierSet, todaySet), form)) return form;
  const offered = CLI_FORMS.filter((f) => hasForm(printSetOf(f, dossierSet, todaySet), f));
  throw new AppError('CLI_USAGE', { details: `print form ${typed ?? ''}: ${offered.join(', ')}` });
}

/** Writes one form of a dossier to a PDF, as the counter prints it: the receipt carries the control slip after copy 1. */
async function formPdf(
  forms: FormService,
  form: CliForm,
  dossier: DossierView,
  site: Site,
  values: FormFlags,
  now: Date,
): Promise<FormPdf> {
  const issuedAtLocal = toVietnamLocal(now);
  const reasons = (values.reason ?? []).map((r) => r.trim()).filter(Boolean);
  switch (form) {
    case 'receipt':
      return forms.receiptWithControlSlipPdf(dossier);
    case 'control_slip':
      return forms.pdf('control_slip', controlSlipOf(dossier, dossierSite(dossier, site)));
    case 'stop_notice':
      return forms.pdf('stop_notice', { dossier, reasons, issuedAtLocal, signer: null });
    case 'apology': {
      const newDueLocal = requireFlag(values['new-due'], '--new-due');
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(newDueLocal)) throw new AppError('CLI_USAGE', { details: '--new-due YYYY-MM-DDTHH:mm' });
      return forms.pdf('apology', { dossier, reason: requireFlag(reasons[0], '--reason'), newDueLocal, issuedAtLocal });
    }
  }
}

interface FormFlags {
  reason?: string[];
  'new-due'?: string;
}

function requireFlag(value: string | undefined, flag: string): string {
  if (!value) throw new AppError('CLI_USAGE', { details: `thiếu ${flag}` });
  return value;
}

function paperOf(value: string | undefined): PaperWidth {
  const paper = (value ?? '80mm') as PaperWidth;
  if (!paperWidths.includes(paper)) throw new AppError('CLI_USAGE', { details: `--paper ${paperWidths.join('|')}` });
  return paper;
}

function report(io: CliIo, printer: string, result: SlipPrintResult): void {
  if (result.outcome === 'printed') {
    io.out(
      formatMessage(uiText.cli.printPrinted, {
        printer,
        bytes: result.bytes,
        paperNearEnd: result.paperNearEnd ? uiText.cli.printPaperNearEnd : '',
      }),
    );
  } else io.out(formatMessage(uiText.cli.printHandedOver, { printer, bytes: result.bytes }));
}

function dossierByCode(core: Core, code: string): DossierView {
  const row = new DossierRepository(core.database.db).findByCode(code.trim().toUpperCase());
  if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code: code.slice(0, 40) });
  return row.view;
}

/**
 * `quay print test|slip|form`: the receipt printer and forms without the window. Slips and forms
 * read the local database; `--printer` takes the same addresses as the device settings.
 */
export const printCommand: CliCommand = async (args, { io, dataDir, resourcesDir, appVersion, clock, atRestSecret }) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      printer: { type: 'string' },
      paper: { type: 'string' },
      dossier: { type: 'string' },
      out: { type: 'string' },
      reason: { type: 'string', multiple: true },
      'new-due': { type: 'string' },
    },
  });
  const [action, formName] = positionals;
  if (action === 'test') {
    const printer = requireFlag(values.printer, '--printer');
    const local = utcToVietnamLocal(new Date().toISOString()).replace('T', ' ').slice(0, 16);
    report(
      io,
      printer,
      await printToAddress(printer, () => testSlip({ agencyName: 'Quầy Một Cửa' }, printer, local), {
        paper: paperOf(values.paper),
        resourcesDir,
      }),
    );
    return 0;
  }
  if (action !== 'slip' && action !== 'form') throw new AppError('CLI_USAGE', { details: `print ${positionals.join(' ')}`.trim() });
  const code = requireFlag(values.dossier, '--dossier');
  const printer = action === 'slip' ? requireFlag(values.printer, '--printer') : null;
  const out = action === 'form' ? requireFlag(values.out, '--out') : null;
  // A one-off command: syncing is `quay sync`'s job, so no pass starts (and none has to be waited for at close).
  const core = await createCore({
    dataDir,
    dataAtRestSecret: atRestSecret,
    resourcesDir,
    appVersion,
    idleSweepMs: null,
    sync: { background: false },
  });
  try {
    const dossier = dossierByCode(core, code);
    const site = core.services.site.get();
    if (printer) {
      report(
        io,
        printer,
        await printToAddress(
          printer,
          (paper) => (dossier.returnedAt ? returnedSlip(site, dossier, paper) : receivedSlip(site, dossier, paper)),
          { paper: paperOf(values.paper), resourcesDir },
        ),
      );
      return 0;
    }
    const dossierSet = dossierSite(dossier, site).formSet;
    const formKey = formOf(formName, dossierSet, site.formSet);
    const printSet = printSetOf(formKey, dossierSet, site.formSet);
    const number = formsFor(printSet).find((f) => f.key === formKey)!.number;
    const renderer = new ChromiumPdfRenderer();
    try {
      const forms = createFormService({ site: () => site, pdfRenderer: renderer, dataDir });
      const { form, pdf } = await formPdf(forms, formKey, dossier, site, values, clock?.now() ?? new Date());
      fs.writeFileSync(out!, pdf);
      io.out(
        formatMessage(uiText.cli.formWritten, {
          form: `Mẫu ${number}`,
          code: dossier.code,
          pages: form.copies,
          pageSize: form.pageSize,
          file: out!,
        }),
      );
    } finally {
      await renderer.close();
    }
    return 0;
  } finally {
    await core.close();
  }
};
