// The dependency rules of docs/architecture.md as one table, read by ESLint (so the editor shows a
// crossing as it is typed) and by the architecture test (which also checks the whole tree and a
// planted-violation fixture). Plain JavaScript because eslint.config.js loads it without a compiler.
import { builtinModules } from 'node:module';

/** The layers, matched by path prefix; the longest prefix wins, so the table is ordered longest first. */
export const LAYER_PREFIXES = [
  ['electron/main/platform/', 'platform'],
  ['electron/main/', 'mainIndex'],
  ['electron/core/', 'core'],
  ['electron/preload/', 'preload'],
  ['renderer/src/', 'renderer'],
  ['shared/', 'shared'],
  ['db/', 'db'],
  ['central/', 'central'],
];

/** Which layers each layer may import. */
export const ALLOWED_LAYERS = {
  shared: ['shared'],
  db: ['shared', 'db'],
  core: ['shared', 'db', 'core'],
  platform: ['shared', 'db', 'core', 'platform'],
  mainIndex: ['shared', 'db', 'core', 'platform', 'mainIndex'],
  preload: ['shared', 'preload'],
  renderer: ['shared', 'renderer'],
  central: ['shared', 'central'],
};

/**
 * The npm packages each layer may import: an allow list, so a package nobody thought of is refused
 * until someone decides where it belongs. `builtins` says whether Node's own modules are allowed.
 */
export const ALLOWED_PACKAGES = {
  // Pure TypeScript that runs in every process, the renderer's sandbox included.
  shared: { builtins: false, packages: ['zod'] },
  db: { builtins: true, packages: ['drizzle-orm', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'] },
  core: {
    builtins: true,
    packages: [
      'zod',
      'uuid',
      'date-chinese',
      // scanning, cleanup, barcodes and OCR
      'sharp',
      'zxing-wasm',
      '@zxing/library',
      'tesseract.js',
      // PDFs and printed forms
      'pdf-lib',
      'pdfjs-dist',
      '@napi-rs/canvas',
      'qrcode',
      'bwip-js',
      'playwright-core',
      // devices
      'serialport',
      'node-hid',
      'usb',
      // reports
      'exceljs',
      // digital signatures (PAdES, PKCS#12, PKCS#11 tokens)
      'pkijs',
      'asn1js',
      'pkcs11js',
      // the development harness and its worker loader
      'ws',
      'tsx',
    ],
  },
  platform: { builtins: true, packages: ['electron', 'electron-updater', 'zod'] },
  mainIndex: { builtins: true, packages: [] },
  preload: { builtins: false, packages: ['electron'] },
  // echarts: the supervisor's report charts (renderer/src/features/reports)
  renderer: { builtins: false, packages: ['react', 'react-dom', 'antd', '@ant-design/icons', 'dayjs', 'zod', 'echarts'] },
  // exceljs: the province-wide report's xlsx (central/reports)
  central: { builtins: true, packages: ['zod', 'uuid', 'drizzle-orm', 'pg', '@electric-sql/pglite', 'nodemailer', 'exceljs'] },
};

/** Single files with a package of their own: the composition root, and drizzle-kit's build-time configs (never shipped). */
export const FILE_PACKAGES = {
  'electron/main/index.ts': ['electron'],
  'db/drizzle.config.ts': ['drizzle-kit'],
  'central/drizzle.config.ts': ['drizzle-kit'],
};

/** The preload may take only the IPC contract from shared, nothing heavier. */
const PRELOAD_SHARED_ALLOWED = /^shared\/(ipc|i18n|auth)\//;

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** @param {string} relativeFile a path from the repository root, with forward slashes */
export function layerOf(relativeFile) {
  return LAYER_PREFIXES.find(([prefix]) => relativeFile.startsWith(prefix))?.[1] ?? null;
}

/** @param {string} specifier */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Joins and normalises forward-slash paths without node:path, so the result is the same on Windows. */
function resolveRelative(fromFile, specifier) {
  const parts = fromFile.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/**
 * Why `relativeFile` may not import `specifier`, or null when it may.
 * @param {string} relativeFile a path from the repository root, with forward slashes
 * @param {string} specifier the import's module specifier as written
 * @returns {string | null}
 */
export function importViolation(relativeFile, specifier) {
  const layer = layerOf(relativeFile);
  if (!layer) return null;
  if (specifier.startsWith('.')) {
    const target = resolveRelative(relativeFile, specifier);
    const targetLayer = layerOf(`${target}/`) ?? layerOf(target);
    if (!targetLayer) return `${layer} may not import outside the layered folders (${target})`;
    if (!ALLOWED_LAYERS[layer].includes(targetLayer)) return `${layer} may not import ${targetLayer}`;
    if (layer === 'preload' && targetLayer === 'shared' && !PRELOAD_SHARED_ALLOWED.test(target)) {
      return 'preload may only import the IPC contract from shared';
    }
    return null;
  }
  const name = packageName(specifier);
  const allowed = ALLOWED_PACKAGES[layer];
  if (NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(name)) {
    return allowed.builtins ? null : `${layer} may not use Node built-ins (${specifier})`;
  }
  if (allowed.packages.includes(name) || FILE_PACKAGES[relativeFile]?.includes(name)) return null;
  return `${layer} may not import ${name} (not on its allow list in scripts/lint/layer-rules.mjs)`;
}
