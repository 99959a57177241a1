import { uiText } from '../../../../shared/i18n/vi';
import type { ScanSource } from '../types';

/** Error messages name the paper source the way the officer sees it in the profile. */
export function sourceLabel(source: ScanSource): string {
  return uiText.scanSources[source];
}
