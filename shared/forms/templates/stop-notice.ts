import { AppError } from '../../ipc/result';
import { formatDayMonthYear, formatPlaceDate } from '../format';
import { fill, html } from '../html';
import { addressedTo, heading, line, signatures, title, topLine } from '../layout';
import type { Template } from './context';

/** 2025 Mẫu 05: processing of a received dossier is stopped, with the specific reasons. */
export const stopNoticeTemplate: Template<'stop_notice'> = ({ common, wording }, input) => {
  if (input.reasons.length === 0) throw new AppError('FORM_REASONS_EMPTY');
  const { site, dossier } = input;
  const owner = dossier.owner;
  const values = {
    agency: site.agencyName,
    addressee: common.addressee[owner.kind],
    procedure: html`<span class="strong">${dossier.procedure.name}</span>`,
    code: html`<span class="strong">${dossier.code}</span>`,
    date: formatDayMonthYear(dossier.receivedLocal),
  };
  const sheet = html`${topLine(input.documentCode)}
${heading(common, site, formatPlaceDate(site.place, input.issuedAtLocal))}
${title(wording.title)}
${addressedTo(common, owner)}
${line(common.address, owner.address)}
<p>${fill(wording.received, values)}</p>
<p>${fill(wording.decision, values)}</p>
<ol class="items">${input.reasons.map((reason) => html`<li>${reason}</li>`)}</ol>
<p>${fill(wording.closing, values)}</p>
${signatures(common, [{ title: input.signer?.title?.trim() || wording.signer, name: input.signer?.fullName ?? null }])}`;
  return { sheets: [sheet] };
};
