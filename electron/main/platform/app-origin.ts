/**
 * The renderer's own origin. Node's URL parser reports `origin === 'null'` for custom schemes, so
 * origin checks compare scheme and host explicitly instead of `URL.origin`.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}
