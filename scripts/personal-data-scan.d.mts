export interface People {
  idNumbers: string[];
  names: string[];
}
export declare const CORPUS_FOLDERS: string[];
export declare function fold(text: string): string;
export declare function personalDataIn(texts: string[]): People;
export declare function fixturePersonalData(root: string): People;
export declare function redact(value: string): string;
export declare function findPersonalData(log: string, people: People, limit?: number): { line: number; value: string }[];
