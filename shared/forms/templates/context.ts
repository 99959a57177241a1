import type { SafeHtml } from '../html';
import type { FormInputs, FormKey } from '../types';
import type { CommonWording, FormWordings } from '../wording';

export interface TemplateContext<W> {
  common: CommonWording;
  wording: W;
}

export interface TemplateOutput {
  /** Each sheet starts on a new page. */
  sheets: SafeHtml[];
  /** Extra CSS for this form only. */
  css?: string;
}

/** Arranges a set's wording and the input's values; the registry adds the document shell and page size. */
export type Template<K extends FormKey> = (context: TemplateContext<FormWordings[K]>, input: FormInputs[K]) => TemplateOutput;
