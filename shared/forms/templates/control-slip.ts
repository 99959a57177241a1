import { formatDue, formatTimeAndDate, formatTimeAndLongDate } from '../format';
import { fill, html, type SafeHtml } from '../html';
import { heading, line, title, topLine } from '../layout';
import type { ControlStep } from '../types';
import type { ControlSlipWording } from '../wording';
import type { Template } from './context';

const CSS = `
table.control { font-size: 8.5pt; }
table.control td.agency { width: 22%; }
table.control td.handover { width: 48%; }
table.control td.result { width: 17%; text-align: center; }
.hand-signs { display: flex; justify-content: space-between; text-align: center; margin-top: 0.5mm; }
.hand-signs > div { flex: 0 0 48%; min-height: 9mm; }
.hand-signs .who { font-style: italic; }
`;
function handOverCell(wording: ControlSlipWording, step: ControlStep | null): SafeHtml {
  const time = (local: string | null | undefined) => (local ? formatTimeAndLongDate(local) : wording.blankTime);
  return html`<div>${fill(wording.handedOver, { time: time(step?.handedOverLocal) })}</div>
<div>${fill(wording.received, { time: time(step?.receivedLocal) })}</div>
<div class="hand-signs"><div><span class="who">${wording.handedOverBy}</span><br>${step?.handedOverBy}</div><div><span class="who">${
    wording.receivedBy
  }</span><br>${step?.receivedBy}</div></div>`;
}

function row(wording: ControlSlipWording, step: ControlStep | null): SafeHtml {
  return html`<tr><td class="agency">${step?.agencyName}</td><td class="handover">${handOverCell(wording, step)}</td><td class="result">${
    step?.result ? wording.results[step.result] : null
  }</td><td>${step?.note}</td></tr>`;
}

/**
 * The control slip travels with the paper file and is signed at every hand-over, so besides the
 * steps already known it carries empty rows for the hand-overs still to come.
 */
export const controlSlipTemplate: Template<'control_slip'> = ({ common, wording }, input) => {
  const { site, dossier } = input;
  const blanks = Math.max(0, wording.minRows - input.steps.length);
  const { columns } = wording;
  const sheet = html`${topLine(input.documentCode)}
${heading(common, site, null)}
${title(wording.title, html`${common.dossierCode} <span class="strong">${dossier.code}</span>`)}
<p class="subtitle">${fill(wording.attachedTo, { name: html`<span class="strong">${dossier.owner.fullName}</span>` })}</p>
${line(common.request, dossier.procedure.name, true)}
<p>${fill(wording.receivedAndDue, { received: formatTimeAndDate(dossier.receivedLocal), due: formatDue(dossier.dueLocal) })}</p>
${line(wording.leadAgency, input.leadAgency)}
${line(wording.coAgencies, input.coAgencies.join('; '))}
<table class="grid control">
<thead><tr><th>${columns.agency}</th><th>${columns.handOver}</th><th>${columns.result}</th><th>${columns.note}</th></tr></thead>
<tbody>${input.steps.map((step) => row(wording, step))}${Array.from({ length: blanks }, () => row(wording, null))}</tbody>
</table>`;
  return { css: CSS, sheets: [sheet] };
};
