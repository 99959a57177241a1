import { blobBundleManifestSchema, type BlobBundleManifest } from './protocol';

/**
 * The body of POST /v1/blobs/bundle: one line of JSON manifest (`{"blobs":[{sha256,size},…]}`),
 * a line feed, then the blobs' bytes back to back in manifest order. The manifest is inside the
 * body, so the request signature covers it; each blob is still checked against its own sha256.
 */
export interface BundledBlob {
  sha256: string;
  bytes: Uint8Array;
}

/** A manifest line longer than this is not a manifest (256 entries need about 20 KB). */
const MAX_MANIFEST_BYTES = 64 * 1024;
const LINE_FEED = 0x0a;

export class BundleFormatError extends Error {}

export function encodeBlobBundle(blobs: BundledBlob[]): Uint8Array {
  const manifest: BlobBundleManifest = { blobs: blobs.map((b) => ({ sha256: b.sha256, size: b.bytes.byteLength })) };
  const head = asciiBytes(`${JSON.stringify(manifest)}\n`);
  const body = new Uint8Array(head.byteLength + blobs.reduce((sum, b) => sum + b.bytes.byteLength, 0));
  body.set(head, 0);
  let at = head.byteLength;
  for (const blob of blobs) {
    body.set(blob.bytes, at);
    at += blob.bytes.byteLength;
  }
  return body;
}

/** Splits a bundle body; throws BundleFormatError when the manifest or the byte count is wrong. */
export function decodeBlobBundle(body: Uint8Array): BundledBlob[] {
  const end = body.subarray(0, MAX_MANIFEST_BYTES + 1).indexOf(LINE_FEED);
  if (end < 0) throw new BundleFormatError('a bundle starts with one line of JSON manifest');
  let manifest: unknown;
  try {
    manifest = JSON.parse(asciiText(body.subarray(0, end)));
  } catch {
    throw new BundleFormatError('the bundle manifest is not valid JSON');
  }
  const parsed = blobBundleManifestSchema.safeParse(manifest);
  if (!parsed.success) throw new BundleFormatError('the bundle manifest must list 1–256 blobs as {sha256, size}');
  const total = parsed.data.blobs.reduce((sum, b) => sum + b.size, 0);
  if (body.byteLength - end - 1 !== total)
    throw new BundleFormatError(`the manifest announces ${total} bytes, the body carries ${body.byteLength - end - 1}`);
  const blobs: BundledBlob[] = [];
  let at = end + 1;
  for (const { sha256, size } of parsed.data.blobs) {
    blobs.push({ sha256, bytes: body.subarray(at, at + size) });
    at += size;
  }
  return blobs;
}

/** A manifest is hex digits, digits and JSON punctuation: ASCII both ways, no text codec needed. */
function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function asciiText(bytes: Uint8Array): string {
  if (bytes.some((byte) => byte > 0x7f)) throw new BundleFormatError('the bundle manifest is ASCII JSON');
  return String.fromCharCode(...bytes);
}
