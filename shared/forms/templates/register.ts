import { AppError } from '../../ipc/result';
import type { DossierView, Site } from '../../reception/dossier-view';
import { dossierSite, leadAgencyOf } from '../dossier-forms';
import { formatDate, formatHourMinute, formatNumber, localDateOf, utcToVietnamLocal } from '../format';
import { fill, html, type SafeHtml } from '../html';
import { heading, title, topLine } from '../layout';
import type { RegisterWording } from '../wording';
import type { Template } from './context';

const CSS = `
html { font-size: 10pt; }
table.register { font-size: 8.5pt; table-layout: fixed; }
table.register td { overflow-wrap: anywhere; }
table.register td.code { white-space: nowrap; font-size: 8pt; }
table.register td.empty { text-align: center; font-style: italic; }
table.register .when { white-space: nowrap; }
`;

/** Widths in % of the A4 landscape line: the five date columns share a third. */
const COLUMN_WIDTHS = [4, 15, 13, 4.5, 15, 8, 6.3, 6.3, 6.3, 6.3, 6.3, 4.5, 4.5];
function when(local: string | null): SafeHtml | null {
  return local ? html`<span class="when">${formatDate(local)}</span><br><span class="when">${formatHourMinute(local)}</span>` : null;
}

function row(wording: RegisterWording, dossier: DossierView, site: Site): SafeHtml {
  const owner = dossier.owner;
  return html`<tr>
<td class="num">${formatNumber(dossier.register.number)}</td>
<td class="code">${dossier.code}</td>
<td>${dossier.procedure.name}</td>
<td class="num">${formatNumber(dossier.setsCount)}</td>
<td><span class="strong">${owner.fullName}</span><br>${owner.address}${owner.phone ? html`<br>${owner.phone}` : null}</td>
<td>${leadAgencyOf(dossier, dossierSite(dossier, site))}</td>
<td class="num">${when(dossier.receivedLocal)}</td>
<td class="num">${dossier.dueLocal ? when(dossier.dueLocal) : wording.noDueDate}</td>
<td></td>
<td></td>
<td class="num">${when(dossier.returnedAt ? utcToVietnamLocal(dossier.returnedAt) : null)}</td>
<td></td>
<td>${dossier.note}</td>
</tr>`;
}

/**
 * Mẫu 06 (2018) / 07 (2025), on A4 landscape. STT is the dossier's number in the register book, the
 * number the receipt cites as "Số thứ tự". The lead agency comes from the procedure (the receiving
 * agency when the catalogue names none). Columns the app does not track yet (transfer and result
 * hand-over dates, signature) stay empty, to be filled in the book by hand.
 */
export const registerTemplate: Template<'register'> = ({ common, wording }, input) => {
  const from = localDateOf(input.fromLocal);
  const to = localDateOf(input.toLocal);
  if (from > to) throw new AppError('FORM_RANGE_INVALID', { from: formatDate(from), to: formatDate(to) });
  const { columns } = wording;
  const sheet = html`${topLine(input.documentCode)}
${heading(common, input.site, null)}
${title(wording.title, fill(wording.period, { from: formatDate(from), to: formatDate(to) }))}
<table class="grid register">
<colgroup>${COLUMN_WIDTHS.map((width) => html`<col style="width:${width}%">`)}</colgroup>
<thead>
<tr><th rowspan="2">${columns.no}</th><th rowspan="2">${columns.code}</th><th rowspan="2">${columns.procedure}</th><th rowspan="2">${columns.sets}</th><th rowspan="2">${columns.applicant}</th><th rowspan="2">${columns.leadAgency}</th><th colspan="5">${columns.datesGroup}</th><th rowspan="2">${columns.signature}</th><th rowspan="2">${columns.note}</th></tr>
<tr><th>${columns.received}</th><th>${columns.due}</th><th>${columns.transferred}</th><th>${columns.resultReceived}</th><th>${columns.returned}</th></tr>
</thead>
<tbody>${
    input.rows.length === 0
      ? html`<tr><td class="empty" colspan="13">${wording.empty}</td></tr>`
      : input.rows.map((dossier) => row(wording, dossier, input.site))
  }</tbody>
</table>`;
  return { css: CSS, sheets: [sheet] };
};
