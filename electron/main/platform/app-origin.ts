import { CITIZEN_PAGE } from '../../../shared/ipc/citizen-contract';

/**
 * The renderer's own origin. Node's URL parser reports `origin === 'null'` for custom schemes, so
 * origin checks compare scheme and host explicitly instead of `URL.origin`.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The citizen-facing page (issue 18 §2): an app URL the officer's channels never answer. */
export function isCitizenUrl(url: string): boolean {
  return isAppUrl(url) && new URL(url).pathname === `/${CITIZEN_PAGE}`;
}

export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}
