import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './security';

/**
 * Must run before `ready`. `standard` gives the scheme a real origin (so 'self', storage and
 * relative URLs work); `secure` makes it a secure context like https.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Maps an app:// URL to a file inside `rootDir`, or null when the URL is not ours or escapes the
 * folder. Percent-encoded separators and dot segments survive URL parsing, so the check is made
 * on the decoded, resolved path.
 */
export function resolveRendererFile(rootDir: string, requestUrl: string): string | null {
  if (!URL.canParse(requestUrl)) return null;
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, pathname === '/' ? 'index.html' : `.${pathname}`);
  const relative = path.relative(root, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return null;
  }
  return file;
}

function emptyResponse(status: number): Response {
  return new Response(null, { status, headers: securityHeaders() });
}

function securityHeaders(base?: Headers): Headers {
  const headers = new Headers(base);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return headers;
}

export async function serveRendererFile(rootDir: string, request: Request): Promise<Response> {
  const file = resolveRendererFile(rootDir, request.url);
  if (!file) return emptyResponse(403);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) return emptyResponse(404);
  const response = await net.fetch(pathToFileURL(file).toString());
  return new Response(response.body, { status: response.status, headers: securityHeaders(response.headers) });
}

/** Serves the built renderer; every response, errors included, carries the CSP. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererFile(rendererDir, request));
}
