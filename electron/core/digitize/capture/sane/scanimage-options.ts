import { AppError } from '../../../../../shared/ipc/result';
import type { ScanColorMode, ScanSource } from '../../types';

/** What `scanimage -d <device> -A` says one device accepts; names differ between backends. */
export interface SaneDeviceOptions {
  modes: string[];
  sources: string[];
  /** Either a list of discrete values or one `[min, max]` range. */
  resolutions: { discrete: number[] } | { min: number; max: number } | null;
}

function optionValues(help: string, option: string): string[] {
  const match = new RegExp(`^\\s+--${option} (.+?) \\[`, 'm').exec(help);
  return match?.[1] ? match[1].split('|').map((value) => value.trim()) : [];
}

export function parseDeviceOptions(help: string): SaneDeviceOptions {
  const modes = optionValues(help, 'mode');
  const sources = optionValues(help, 'source');
  const resolution = /^\s+--resolution (.+?)dpi/m.exec(help)?.[1] ?? '';
  const range = /^(\d+)\.\.(\d+)/.exec(resolution);
  let resolutions: SaneDeviceOptions['resolutions'] = null;
  if (range) resolutions = { min: Number(range[1]), max: Number(range[2]) };
  else if (resolution) resolutions = { discrete: resolution.split('|').map(Number).filter(Number.isFinite) };
  return { modes, sources, resolutions };
}

const MODE_PATTERNS: Record<ScanColorMode, RegExp[]> = {
  color: [/colou?r/i, /rgb/i],
  gray: [/gr[ae]y/i],
  bw: [/lineart/i, /binary/i, /black/i, /halftone/i],
};

const SOURCE_PATTERNS: Record<ScanSource, (name: string) => boolean> = {
  flatbed: (name) => /flatbed|platen|glass/i.test(name),
  adf: (name) => /adf|feeder/i.test(name) && !/duplex|back/i.test(name),
  'adf-duplex': (name) => /duplex/i.test(name),
};

/**
 * A black-and-white profile on a device without a line-art mode scans grey; cleanup binarizes
 * better than most scanner firmware does anyway.
 */
export function pickMode(options: SaneDeviceOptions, colorMode: ScanColorMode): string | null {
  if (options.modes.length === 0) return null;
  const wanted = colorMode === 'bw' ? [...MODE_PATTERNS.bw, ...MODE_PATTERNS.gray] : MODE_PATTERNS[colorMode];
  for (const pattern of wanted) {
    const mode = options.modes.find((name) => pattern.test(name));
    if (mode) return mode;
  }
  return null;
}

/** Null for a device with no source option, which is a flatbed. */
export function pickSource(options: SaneDeviceOptions, source: ScanSource, scanner: string, label: string): string | null {
  if (options.sources.length === 0) {
    if (source === 'flatbed') return null;
    throw new AppError('SCANNER_SOURCE_UNSUPPORTED', { scanner, source: label });
  }
  const name = options.sources.find(SOURCE_PATTERNS[source]);
  if (!name) throw new AppError('SCANNER_SOURCE_UNSUPPORTED', { scanner, source: label });
  return name;
}

/** The requested resolution if the device has it, else the nearest one above (never below). */
export function pickResolution(options: SaneDeviceOptions, dpi: number): number {
  const resolutions = options.resolutions;
  if (!resolutions) return dpi;
  if ('min' in resolutions) return Math.min(Math.max(dpi, resolutions.min), resolutions.max);
  const sorted = [...resolutions.discrete].sort((a, b) => a - b);
  return sorted.find((value) => value >= dpi) ?? sorted.at(-1) ?? dpi;
}
