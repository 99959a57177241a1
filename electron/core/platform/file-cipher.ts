import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';

/**
 * Per-file encryption of the file store (issue 17 finding 7, docs/architecture.md §5): AES-256-GCM in segments, so
 * a reader can decrypt and authenticate any stretch of a 100 MB scan without loading it whole.
 *
 * Layout: a 20-byte header — magic `QMCF`, version 1, three reserved zero bytes, a random 12-byte nonce — then the
 * plaintext in 64 KiB segments, each followed by its 16-byte tag. Segment i is sealed under the nonce with i added to
 * its last four bytes, and authenticates the header, its index and whether it is the last one, so a changed byte, a
 * swapped, dropped or appended segment and a cut tail are all detected.
 */
export const SEALED_MAGIC = Buffer.from('QMCF', 'ascii');
const VERSION = 1;
export const HEADER_BYTES = 20;
export const SEGMENT_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;

export function isSealedHeader(head: Uint8Array): boolean {
  return head.byteLength >= HEADER_BYTES && Buffer.from(head.subarray(0, 4)).equals(SEALED_MAGIC) && head[4] === VERSION;
}

function segmentCount(plainBytes: number): number {
  return Math.max(1, Math.ceil(plainBytes / SEGMENT_BYTES));
}

export function sealedSizeOf(plainBytes: number): number {
  return HEADER_BYTES + plainBytes + TAG_BYTES * segmentCount(plainBytes);
}

/** The plaintext's length from the sealed file's, or null when no plaintext length gives that size. */
export function plainSizeOf(sealedBytes: number): number | null {
  const body = sealedBytes - HEADER_BYTES;
  if (body < TAG_BYTES) return null;
  const segments = Math.ceil(body / SEALED_SEGMENT_BYTES);
  const plain = body - TAG_BYTES * segments;
  return plain >= 0 && sealedSizeOf(plain) === sealedBytes ? plain : null;
}

function segmentNonce(base: Buffer, index: number): Buffer {
  const nonce = Buffer.from(base);
  nonce.writeUInt32BE((nonce.readUInt32BE(8) + index) >>> 0, 8);
  return nonce;
}

function segmentAad(header: Buffer, index: number, last: boolean): Buffer {
  const aad = Buffer.alloc(HEADER_BYTES + 5);
  header.copy(aad, 0, 0, HEADER_BYTES);
  aad.writeUInt32BE(index, HEADER_BYTES);
  aad[HEADER_BYTES + 4] = last ? 1 : 0;
  return aad;
}

export function newHeader(): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  SEALED_MAGIC.copy(header, 0);
  header[4] = VERSION;
  randomBytes(12).copy(header, 8);
  return header;
}

function sealSegment(key: Buffer, header: Buffer, index: number, last: boolean, plain: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, segmentNonce(header.subarray(8, 20), index));
  cipher.setAAD(segmentAad(header, index, last));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([body, cipher.getAuthTag()]);
}

/** `name` says which file in the error (a short hash, never content). */
function tampered(name: string): AppError {
  return new AppError('FILE_TAMPERED', { name });
}

function openSegment(key: Buffer, header: Buffer, index: number, last: boolean, sealed: Buffer, name: string): Buffer {
  if (sealed.byteLength < TAG_BYTES) throw tampered(name);
  const decipher = createDecipheriv('aes-256-gcm', key, segmentNonce(header.subarray(8, 20), index));
  decipher.setAAD(segmentAad(header, index, last));
  decipher.setAuthTag(sealed.subarray(sealed.byteLength - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.byteLength - TAG_BYTES)), decipher.final()]);
  } catch {
    throw tampered(name);
  }
}

/** Seals a whole buffer; the pieces are yielded so a writer can write them without joining them first. */
export function* sealPieces(key: Buffer, plain: Uint8Array): Generator<Buffer> {
  const header = newHeader();
  yield header;
  const segments = segmentCount(plain.byteLength);
  for (let index = 0; index < segments; index++) {
    const start = index * SEGMENT_BYTES;
    yield sealSegment(key, header, index, index === segments - 1, plain.subarray(start, Math.min(start + SEGMENT_BYTES, plain.byteLength)));
  }
}

export function seal(key: Buffer, plain: Uint8Array): Buffer {
  return Buffer.concat([...sealPieces(key, plain)]);
}

export function unseal(key: Buffer, sealed: Buffer, name: string): Buffer {
  const plainBytes = isSealedHeader(sealed) ? plainSizeOf(sealed.byteLength) : null;
  if (plainBytes === null) throw tampered(name);
  const header = sealed.subarray(0, HEADER_BYTES);
  const segments = segmentCount(plainBytes);
  const plain = Buffer.allocUnsafe(plainBytes);
  for (let index = 0; index < segments; index++) {
    const start = HEADER_BYTES + index * SEALED_SEGMENT_BYTES;
    const piece = sealed.subarray(start, Math.min(start + SEALED_SEGMENT_BYTES, sealed.byteLength));
    openSegment(key, header, index, index === segments - 1, piece, name).copy(plain, index * SEGMENT_BYTES);
  }
  return plain;
}

/** Reads what random access needs: `read(buffer, 0, length, position)` of a file handle, async or not. */
export type ReadAt = (buffer: Buffer, position: number) => Promise<number>;

/**
 * Decrypts the stretch [offset, offset + length) of a sealed file by reading and authenticating only the segments it
 * touches: the uploader sends a 100 MB scan one megabyte at a time without ever holding it whole.
 */
export async function readSealedRange(
  key: Buffer,
  readAt: ReadAt,
  sealedBytes: number,
  offset: number,
  length: number,
  name: string,
): Promise<Buffer> {
  const plainBytes = plainSizeOf(sealedBytes);
  if (plainBytes === null || offset < 0 || offset + length > plainBytes) throw tampered(name);
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  if ((await readAt(header, 0)) !== HEADER_BYTES || !isSealedHeader(header)) throw tampered(name);
  const segments = segmentCount(plainBytes);
  const out = Buffer.allocUnsafe(length);
  let written = 0;
  for (let index = Math.floor(offset / SEGMENT_BYTES); written < length; index++) {
    const start = HEADER_BYTES + index * SEALED_SEGMENT_BYTES;
    const piece = Buffer.allocUnsafe(Math.min(SEALED_SEGMENT_BYTES, sealedBytes - start));
    if ((await readAt(piece, start)) !== piece.byteLength) throw tampered(name);
    const plain = openSegment(key, header, index, index === segments - 1, piece, name);
    const from = Math.max(0, offset - index * SEGMENT_BYTES);
    written += plain.copy(out, written, from, Math.min(plain.byteLength, from + length - written));
  }
  return out;
}
