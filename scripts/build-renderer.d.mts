export interface Bundle {
  inputs: string[];
  stamp: string;
  output: string;
  command: string[];
}
export declare const BUNDLE_INPUTS: string[];
export declare const STAMP: string;
export declare const RENDERER_BUNDLE: Bundle;
export declare const HARNESS_BUNDLE: Bundle;
export declare function sourcesHash(root: string, inputs?: string[]): string;
export declare function writeStamp(root: string, bundle?: Bundle, hash?: string): void;
export declare function isBuilt(root: string, bundle?: Bundle): boolean;
export declare function buildBundle(root: string, bundle: Bundle, options?: { force?: boolean }): 'fresh' | 'built';
export declare function buildRenderer(root: string, options?: { force?: boolean }): 'fresh' | 'built';
