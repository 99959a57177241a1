import { formatDue, formatDayMonthYear, formatPlaceDate, formatTimeAndDate } from '../format';
import { fill, html } from '../html';
import { addressedTo, heading, line, signatures, title, topLine, valueOrBlank } from '../layout';
import type { Template } from './context';

/**
 * Mẫu 04: the apology for a late result with the new appointment (2018), or with the request to
 * extend the processing time (2025); the difference is all in the wording.
 */
export const apologyTemplate: Template<'apology'> = ({ common, wording }, input) => {
  const { site, dossier } = input;
  const owner = dossier.owner;
  const values = {
    agency: site.agencyName,
    addressee: common.addressee[owner.kind],
    procedure: html`<span class="strong">${dossier.procedure.name}</span>`,
    code: html`<span class="strong">${dossier.code}</span>`,
    date: formatDayMonthYear(dossier.receivedLocal),
    due: formatDue(dossier.dueLocal),
    reason: input.reason,
    newDue: html`<span class="strong">${formatTimeAndDate(input.newDueLocal)}</span>`,
  };
  const sheet = html`${topLine(input.documentCode)}
${heading(common, site, formatPlaceDate(site.place, input.issuedAtLocal))}
${title(wording.title)}
${addressedTo(common, owner)}
${line(common.address, owner.address)}
<p>${common.phone} ${valueOrBlank(owner.phone)}</p>
<p>${fill(wording.received, values)}</p>
<p>${fill(wording.originalDue, values)}</p>
<p>${fill(wording.notReturned, values)}</p>
<p>${fill(wording.apology, values)}</p>
<p>${fill(wording.closing, values)}</p>
${signatures(common, [{ title: input.signer?.title?.trim() || wording.signer, name: input.signer?.fullName ?? null }])}`;
  return { sheets: [sheet] };
};
