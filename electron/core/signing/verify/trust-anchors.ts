import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Subfolder of the data folder where the province's root CA certificates are kept (docs/devices.md §7). */
export const TRUST_ANCHOR_DIR = 'trust-anchors';
const CERTIFICATE_FILE = /\.(cer|crt|der|pem)$/i;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
const CRL_FILE = /\.crl$/i;
const PEM_CRL_BLOCK = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/g;

/** What a PDF that arrives is checked against, and a fingerprint that changes when any of it does. */
export interface TrustMaterial {
  anchors: Uint8Array[];
  crls: Uint8Array[];
  /** sha256 over the anchors, the CRLs and the checks' version: a stored verdict made under another fingerprint is stale. */
  fingerprint: string;
}

/**
 * The anchors and the CRLs the province distributes with them (`*.crl`, DER or PEM, in the same folder,
 * imported by the admin): the counter never fetches a CRL itself (docs/devices.md §7.4).
 */
export async function loadTrustMaterial(dir: string): Promise<TrustMaterial> {
  const anchors = await loadTrustAnchors(dir);
  const crls = await loadCrls(dir);
  return { anchors, crls, fingerprint: trustFingerprint(anchors, crls) };
}

/**
 * Raised when the checks change, so that verdicts kept under the older checks are made again: 2 checks the
 * intermediate CAs' revocation and validates the chain from the signer itself (docs/devices.md §7.4).
 */
const VERIFICATION_RULES = 2;

export function trustFingerprint(anchors: readonly Uint8Array[], crls: readonly Uint8Array[]): string {
  const hash = createHash('sha256').update(`rules:${VERIFICATION_RULES}\n`);
  for (const [kind, items] of [
    ['anchor', anchors],
    ['crl', crls],
  ] as const) {
    for (const item of items.map((der) => createHash('sha256').update(der).digest('hex')).sort()) hash.update(`${kind}:${item}\n`);
  }
  return hash.digest('hex');
}

export async function loadCrls(dir: string): Promise<Uint8Array[]> {
  const crls: Uint8Array[] = [];
  for (const name of await filesIn(dir, CRL_FILE)) {
    const file = await fs.readFile(path.join(dir, name));
    const text = file.toString('latin1');
    const blocks = [...text.matchAll(PEM_CRL_BLOCK)].map((match) => new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')));
    crls.push(...(blocks.length > 0 ? blocks : [new Uint8Array(file)]));
  }
  return crls;
}

async function filesIn(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((name) => pattern.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The trust anchors are data, not code: the national root CAs (Ban Cơ yếu Chính phủ's root, the
 * Ministry of Information and Communications' root for public CAs) as files the province
 * distributes, DER or PEM, any number of certificates per PEM file. A missing folder is no anchors.
 */
export async function loadTrustAnchors(dir: string): Promise<Uint8Array[]> {
  const names = await filesIn(dir, CERTIFICATE_FILE);
  const anchors: Uint8Array[] = [];
  for (const name of names) anchors.push(...certificatesIn(await fs.readFile(path.join(dir, name))));
  return anchors;
}

export function certificatesIn(file: Uint8Array): Uint8Array[] {
  const text = Buffer.from(file).toString('latin1');
  const blocks = [...text.matchAll(PEM_BLOCK)].map((match) => new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')));
  return blocks.length > 0 ? blocks : [new Uint8Array(file)];
}
