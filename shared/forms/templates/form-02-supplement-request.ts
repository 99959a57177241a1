import { AppError } from '../../ipc/result';
import { formatPlaceDate } from '../format';
import { fill, html } from '../html';
import { heading, line, partyLines, signatures, title, topLine } from '../layout';
import type { Template } from './context';

/** Mẫu 02: what to add or correct, each with its reason, and whom to ask for guidance. */
export const supplementRequestTemplate: Template<'supplement_request'> = ({ common, wording }, input) => {
  if (input.items.length === 0) throw new AppError('FORM_REASONS_EMPTY');
  const { site, applicant } = input;
  const signerTitle = input.guidingOfficer.title?.trim() || wording.signer;
  const sheet = html`${topLine(input.documentCode)}
${heading(common, site, formatPlaceDate(site.place, input.issuedAtLocal))}
${title(wording.title)}
${input.dossierCode ? html`<p class="subtitle">${common.dossierCode} <span class="strong">${input.dossierCode}</span></p>` : null}
${partyLines(common, applicant, wording.dossierOf)}
${line(common.request, input.procedure.name, true)}
<p>${wording.intro}</p>
<ol class="items">${input.items.map(
    (item) => html`<li><span class="strong">${item.name}</span><br>${fill(wording.reason, { reason: item.reason })}</li>`,
  )}</ol>
<p>${fill(wording.contact, {
    addressee: common.addressee[applicant.kind],
    officer: input.guidingOfficer.fullName,
    phone: input.contactPhone,
  })}</p>
${signatures(common, [{ title: signerTitle, name: input.guidingOfficer.fullName }])}`;
  return { sheets: [sheet] };
};
