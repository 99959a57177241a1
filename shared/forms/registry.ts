import { AppError } from '../ipc/result';
import type { FormDefinition, FormSetData } from './form-set';
import { documentShell } from './layout';
import { set2018 } from './sets/set-2018';
import { set2025 } from './sets/set-2025';
import { apologyTemplate } from './templates/form-04-apology';
import type { Template } from './templates/context';
import { controlSlipTemplate } from './templates/control-slip';
import { receiptTemplate } from './templates/form-01-receipt';
import { refusalTemplate } from './templates/form-03-refusal';
import { registerTemplate } from './templates/register';
import { stopNoticeTemplate } from './templates/stop-notice';
import { supplementRequestTemplate } from './templates/form-02-supplement-request';
import type { ControlSlipInput, FormInputs, FormKey, FormSetId, PageSize, ReceiptInput, RenderedForm } from './types';

const SETS: Record<FormSetId, FormSetData> = { '2018': set2018, '2025': set2025 };

const TEMPLATES: { [K in FormKey]: Template<K> } = {
  receipt: receiptTemplate,
  supplement_request: supplementRequestTemplate,
  refusal: refusalTemplate,
  apology: apologyTemplate,
  stop_notice: stopNoticeTemplate,
  control_slip: controlSlipTemplate,
  register: registerTemplate,
};

export interface FormSummary {
  key: FormKey;
  number: string;
  title: string;
  pageSize: PageSize;
}

export type FormSetInfo = Pick<FormSetData, 'id' | 'legalBasis' | 'confirmed' | 'note'>;

/** The site's choice arrives from settings and the wire, so an unknown set is a reported error, not a crash. */
function setData(set: FormSetId): FormSetData {
  const data = Object.prototype.hasOwnProperty.call(SETS, set) ? SETS[set] : undefined;
  if (!data) throw new AppError('FORM_SET_UNKNOWN', { set: String(set) });
  return data;
}

export function formSet(set: FormSetId): FormSetInfo {
  const { id, legalBasis, confirmed, note } = setData(set);
  return { id, legalBasis, confirmed, note };
}

/** The forms of a set in their official order. */
export function formsFor(set: FormSetId): FormSummary[] {
  const data = setData(set);
  return Object.entries(data.forms)
    .map(([key, definition]) => ({
      key: key as FormKey,
      number: definition.number,
      title: definition.wording.title,
      pageSize: definition.pageSize,
    }))
    .sort((a, b) => a.number.localeCompare(b.number));
}

export function hasForm(set: FormSetId, key: FormKey): boolean {
  return setData(set).forms[key] !== undefined;
}

function renderSheets<K extends FormKey>(key: K, set: FormSetId, input: FormInputs[K]) {
  const data = setData(set);
  const definition: FormDefinition<K> | undefined = data.forms[key];
  if (!definition) throw new AppError('FORM_NOT_IN_SET', { set, form: key });
  const template: Template<K> = TEMPLATES[key];
  return { definition, output: template({ common: data.common, wording: definition.wording }, input) };
}

/** Renders a form of the given set to a complete HTML document, with the paper it is meant for. */
export function renderForm<K extends FormKey>(key: K, set: FormSetId, input: FormInputs[K]): RenderedForm {
  const { definition, output } = renderSheets(key, set, input);
  const html = documentShell({
    title: definition.wording.title,
    pageSize: definition.pageSize,
    css: output.css,
    sheets: output.sheets,
  });
  return { html, pageSize: definition.pageSize, copies: output.sheets.length };
}

/**
 * The receipt as the counter prints it at acceptance: copy 1, then the control slip (Mẫu 05 of 2018,
 * 06 of 2025), then copy 2. Copy 1 and the slip stay with the paper file and travel with it; copy 2
 * goes to the applicant (docs/domain.md §5.1). Both forms are A5, so one document prints them all.
 */
export function renderReceiptWithControlSlip(set: FormSetId, receipt: ReceiptInput, controlSlip: ControlSlipInput): RenderedForm {
  const first = renderSheets('receipt', set, receipt);
  const slip = renderSheets('control_slip', set, controlSlip);
  const [copy1, ...others] = first.output.sheets;
  const sheets = [copy1!, ...slip.output.sheets, ...others];
  const html = documentShell({
    title: first.definition.wording.title,
    pageSize: first.definition.pageSize,
    css: (first.output.css ?? '') + (slip.output.css ?? ''),
    sheets,
  });
  return { html, pageSize: first.definition.pageSize, copies: sheets.length };
}
