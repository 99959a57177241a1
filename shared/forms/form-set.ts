import type { FormKey, FormSetId, PageSize } from './types';
import type { CommonWording, FormWordings } from './wording';

export interface FormDefinition<K extends FormKey> {
  /** The form's number within its set ("01"…); numbers shift between sets, keys do not. */
  number: string;
  pageSize: PageSize;
  wording: FormWordings[K];
}

/** A versioned set of forms: its legal basis, whether it was checked, its wording. */
export interface FormSetData {
  id: FormSetId;
  legalBasis: string;
  /** False while the set is only reported, not checked against the official text (docs/domain.md §5.2). */
  confirmed: boolean;
  note: string;
  common: CommonWording;
  forms: { [K in FormKey]?: FormDefinition<K> };
}
