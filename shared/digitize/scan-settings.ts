import { z } from 'zod';
import { AppError } from '../ipc/result';
import { scannerRefSchema } from './page-view';

/** The law's floor for digitized documents (docs/domain.md §6.1); every driver refuses less. */
export const MIN_SCAN_DPI = 200;
/** What the admin may pick for a profile: every scanner at a counter offers these. */
export const SCAN_RESOLUTIONS = [200, 300, 400, 600] as const;
export const scanColorModes = ['color', 'gray', 'bw'] as const;
export const scanSources = ['adf', 'adf-duplex', 'flatbed'] as const;

/** Resolution is a plain integer here so that 150 dpi reaches the rule below and its Vietnamese message. */
export const scanProfileEntrySchema = z.object({
  id: z.string().trim().min(1).max(64),
  name: z.string().max(200),
  resolutionDpi: z.number().int(),
  colorMode: z.enum(scanColorModes),
  source: z.enum(scanSources),
});

/**
 * What the admin sets for scanning at this counter (the "Thiết bị" tab): the profiles officers
 * choose from, the counter's default profile and scanner, and the scanners that cannot be found
 * by asking the system — network eSCL scanners by address and hot folders by path.
 */
export const scanSettingsSchema = z.object({
  profiles: z.array(scanProfileEntrySchema).max(20),
  defaultProfileId: z.string().max(64).nullable(),
  defaultScanner: scannerRefSchema.nullable(),
  esclScanners: z.array(z.string().max(500)).max(16),
  hotFolders: z.array(z.string().max(1000)).max(16),
});

export type ScanProfileEntry = z.output<typeof scanProfileEntrySchema>;
export type ScanSettings = z.output<typeof scanSettingsSchema>;

/** A counter that was never set up scans the way the law and most documents need: 300 dpi colour from the feeder. */
export const DEFAULT_SCAN_SETTINGS: ScanSettings = {
  profiles: [{ id: 'standard', name: 'Tiêu chuẩn (300 dpi, màu, khay nạp giấy)', resolutionDpi: 300, colorMode: 'color', source: 'adf' }],
  defaultProfileId: 'standard',
  defaultScanner: null,
  esclScanners: [],
  hotFolders: [],
};

const NAME_MAX_LENGTH = 60;

/** Refuses a profile the law or the counter's scanners cannot honour, naming it in the message. */
export function checkScanProfile(profile: ScanProfileEntry): ScanProfileEntry {
  const name = profile.name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name) throw new AppError('SCAN_PROFILE_NAME_MISSING');
  if (name.length > NAME_MAX_LENGTH)
    throw new AppError('SCAN_PROFILE_NAME_TOO_LONG', { name: name.slice(0, NAME_MAX_LENGTH), max: NAME_MAX_LENGTH });
  if (profile.resolutionDpi < MIN_SCAN_DPI)
    throw new AppError('SCAN_PROFILE_DPI_TOO_LOW', { name, dpi: profile.resolutionDpi, min: MIN_SCAN_DPI });
  if (!(SCAN_RESOLUTIONS as readonly number[]).includes(profile.resolutionDpi)) {
    throw new AppError('SCAN_PROFILE_DPI_UNSUPPORTED', { name, dpi: profile.resolutionDpi, allowed: SCAN_RESOLUTIONS.join(', ') });
  }
  return { ...profile, name };
}

/**
 * An eSCL address as the admin types it — `192.168.1.50`, `http://192.168.1.50/eSCL` or with a
 * port — made into the base URL the driver uses. Scanners put eSCL under `/eSCL` unless their
 * manual says otherwise, so an address without a path gets it.
 */
export function normalizeEsclAddress(text: string): string {
  const value = text.trim();
  // shared/ has no URL class; scanners are addressed by IPv4, a host name or [IPv6], with an optional port.
  const match =
    /^(?:(https?):\/\/)?([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:.]{2,45}\])(?::(\d{1,5}))?(\/[A-Za-z0-9._~%/-]*)?$/i.exec(value);
  const port = match?.[3] === undefined ? null : Number(match[3]);
  if (!match || (port !== null && (port < 1 || port > 65535))) throw new AppError('ESCL_ADDRESS_INVALID', { address: value.slice(0, 200) });
  const scheme = (match[1] ?? 'http').toLowerCase();
  const host = match[2]!.toLowerCase();
  const path = (match[4] ?? '').replace(/\/+$/, '') || '/eSCL';
  return `${scheme}://${host}${port === null ? '' : `:${port}`}${path}`;
}

function unique<T>(values: readonly T[], key: (value: T) => string, onDuplicate: (value: T) => AppError): void {
  const seen = new Set<string>();
  for (const value of values) {
    const k = key(value);
    if (seen.has(k)) throw onDuplicate(value);
    seen.add(k);
  }
}

/**
 * The whole scan settings as the admin saves them: every profile valid and named once, the
 * default profile one of them, eSCL addresses normalized, hot folders given as absolute paths.
 * Whether a folder exists is the core's check; this stays pure.
 */
export function checkScanSettings(input: ScanSettings): ScanSettings {
  if (input.profiles.length === 0) throw new AppError('SCAN_PROFILES_EMPTY');
  const profiles = input.profiles.map(checkScanProfile);
  unique(
    profiles,
    (p) => p.id,
    (p) => new AppError('SCAN_PROFILE_NAME_DUPLICATE', { name: p.name }),
  );
  unique(
    profiles,
    (p) => p.name.toLocaleLowerCase('vi'),
    (p) => new AppError('SCAN_PROFILE_NAME_DUPLICATE', { name: p.name }),
  );
  const defaultProfileId = input.defaultProfileId ?? profiles[0]!.id;
  if (!profiles.some((p) => p.id === defaultProfileId)) throw new AppError('SCAN_DEFAULT_PROFILE_UNKNOWN');
  const esclScanners = [...new Set(input.esclScanners.filter((a) => a.trim()).map(normalizeEsclAddress))];
  const hotFolders = [...new Set(input.hotFolders.map((f) => f.trim()).filter(Boolean))];
  for (const folder of hotFolders) {
    if (!/^(\/|[a-zA-Z]:[\\/]|\\\\)/.test(folder)) throw new AppError('HOT_FOLDER_NOT_ABSOLUTE', { folder: folder.slice(0, 300) });
  }
  return { profiles, defaultProfileId, defaultScanner: input.defaultScanner, esclScanners, hotFolders };
}
