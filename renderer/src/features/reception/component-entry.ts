import type { PageView } from '../../../../shared/digitize/page-view';
import type { ComponentInput, StoredFile } from '../../../../shared/reception/draft';

type ReuseKind = NonNullable<ComponentInput['reuseKind']>;

/** 'online': filed through the portal with the online dossier being accepted; `files` are those the gateway fetched. */
export type ComponentMode = 'attach' | 'reuse' | 'waive' | 'online';

/** One checklist slot as the officer is filling it in. */
export interface ComponentEntry {
  mode: ComponentMode;
  files: StoredFile[];
  reuseRef: string;
  /** 'result' when the officer picked an earlier dossier's result for this slot (state 3). */
  reuseKind: ReuseKind;
  waiveReason: string;
  /** The names of the files the applicant filed online for this slot (mode 'online'). */
  onlineFiles: string[];
  uploading: number;
  error: string | null;
}

export const emptyEntry = (): ComponentEntry => ({
  mode: 'attach',
  files: [],
  reuseRef: '',
  reuseKind: 'document',
  waiveReason: '',
  onlineFiles: [],
  uploading: 0,
  error: null,
});

/** What the slot means for the dossier: a slot set to "attach" with no file or scanned page yet is simply missing. */
export function componentInput(code: string, entry: ComponentEntry, pages: PageView[] = []): ComponentInput {
  if (entry.mode === 'reuse')
    return { code, state: 'reused', files: [], reuseRef: entry.reuseRef, reuseKind: entry.reuseKind, waiveReason: null };
  // The files the gateway fetched from the portal (online-prefill.ts): the received dossier keeps them.
  if (entry.mode === 'online') return { code, state: 'submittedOnline', files: entry.files, reuseRef: null, waiveReason: null };
  if (entry.mode === 'waive') return { code, state: 'waived', files: [], reuseRef: null, waiveReason: entry.waiveReason };
  const files = [...entry.files, ...pages.map((page) => page.file)];
  return { code, state: files.length > 0 ? 'attached' : 'missing', files, reuseRef: null, waiveReason: null };
}
