import { separatorPayload } from '../../../../shared/digitize/separator-code';
import { html, SafeHtml } from '../../../../shared/forms/html';
import { uiText } from '../../../../shared/i18n/vi';
import { qrCodeSvg } from '../../forms/codes';
import type { PdfRenderer } from '../../platform/pdf-renderer';

/**
 * Separator sheets for one ADF batch (issue 3 §5): one A4 page per component with a QR naming it.
 * The officer stacks a sheet in front of each component's pages; the batch is routed by them and
 * the sheets themselves are removed.
 */
export interface SeparatorComponent {
  code: string;
  name: string;
}

async function sheet(procedureName: string, component: SeparatorComponent): Promise<SafeHtml> {
  const qr = await qrCodeSvg(separatorPayload(component.code));
  const t = uiText.digitize.separator;
  return html`<section class="sheet">
    <p class="hint">${t.title}</p>
    <div class="qr">${new SafeHtml(qr)}</div>
    <h1>${component.name}</h1>
    <p class="code">${t.componentCode}: ${component.code}</p>
    <p class="procedure">${procedureName}</p>
    <p class="hint">${t.instructions}</p>
  </section>`;
}

export async function separatorSheetsHtml(procedureName: string, components: SeparatorComponent[]): Promise<string> {
  const sheets = await Promise.all(components.map((component) => sheet(procedureName, component)));
  return html`<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
    @page { size: A4; margin: 20mm; }
    body { font-family: 'Times New Roman', 'DejaVu Serif', serif; }
    .sheet { page-break-after: always; text-align: center; padding-top: 30mm; }
    .sheet:last-child { page-break-after: auto; }
    .qr svg { width: 80mm; height: 80mm; }
    h1 { font-size: 20pt; margin: 10mm 0 4mm; }
    .code, .procedure { font-size: 13pt; }
    .hint { font-size: 12pt; font-style: italic; }
  </style></head><body>${sheets}</body></html>`.value;
}

export async function renderSeparatorSheets(
  renderer: PdfRenderer,
  procedureName: string,
  components: SeparatorComponent[],
): Promise<Uint8Array> {
  return renderer.renderPdf(await separatorSheetsHtml(procedureName, components), { pageSize: 'A4' });
}
