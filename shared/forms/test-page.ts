import { uiText } from '../i18n/vi';
import { html } from './html';
import { documentShell } from './layout';
import type { PageSize } from './types';

/**
 * The form printer's Test page (device settings): the forms' own page rules, font and margins, a
 * frame on the printable area so clipped margins show, and the pangram with every Vietnamese tone
 * mark, so an officer sees at once whether the forms will come out right on this printer.
 */
export function formTestPageHtml(options: { pageSize: PageSize; agencyName: string; printer: string | null; printedAt: string }): string {
  const text = uiText.devices;
  const sheet = html`<section class="sheet" style="border: 0.4mm solid #000; padding: 4mm; min-height: 180mm">
    <h1 style="text-align: center; font-size: 13pt; margin: 2mm 0 4mm">${text.testFormTitle}</h1>
    <p>${options.agencyName}</p>
    <p>${text.testFormPage}: ${options.pageSize} · ${text.testFormPrinter}: ${options.printer ?? text.none} · ${options.printedAt}</p>
    <p style="font-size: 12pt">${uiText.slip.testPangram}</p>
    <p style="font-size: 12pt; text-transform: uppercase">${uiText.slip.testPangram}</p>
    <p>${text.testFormHint}</p>
  </section>`;
  return documentShell({ title: text.testFormTitle, pageSize: options.pageSize, sheets: [sheet] });
}
