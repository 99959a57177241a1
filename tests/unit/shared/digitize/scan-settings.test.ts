import { describe, expect, it } from 'vitest';
import {
  checkScanProfile,
  checkScanSettings,
  DEFAULT_SCAN_SETTINGS,
  normalizeEsclAddress,
  scanSettingsSchema,
  type ScanProfileEntry,
  type ScanSettings,
} from '../../../../shared/digitize/scan-settings';

const GREY: ScanProfileEntry = { id: 'grey', name: 'Giấy tờ đen trắng', resolutionDpi: 300, colorMode: 'gray', source: 'adf-duplex' };

function settings(changes: Partial<ScanSettings>): ScanSettings {
  return { ...DEFAULT_SCAN_SETTINGS, ...changes };
}

function failure(work: () => unknown): { code: string; message: string } {
  try {
    work();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('admin scan profiles', () => {
  it('accepts 200, 300, 400 and 600 dpi in colour, grey or black and white from any source', () => {
    for (const resolutionDpi of [200, 300, 400, 600]) {
      for (const colorMode of ['color', 'gray', 'bw'] as const) {
        for (const source of ['adf', 'adf-duplex', 'flatbed'] as const) {
          expect(checkScanProfile({ ...GREY, resolutionDpi, colorMode, source })).toMatchObject({ resolutionDpi, colorMode, source });
        }
      }
    }
  });

  it('refuses under 200 dpi with a Vietnamese message that names the profile and the legal floor', () => {
    const error = failure(() => checkScanProfile({ ...GREY, name: 'Nháp', resolutionDpi: 150 }));
    expect(error.code).toBe('SCAN_PROFILE_DPI_TOO_LOW');
    expect(error.message).toContain('“Nháp”');
    expect(error.message).toContain('150 dpi quá thấp');
    expect(error.message).toContain('từ 200 dpi trở lên');
  });

  it('refuses a resolution outside the offered list and lists the allowed ones', () => {
    const error = failure(() => checkScanProfile({ ...GREY, resolutionDpi: 1200 }));
    expect(error.code).toBe('SCAN_PROFILE_DPI_UNSUPPORTED');
    expect(error.message).toContain('200, 300, 400, 600 dpi');
  });

  it('tidies the name (NFC, single spaces) and refuses an empty or overlong one', () => {
    expect(checkScanProfile({ ...GREY, name: '  Ho\u0323 so\u031b   mau ' }).name).toBe('Họ sơ mau');
    expect(failure(() => checkScanProfile({ ...GREY, name: '   ' })).code).toBe('SCAN_PROFILE_NAME_MISSING');
    expect(failure(() => checkScanProfile({ ...GREY, name: 'x'.repeat(61) })).code).toBe('SCAN_PROFILE_NAME_TOO_LONG');
  });

  it('the schema lets a 150 dpi profile through to the rule, so the admin reads the real reason', () => {
    const parsed = scanSettingsSchema.safeParse(settings({ profiles: [{ ...GREY, resolutionDpi: 150 }] }));
    expect(parsed.success).toBe(true);
    expect(failure(() => checkScanSettings(parsed.data!)).code).toBe('SCAN_PROFILE_DPI_TOO_LOW');
  });
});

describe('scan settings as saved', () => {
  it('keeps the defaults valid: one 300 dpi colour feeder profile, chosen by default', () => {
    expect(checkScanSettings(DEFAULT_SCAN_SETTINGS)).toEqual(DEFAULT_SCAN_SETTINGS);
  });

  it('needs at least one profile, unique names (case-insensitively) and ids, and a default among them', () => {
    expect(failure(() => checkScanSettings(settings({ profiles: [] }))).code).toBe('SCAN_PROFILES_EMPTY');
    const twins = [GREY, { ...GREY, id: 'other', name: 'GIẤY TỜ ĐEN TRẮNG' }];
    expect(failure(() => checkScanSettings(settings({ profiles: twins, defaultProfileId: 'grey' }))).code).toBe(
      'SCAN_PROFILE_NAME_DUPLICATE',
    );
    expect(failure(() => checkScanSettings(settings({ profiles: [GREY, { ...GREY, name: 'Khác' }], defaultProfileId: 'grey' }))).code).toBe(
      'SCAN_PROFILE_NAME_DUPLICATE',
    );
    expect(failure(() => checkScanSettings(settings({ profiles: [GREY], defaultProfileId: 'gone' }))).code).toBe(
      'SCAN_DEFAULT_PROFILE_UNKNOWN',
    );
    expect(checkScanSettings(settings({ profiles: [GREY], defaultProfileId: null })).defaultProfileId).toBe('grey');
  });

  it('normalizes eSCL addresses, drops blanks and repeats, and requires absolute hot folders', () => {
    const saved = checkScanSettings(
      settings({
        esclScanners: ['192.168.1.50', ' http://192.168.1.50/eSCL/ ', ''],
        hotFolders: ['/srv/scan', '/srv/scan', 'D:\\ScanDrop', '\\\\nas\\scan'],
      }),
    );
    expect(saved.esclScanners).toEqual(['http://192.168.1.50/eSCL']);
    expect(saved.hotFolders).toEqual(['/srv/scan', 'D:\\ScanDrop', '\\\\nas\\scan']);
    const relative = failure(() => checkScanSettings(settings({ hotFolders: ['scan'] })));
    expect(relative.code).toBe('HOT_FOLDER_NOT_ABSOLUTE');
    expect(relative.message).toContain('đường dẫn đầy đủ');
  });
});

describe('eSCL addresses as the admin types them', () => {
  it.each([
    ['192.168.1.50', 'http://192.168.1.50/eSCL'],
    ['http://192.168.1.50/eSCL', 'http://192.168.1.50/eSCL'],
    ['HTTPS://Scanner.Local:8443/eSCL/', 'https://scanner.local:8443/eSCL'],
    ['http://[fe80::1]:8080', 'http://[fe80::1]:8080/eSCL'],
    ['http://10.0.0.7/scan/eSCL', 'http://10.0.0.7/scan/eSCL'],
  ])('%s → %s', (typed, base) => {
    expect(normalizeEsclAddress(typed)).toBe(base);
  });

  it.each([
    '',
    'ftp://192.168.1.50/eSCL',
    'http://user:pw@10.0.0.1/eSCL',
    'http://10.0.0.1:70000/eSCL',
    'http://10.0.0.1/eSCL?x=1',
    'máy quét tầng 2',
  ])('refuses “%s” with a Vietnamese example', (typed) => {
    const error = failure(() => normalizeEsclAddress(typed));
    expect(error.code).toBe('ESCL_ADDRESS_INVALID');
    expect(error.message).toContain('http://192.168.1.50/eSCL');
  });
});
