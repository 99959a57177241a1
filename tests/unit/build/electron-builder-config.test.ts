import fs from 'node:fs';
import path from 'node:path';
// electron-builder pins app-builder-lib exactly, so its own schema validator and NSIS language
// table are the ones `npm run release` applies.
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { bundledLanguages, lcid } from 'app-builder-lib/out/util/langs.js';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { readYaml, repoRoot } from './support';

const config = readYaml('electron-builder.yml') as Configuration;

type FileSet = { from?: string; to?: string; filter?: string | string[] };
type TargetEntry = string | { target: string; arch?: string | string[] };

const targetNames = (targets: unknown): string[] =>
  (Array.isArray(targets) ? (targets as TargetEntry[]) : [targets as TargetEntry]).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const quietLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];
    await expect(validateConfiguration(structuredClone(config), quietLogger)).resolves.toBeUndefined();
  }, 60_000);

  it('names the app and packs only the build output and package.json', () => {
    expect(config.appId).toBe('vn.gov.quaymotcua');
    expect(config.productName).toBe('Quầy Một Cửa');
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
  });

  it('unpacks every native module from the asar', () => {
    for (const name of ['better-sqlite3', 'sharp', 'node-hid', 'usb', '@serialport/bindings-cpp']) {
      expect(config.asarUnpack).toContain(`**/node_modules/${name}/**`);
    }
  });

  it('ships the migrations, the Vietnamese and English OCR data and the barcode reader as resources', () => {
    const resources = config.extraResources as FileSet[];
    expect(resources).toContainEqual({ from: 'db/migrations', to: 'db/migrations' });
    expect(fs.existsSync(path.join(repoRoot, 'db/migrations/meta/_journal.json'))).toBe(true);
    // One folder for both languages: tesseract.js reads them all from its single langPath.
    for (const language of ['vie', 'eng']) {
      const from = `node_modules/@tesseract.js-data/${language}/4.0.0_best_int`;
      expect(resources).toContainEqual({ from, to: 'ocr/4.0.0_best_int' });
      expect(fs.existsSync(path.join(repoRoot, from, `${language}.traineddata.gz`))).toBe(true);
    }
    const wasm = 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm';
    expect(resources).toContainEqual({ from: wasm, to: 'barcode/zxing_reader.wasm' });
    expect(fs.existsSync(path.join(repoRoot, wasm))).toBe(true);
  });

  it('ships the slip font and unpacks the canvas binaries that draw thermal slips', () => {
    const resources = config.extraResources as FileSet[];
    expect(resources).toContainEqual({ from: 'build/fonts', to: 'build/fonts' });
    expect(fs.existsSync(path.join(repoRoot, 'build/fonts/DejaVuSans.ttf'))).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/@napi-rs/**');
  });

  it('ships the sample catalogue where the core seeds a new installation from', () => {
    const resources = config.extraResources as FileSet[];
    const from = 'electron/core/catalog/sample-catalog.json';
    expect(resources).toContainEqual({ from, to: from });
    expect(fs.existsSync(path.join(repoRoot, from))).toBe(true);
  });

  it("rebuilds native modules for Electron's ABI while packaging", () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('burns the hardening fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("publishes to the province's own generic update server", () => {
    expect(config.publish).toEqual({ provider: 'generic', url: '${env.QUAY_UPDATE_URL}' });
  });

  it('builds an assisted, per-user, Vietnamese NSIS installer for x64', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
    expect(config.nsis?.installerLanguages).toEqual(['vi_VN']);
    expect(bundledLanguages).toContain('vi_VN');
    expect(config.nsis?.language).toBe(String(lcid.vi_VN));
  });

  it('builds an AppImage and a deb for Linux', () => {
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libusb-1.0-0']));
  });

  it('has a 512×512 PNG icon in build/', () => {
    const png = fs.readFileSync(path.join(repoRoot, config.directories?.buildResources ?? 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
