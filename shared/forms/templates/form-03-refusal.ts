import { AppError } from '../../ipc/result';
import { formatPlaceDate } from '../format';
import { fill, html } from '../html';
import { addressedTo, heading, line, partyLines, signatures, title, topLine } from '../layout';
import type { Template } from './context';

/** Mẫu 03: the legal reasons for not accepting the dossier, never a technical error code. */
export const refusalTemplate: Template<'refusal'> = ({ common, wording }, input) => {
  if (input.reasons.length === 0) throw new AppError('FORM_REASONS_EMPTY');
  const { site, applicant } = input;
  const units = { unit: site.unitName, agency: site.agencyName };
  const sheet = html`${topLine(input.documentCode)}
${heading(common, site, formatPlaceDate(site.place, input.issuedAtLocal))}
${title(wording.title)}
${addressedTo(common, applicant)}
<p>${fill(wording.receivedFrom, units)}</p>
${partyLines(common, applicant, '')}
${line(common.request, input.procedure.name, true)}
<p>${fill(wording.decision, units)}</p>
<ol class="items">${input.reasons.map((reason) => html`<li>${reason}</li>`)}</ol>
<p>${fill(wording.closing, { addressee: common.addressee[applicant.kind] })}</p>
${signatures(common, [{ title: input.officer.title?.trim() || wording.signer, name: input.officer.fullName }])}`;
  return { sheets: [sheet] };
};
