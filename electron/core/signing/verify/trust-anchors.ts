import fs from 'node:fs/promises';
import path from 'node:path';

/** Subfolder of the data folder where the province's root CA certificates are kept (docs/devices.md §7). */
export const TRUST_ANCHOR_DIR = 'trust-anchors';
const CERTIFICATE_FILE = /\.(cer|crt|der|pem)$/i;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/**
 * The trust anchors are data, not code: the national root CAs (Ban Cơ yếu Chính phủ's root, the
 * Ministry of Information and Communications' root for public CAs) as files the province
 * distributes, DER or PEM, any number of certificates per PEM file. A missing folder is no anchors.
 */
export async function loadTrustAnchors(dir: string): Promise<Uint8Array[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => CERTIFICATE_FILE.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const anchors: Uint8Array[] = [];
  for (const name of names) anchors.push(...certificatesIn(await fs.readFile(path.join(dir, name))));
  return anchors;
}

export function certificatesIn(file: Uint8Array): Uint8Array[] {
  const text = Buffer.from(file).toString('latin1');
  const blocks = [...text.matchAll(PEM_BLOCK)].map((match) => new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')));
  return blocks.length > 0 ? blocks : [new Uint8Array(file)];
}
