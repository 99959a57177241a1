export declare const BUNDLE_INPUTS: string[];
export declare const STAMP: string;
export declare function sourcesHash(root: string): string;
export declare function isBuilt(root: string): boolean;
export declare function buildRenderer(root: string, options?: { force?: boolean }): 'fresh' | 'built';
