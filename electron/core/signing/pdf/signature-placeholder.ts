import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { AppError } from '../../../../shared/ipc/result';

/** Where the visible stamp goes (PDF points on the last page) and what it shows, drawn by the caller. */
export interface StampAppearance {
  rect: { x: number; y: number; width: number; height: number };
  /** A PNG of the stamp, width:height equal to the rect's. */
  png: Uint8Array;
}

export interface PlaceholderRequest {
  /** Bytes reserved for the CMS; the hex string in the file is twice as long. */
  contentsBytes: number;
  signingTime: Date;
  reason?: string;
  location?: string;
  stamp?: StampAppearance;
}

/** A PDF with an incremental update that holds an empty signature, and where the CMS goes. */
export interface PreparedPdf {
  bytes: Uint8Array;
  byteRange: [number, number, number, number];
  /** Offset of the first hex digit inside `<…>` and the number of hex digits reserved. */
  contentsOffset: number;
  contentsLength: number;
}

const BYTE_RANGE_WIDTH = 10;
const MAX_OBJECT_NUMBER = 8_388_607;

/**
 * Appends one signature field to a PDF as an incremental update (ISO 32000-1 §7.5.6): the original
 * bytes are kept as they are, so every earlier signature still covers exactly what it signed, and
 * only the objects this signature touches are written again after them (docs/architecture.md §3.2,
 * signing room). pdf-lib parses the file and serialises the touched objects; the update's xref table,
 * trailer and the fixed-width /ByteRange and /Contents are written here.
 */
export async function prepareSignaturePlaceholder(original: Uint8Array, request: PlaceholderRequest): Promise<PreparedPdf> {
  const previousXref = lastStartXref(original);
  let doc: PDFDocument;
  let pages: ReturnType<PDFDocument['getPages']>;
  try {
    doc = await PDFDocument.load(original, { updateMetadata: false });
    // A file pdf-lib half-recovers has no page tree, and getPages throws a TypeError rather than saying so.
    pages = doc.getPages();
  } catch (error) {
    throw new AppError('SIGN_PDF_UNREADABLE', { details: (error as Error).message });
  }
  if (doc.isEncrypted) throw new AppError('SIGN_PDF_UNREADABLE', { details: 'encrypted PDF' });
  if (pages.length === 0) throw new AppError('SIGN_PDF_UNREADABLE', { details: 'no pages' });
  const context = doc.context;
  // pdf-lib drops object streams and cross-reference streams after reading them, and does not count
  // their numbers: new objects must start above every number the file has ever used.
  context.largestObjectNumber = Math.max(context.largestObjectNumber, largestNumberInFile(original));
  const touched = new Set<number>();
  const sigRef = context.nextRef();
  const page = pages[pages.length - 1]!;
  const fieldName = uniqueFieldName(doc);

  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(fieldName),
    V: sigRef,
    F: 132, // Print + Locked
    P: page.ref,
    Rect: request.stamp ? rectArray(request.stamp.rect) : [0, 0, 0, 0],
  });
  if (request.stamp) widget.set(PDFName.of('AP'), context.obj({ N: await stampStream(doc, request.stamp) }));
  const widgetRef = context.register(widget);

  addToArray(context, page.node, 'Annots', widgetRef, page.ref, touched);
  const catalogRef = context.trailerInfo.Root as PDFRef;
  const acroForm = ensureAcroForm(context, doc.catalog, catalogRef, touched);
  addToArray(context, acroForm.dict, 'Fields', widgetRef, acroForm.ownerRef, touched);
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  touched.add(acroForm.ownerRef.objectNumber);

  const objects: Array<{ ref: PDFRef; bytes: Uint8Array }> = [];
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    // nextRef() handed out the first number after the file's own objects: anything above it is new.
    const isNew = ref.objectNumber > sigRef.objectNumber;
    if (isNew || touched.has(ref.objectNumber)) objects.push({ ref, bytes: serialise(ref, object) });
  }

  const sig = signatureDictionary(sigRef, request);
  return assembleUpdate(original, previousXref, context, catalogRef, objects, sig);
}

/** Top-level field names of the form (signature fields are always top-level here). */
function uniqueFieldName(doc: PDFDocument): string {
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const existing = new Set<string>();
  for (let i = 0; i < (fields?.size() ?? 0); i += 1) {
    const name = fields!.lookupMaybe(i, PDFDict)?.lookupMaybe(PDFName.of('T'), PDFString, PDFHexString);
    if (name) existing.add(name.decodeText());
  }
  let n = existing.size + 1;
  while (existing.has(`Signature${n}`)) n += 1;
  return `Signature${n}`;
}

function rectArray(rect: StampAppearance['rect']): number[] {
  return [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height];
}

async function stampStream(doc: PDFDocument, stamp: StampAppearance): Promise<PDFRef> {
  const image = await doc.embedPng(stamp.png);
  // pdf-lib writes embedded images on save(); this file never calls save(), so embed now.
  await image.embed();
  const { width, height } = stamp.rect;
  const content = `q ${width} 0 0 ${height} 0 0 cm /Img Do Q`;
  const stream = doc.context.flateStream(content, {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, width, height],
    Resources: { XObject: { Img: image.ref } },
  });
  return doc.context.register(stream);
}

/** Adds `ref` to the array at `key` of `dict`, rewriting whichever object really holds the array. */
function addToArray(context: PDFContext, dict: PDFDict, key: string, ref: PDFRef, owner: PDFRef, touched: Set<number>): void {
  const raw = dict.get(PDFName.of(key));
  if (raw instanceof PDFRef) {
    const array = context.lookup(raw, PDFArray);
    array.push(ref);
    touched.add(raw.objectNumber);
    return;
  }
  const array = raw instanceof PDFArray ? raw : context.obj([]);
  array.push(ref);
  dict.set(PDFName.of(key), array);
  touched.add(owner.objectNumber);
}

function ensureAcroForm(
  context: PDFContext,
  catalog: PDFDict,
  catalogRef: PDFRef,
  touched: Set<number>,
): { dict: PDFDict; ownerRef: PDFRef } {
  const raw = catalog.get(PDFName.of('AcroForm'));
  if (raw instanceof PDFRef) return { dict: context.lookup(raw, PDFDict), ownerRef: raw };
  const dict = raw instanceof PDFDict ? raw : context.obj({ Fields: [] });
  catalog.set(PDFName.of('AcroForm'), dict);
  touched.add(catalogRef.objectNumber);
  return { dict, ownerRef: catalogRef };
}

function serialise(ref: PDFRef, object: PDFObject): Uint8Array {
  const head = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1');
  const body = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(body, 0);
  return Buffer.concat([head, body, Buffer.from('\nendobj\n', 'latin1')]);
}

interface SignatureObject {
  ref: PDFRef;
  bytes: Uint8Array;
  byteRangeOffset: number;
  contentsOffset: number;
  contentsLength: number;
}

/** The /Sig dictionary, written by hand so /ByteRange and /Contents have fixed places and widths. */
function signatureDictionary(ref: PDFRef, request: PlaceholderRequest): SignatureObject {
  const head = `${ref.objectNumber} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange `;
  const byteRange = `[${Array.from({ length: 4 }, () => '0'.padEnd(BYTE_RANGE_WIDTH, ' ')).join(' ')}]`;
  const contentsLength = request.contentsBytes * 2;
  const middle = ' /Contents <';
  const tailParts = [`> /M ${PDFString.fromDate(request.signingTime).toString()}`];
  if (request.reason) tailParts.push(`/Reason ${PDFHexString.fromText(request.reason).toString()}`);
  if (request.location) tailParts.push(`/Location ${PDFHexString.fromText(request.location).toString()}`);
  const tail = `${tailParts.join(' ')} >>\nendobj\n`;
  const text = head + byteRange + middle + '0'.repeat(contentsLength) + tail;
  return {
    ref,
    bytes: Buffer.from(text, 'latin1'),
    byteRangeOffset: head.length,
    contentsOffset: head.length + byteRange.length + middle.length,
    contentsLength,
  };
}

function assembleUpdate(
  original: Uint8Array,
  previousXref: number,
  context: PDFContext,
  catalogRef: PDFRef,
  objects: Array<{ ref: PDFRef; bytes: Uint8Array }>,
  sig: SignatureObject,
): PreparedPdf {
  const separator = original[original.length - 1] === 0x0a ? '' : '\n';
  let offset = original.length + separator.length;
  const entries: Array<{ number: number; generation: number; offset: number }> = [];
  const chunks: Uint8Array[] = [original, Buffer.from(separator, 'latin1')];
  let sigStart = 0;
  for (const object of [...objects, { ref: sig.ref, bytes: sig.bytes }].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber)) {
    if (object.ref === sig.ref) sigStart = offset;
    entries.push({ number: object.ref.objectNumber, generation: object.ref.generationNumber, offset });
    chunks.push(object.bytes);
    offset += object.bytes.length;
  }
  const xrefOffset = offset;
  chunks.push(Buffer.from(xrefTable(entries) + trailer(context, catalogRef, previousXref, xrefOffset), 'latin1'));
  const bytes = Buffer.concat(chunks);

  const contentsOffset = sigStart + sig.contentsOffset;
  const gapStart = contentsOffset - 1;
  const gapEnd = contentsOffset + sig.contentsLength + 1;
  const byteRange: PreparedPdf['byteRange'] = [0, gapStart, gapEnd, bytes.length - gapEnd];
  const rangeText = `[${byteRange.map((n) => String(n).padEnd(BYTE_RANGE_WIDTH, ' ')).join(' ')}]`;
  bytes.write(rangeText, sigStart + sig.byteRangeOffset, 'latin1');
  return { bytes, byteRange, contentsOffset, contentsLength: sig.contentsLength };
}

function xrefTable(entries: Array<{ number: number; generation: number; offset: number }>): string {
  let text = 'xref\n';
  for (const entry of entries) {
    text += `${entry.number} 1\n${String(entry.offset).padStart(10, '0')} ${String(entry.generation).padStart(5, '0')} n\r\n`;
  }
  return text;
}

function trailer(context: PDFContext, catalogRef: PDFRef, previousXref: number, xrefOffset: number): string {
  const parts = [`/Size ${context.largestObjectNumber + 1}`, `/Root ${catalogRef.toString()}`, `/Prev ${previousXref}`];
  const { Info, ID } = context.trailerInfo;
  if (Info) parts.push(`/Info ${Info.toString()}`);
  if (ID) parts.push(`/ID ${ID.toString()}`);
  return `trailer\n<< ${parts.join(' ')} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
}

/** The highest object number the file uses or reserves: any `N G obj`, and every /Size of its cross-reference sections. */
function largestNumberInFile(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let largest = 0;
  const consider = (n: number) => {
    // Bytes inside compressed streams can look like `N 0 obj`; ISO 32000-1 Annex C caps object numbers.
    if (n <= MAX_OBJECT_NUMBER) largest = Math.max(largest, n);
  };
  for (const match of text.matchAll(/(?<![\d.])(\d+)\s+\d+\s+obj\b/g)) consider(Number(match[1]));
  for (const match of text.matchAll(/\/Size\s+(\d+)/g)) consider(Number(match[1]) - 1);
  return largest;
}

/** The offset after the last `startxref`: the previous revision's cross-reference section. */
function lastStartXref(bytes: Uint8Array): number {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? [...tail.matchAll(/startxref\s+(\d+)/g)].at(-1);
  if (!match) throw new AppError('SIGN_PDF_UNREADABLE', { details: 'no startxref' });
  return Number(match[1]);
}
