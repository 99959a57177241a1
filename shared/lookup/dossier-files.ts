import { z } from 'zod';
import { signatureVerdictSchema } from '../signing/verdict';

/** The result documents of a dossier travel as components `KQ1`, `KQ2` … (electron/core/return). */
const RESULT_CODE = /^KQ(\d+)$/;

export const dossierFileKinds = ['component', 'result'] as const;

/**
 * One file of a dossier in the look-up: a component's file, or a result document, from this counter
 * or from the province (a held copy's list). `verdict` is the signature check kept with the file since
 * it arrived (docs/devices.md §7.4); null while the file is only on the gateway (`downloaded` false).
 */
export const dossierFileSchema = z.object({
  kind: z.enum(dossierFileKinds),
  componentCode: z.string(),
  /** The component's name, or the result document's as the officer named it; null when unknown here. */
  title: z.string().nullable(),
  /** The file's name as attached; null for a file known only from the province's list. */
  fileName: z.string().nullable(),
  sha256: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  downloaded: z.boolean(),
  verdict: signatureVerdictSchema.nullable(),
});
export type DossierFile = z.infer<typeof dossierFileSchema>;
export type ListedFile = Omit<DossierFile, 'downloaded' | 'verdict'>;

export interface DossierFileSources {
  /** The components of the dossier's view, for their names. */
  components: ReadonlyArray<{ code: string; name: string }>;
  componentFiles: ReadonlyArray<{ componentCode: string; sha256: string; fileName: string; mediaType: string; bytes: number }>;
  results: ReadonlyArray<{ position: number; name: string; sha256: string; fileName: string; mediaType: string; bytes: number }>;
  /** The province's list, for a dossier kept here as a held copy. */
  held: ReadonlyArray<{ componentCode: string; sha256: string; size: number; mediaType: string }>;
}

/**
 * The dossier's files, components first in the order of the view, then results by number; a file in
 * both this counter's records and the province's list appears once, with the name known here.
 */
export function listDossierFiles(sources: DossierFileSources): ListedFile[] {
  const names = new Map(sources.components.map((component) => [component.code, component.name]));
  const listed = new Map<string, ListedFile>();
  const add = (file: ListedFile) => {
    if (!listed.has(file.sha256)) listed.set(file.sha256, file);
  };
  for (const file of sources.componentFiles)
    add({
      kind: RESULT_CODE.test(file.componentCode) ? 'result' : 'component',
      componentCode: file.componentCode,
      title: names.get(file.componentCode) ?? null,
      fileName: file.fileName,
      sha256: file.sha256,
      size: file.bytes,
      mediaType: file.mediaType,
    });
  for (const result of sources.results)
    add({
      kind: 'result',
      componentCode: `KQ${result.position + 1}`,
      title: result.name,
      fileName: result.fileName,
      sha256: result.sha256,
      size: result.bytes,
      mediaType: result.mediaType,
    });
  for (const file of sources.held) {
    const result = RESULT_CODE.test(file.componentCode);
    add({
      kind: result ? 'result' : 'component',
      componentCode: file.componentCode,
      title: result ? null : (names.get(file.componentCode) ?? null),
      fileName: null,
      sha256: file.sha256,
      size: file.size,
      mediaType: file.mediaType,
    });
  }
  const order = new Map(sources.components.map((component, index) => [component.code, index]));
  const rank = (file: ListedFile) =>
    file.kind === 'result' ? 10_000 + Number(RESULT_CODE.exec(file.componentCode)![1]) : (order.get(file.componentCode) ?? 9_999);
  // Array.prototype.sort is stable: files of one component keep the order they were listed in.
  return [...listed.values()].sort((a, b) => rank(a) - rank(b));
}
