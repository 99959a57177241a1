import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { paperWidths, receivedSlip, returnedSlip, testSlip, type PaperWidth } from '../../../../shared/printing/slip-layout';
import { utcToVietnamLocal } from '../../../../shared/forms/format';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import type { DossierView } from '../../../../shared/reception/dossier-view';
import { DossierRepository } from '../../../../db/repositories/dossier-repository';
import { ChromiumPdfRenderer } from '../../platform/chromium-pdf-renderer';
import { createCore, type Core } from '../../create-core';
import { createFormService } from '../../forms';
import { printToAddress } from '../../printing/printer-address';
import type { SlipPrintResult } from '../../printing';
import type { CliCommand } from '../cli-command';
import type { CliIo } from '../cli-io';

/** Official form numbers site IT types, to the app's form keys; only Form 01 needs nothing but the dossier. */
const FORMS: Record<string, 'receipt'> = { '01': 'receipt' };

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
export const printCommand: CliCommand = async (args, { io, dataDir, resourcesDir, appVersion }) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { printer: { type: 'string' }, paper: { type: 'string' }, dossier: { type: 'string' }, out: { type: 'string' } },
  });
  const [action, formNumber] = positionals;
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
  const formKey = action === 'form' ? FORMS[formNumber ?? ''] : null;
  if (action === 'form' && !formKey) throw new AppError('CLI_USAGE', { details: `print form ${formNumber ?? ''}: chỉ hỗ trợ 01` });
  // A one-off command: syncing is `quay sync`'s job, so no pass starts (and none has to be waited for at close).
  const core = await createCore({ dataDir, resourcesDir, appVersion, idleSweepMs: null, sync: { background: false } });
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
    const renderer = new ChromiumPdfRenderer();
    try {
      const forms = createFormService({ site: () => site, pdfRenderer: renderer, dataDir });
      const { form, pdf } = await forms.pdf(formKey!, { dossier });
      fs.writeFileSync(out!, pdf);
      io.out(
        formatMessage(uiText.cli.formWritten, {
          form: `Mẫu ${formNumber}`,
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
