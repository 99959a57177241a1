import type { CleanupInput } from '../cleanup/clean-page';
import type { CleanedPage, ComponentPdfMetadata, DecodedBarcode, PdfPageInput } from '../types';

/** The work a digitize worker does; each kind is one CPU-heavy step of docs/architecture.md §7. */
export type DigitizeTask =
  | { kind: 'cleanup'; input: CleanupInput }
  | { kind: 'assemble-pdf'; pages: PdfPageInput[]; metadata: ComponentPdfMetadata }
  | { kind: 'barcodes'; image: Uint8Array; wasmFile: string };

export type DigitizeResult =
  { kind: 'cleanup'; page: CleanedPage } | { kind: 'assemble-pdf'; pdf: Uint8Array } | { kind: 'barcodes'; barcodes: DecodedBarcode[] };

/** The buffers a task or result owns, handed to the other thread without copying. */
export function transferablesOf(value: DigitizeTask | DigitizeResult): ArrayBuffer[] {
  const views = viewsOf(value);
  const buffers = new Set<ArrayBuffer>();
  for (const view of views) {
    // Only whole, unshared buffers can move; a view into a shared pool (Node's Buffer slab) is copied.
    if (view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength) buffers.add(view.buffer);
  }
  return [...buffers];
}

function viewsOf(value: DigitizeTask | DigitizeResult): Uint8Array[] {
  switch (value.kind) {
    case 'cleanup':
      return ['input' in value ? value.input.bytes : value.page.bytes];
    case 'assemble-pdf':
      return 'pages' in value ? value.pages.map((page) => page.image) : [value.pdf];
    case 'barcodes':
      return 'image' in value ? [value.image] : [];
  }
}
