import { verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Update checks electron-updater does not make (issue 17 finding 3, docs/release.md): the feed must
 * be https, and on Linux — where AppImage and deb carry no code signature and `latest-linux.yml`
 * only a hash from the same server — a downloaded update installs only with a detached Ed25519
 * signature (`<file>.sig` beside it on the feed) by the key shipped with the app. No electron
 * import: the updater wires these to electron-updater's events.
 */

export type UpdateVerdict = { ok: true } | { ok: false; reason: string };

/** The generic feed's URL as app-update.yml names it: https, or nothing is checked at all. */
export function checkedFeedUrl(appUpdateYml: string): UpdateVerdict & { url?: string } {
  const match = /^url:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(appUpdateYml);
  if (!match) return { ok: false, reason: 'app-update.yml names no feed URL' };
  let parsed: URL;
  try {
    parsed = new URL(match[1]!);
  } catch {
    return { ok: false, reason: 'the feed URL is not a URL' };
  }
  if (parsed.protocol !== 'https:') return { ok: false, reason: `the feed is not https (${parsed.protocol})` };
  return { ok: true, url: parsed.href.replace(/\/?$/, '/') };
}

/** Verifies `file` against the detached signature the feed serves next to it; never throws. */
export async function verifyDownloadedUpdate(options: {
  file: string;
  feedUrl: string;
  publicKeyPem: string;
  fetch?: typeof fetch;
}): Promise<UpdateVerdict> {
  const fetchSignature = options.fetch ?? globalThis.fetch;
  try {
    const signatureUrl = new URL(`${encodeURIComponent(path.basename(options.file))}.sig`, options.feedUrl);
    if (signatureUrl.protocol !== 'https:' && !isLoopbackHttp(signatureUrl)) return { ok: false, reason: 'signature URL is not https' };
    const response = await fetchSignature(signatureUrl.href, { redirect: 'error', signal: AbortSignal.timeout(30_000) });
    if (!response.ok) return { ok: false, reason: `no signature on the feed (HTTP ${response.status})` };
    const signature = Buffer.from((await response.text()).trim(), 'base64');
    if (signature.byteLength !== 64) return { ok: false, reason: 'the signature is not an Ed25519 signature' };
    const data = await fs.promises.readFile(options.file);
    return verify(null, data, options.publicKeyPem, signature)
      ? { ok: true }
      : { ok: false, reason: 'the signature does not match the update' };
  } catch (error) {
    return { ok: false, reason: `verification failed: ${(error as Error).message}` };
  }
}

/** Tests serve the feed from loopback; a counter's feed is always https. */
function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
}

/** The part of electron-updater's AppUpdater the gate drives. */
export interface UpdaterLike {
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { downloadedFile: string; version: string }) => void): unknown;
}

/**
 * Linux: nothing installs on quit until the downloaded file's signature checked out; a refused
 * update is deleted and logged, and the app keeps running on the version it has.
 */
export function gateLinuxUpdates(
  updater: UpdaterLike,
  options: { feedUrl: string; publicKeyPem: string; log: (level: 'info' | 'error', message: string) => void; fetch?: typeof fetch },
): Promise<UpdateVerdict>[] {
  const verdicts: Promise<UpdateVerdict>[] = [];
  updater.autoInstallOnAppQuit = false;
  updater.on('update-downloaded', (info) => {
    const verdict = verifyDownloadedUpdate({
      file: info.downloadedFile,
      feedUrl: options.feedUrl,
      publicKeyPem: options.publicKeyPem,
      fetch: options.fetch,
    }).then((result) => {
      if (result.ok) {
        updater.autoInstallOnAppQuit = true;
        options.log('info', `update ${info.version} verified; installs on quit`);
      } else {
        updater.autoInstallOnAppQuit = false;
        fs.rmSync(info.downloadedFile, { force: true });
        options.log('error', `update ${info.version} refused: ${result.reason}`);
      }
      return result;
    });
    verdicts.push(verdict);
  });
  return verdicts;
}
