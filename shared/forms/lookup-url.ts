import { AppError } from '../ipc/result';
import type { Site } from '../reception/dossier-view';

export const LOOKUP_CODE_PLACEHOLDER = '{code}';

/**
 * The progress-lookup address printed as the receipt's QR code and under it: the site's template
 * with the dossier code, URL-encoded, in place of every `{code}`. Null when the site has no lookup
 * portal; a template without the placeholder is a set-up mistake that would send every citizen to
 * the same page, so it is refused.
 */
export function lookupUrl(site: Pick<Site, 'lookupUrlTemplate'>, dossierCode: string): string | null {
  const template = site.lookupUrlTemplate.trim();
  if (template === '') return null;
  if (!template.includes(LOOKUP_CODE_PLACEHOLDER)) {
    throw new AppError('FORM_LOOKUP_URL_INVALID', { value: template, placeholder: LOOKUP_CODE_PLACEHOLDER });
  }
  return template.split(LOOKUP_CODE_PLACEHOLDER).join(encodeURIComponent(dossierCode));
}
