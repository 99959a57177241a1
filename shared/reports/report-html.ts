import { html, type SafeHtml } from '../forms/html';
import { documentShell, title } from '../forms/layout';
import { formatMessage, uiText } from '../i18n/vi';
import type { DossierReport } from './report-schema';
import { asOfLine, detailRows, HEADER_CELLS, periodLine, templateRows } from './report-sheet';

const t = uiText.reports;

const CSS = `
table.report { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8.5pt; margin-top: 3mm; }
table.report th, table.report td { border: 0.6pt solid #000; padding: 1mm; }
table.report th { font-weight: bold; text-align: center; }
table.report td.num { text-align: right; }
table.report tr.total td { font-weight: bold; }
table.details { width: 60%; border-collapse: collapse; font-size: 8.5pt; margin-top: 4mm; break-inside: avoid; }
table.details td { border: 0.6pt solid #000; padding: 0.8mm 1.5mm; }
table.details td.num { text-align: right; width: 25%; }
.report-head { display: flex; justify-content: space-between; font-size: 8.5pt; }
.report-note { font-style: italic; text-align: right; font-size: 8.5pt; }
`;

/** Column widths in % of the A4 landscape line: the sector name takes a quarter, the eleven figures share the rest. */
const WIDTHS = [4, 25, 6.5, 6.5, 7.5, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 6, 6];

function header(): SafeHtml {
  const rows = [1, 2, 3].map(
    (row) =>
      html`<tr>${HEADER_CELLS.filter((cell) => cell.row === row).map(
        (cell) => html`<th rowspan="${cell.rowSpan}" colspan="${cell.colSpan}">${cell.text}</th>`,
      )}</tr>`,
  );
  const numbers = html`<tr>${WIDTHS.map((_, i) => html`<th>${i + 1}</th>`)}</tr>`;
  return html`<thead>${rows}${numbers}</thead>`;
}

/** The report on A4 landscape, printed through the forms' PDF and printer path (electron/core/reports). */
export function reportHtml(report: DossierReport, reportingUnit: string): string {
  const body = templateRows(report).map(
    (cells, i, all) =>
      html`<tr class="${i === all.length - 1 ? 'total' : ''}">${cells.map((cell) => html`<td class="${typeof cell === 'number' ? 'num' : ''}">${cell}</td>`)}</tr>`,
  );
  const sheet = html`<div class="report-head"><span class="strong">${t.templateCode}<br>${t.templateBasis}</span><span>${formatMessage(t.reportingUnit, { unit: reportingUnit })}</span></div>
${title(t.sheetTitle, periodLine(report))}
<div class="report-note">${t.unit} ${asOfLine(report)}</div>
<table class="report"><colgroup>${WIDTHS.map((w) => html`<col style="width:${w}%">`)}</colgroup>${header()}<tbody>${body}</tbody></table>
<table class="details"><tbody>${detailRows(report).map(([label, value]) => html`<tr><td>${label}</td><td class="num">${value}</td></tr>`)}</tbody></table>`;
  return documentShell({ title: t.title, pageSize: 'A4', css: CSS, sheets: [sheet] });
}
