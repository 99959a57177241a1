export type Layer = 'shared' | 'db' | 'core' | 'platform' | 'mainIndex' | 'preload' | 'renderer' | 'central';

export const LAYER_PREFIXES: [string, Layer][];
export const ALLOWED_LAYERS: Record<Layer, Layer[]>;
export const ALLOWED_PACKAGES: Record<Layer, { builtins: boolean; packages: string[] }>;
export const FILE_PACKAGES: Record<string, string[]>;
export function layerOf(relativeFile: string): Layer | null;
export function packageName(specifier: string): string;
export function importViolation(relativeFile: string, specifier: string): string | null;
