import { AppError } from '../../../../shared/ipc/result';
import { MIN_SCAN_DPI } from '../../../../shared/digitize/scan-settings';
import type { ScanColorMode, ScanProfile, ScanSource } from '../types';

export { MIN_SCAN_DPI };
export const MAX_SCAN_DPI = 1200;

const COLOR_MODES: readonly ScanColorMode[] = ['color', 'gray', 'bw'];
const SOURCES: readonly ScanSource[] = ['flatbed', 'adf', 'adf-duplex'];

/** Profiles come from admin settings; a driver refuses one the law or the devices cannot honour. */
export function validateScanProfile(profile: ScanProfile): ScanProfile {
  const dpi = profile.resolutionDpi;
  if (!Number.isInteger(dpi) || dpi < MIN_SCAN_DPI || dpi > MAX_SCAN_DPI) {
    throw new AppError('SCAN_PROFILE_INVALID', {
      details: `độ phân giải ${String(dpi)} dpi nằm ngoài khoảng ${MIN_SCAN_DPI}–${MAX_SCAN_DPI} dpi`,
    });
  }
  if (!COLOR_MODES.includes(profile.colorMode)) {
    throw new AppError('SCAN_PROFILE_INVALID', { details: `chế độ màu “${String(profile.colorMode)}” không được hỗ trợ` });
  }
  if (!SOURCES.includes(profile.source)) {
    throw new AppError('SCAN_PROFILE_INVALID', { details: `nguồn giấy “${String(profile.source)}” không được hỗ trợ` });
  }
  return profile;
}
