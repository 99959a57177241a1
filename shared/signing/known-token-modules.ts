/**
 * PKCS#11 libraries installed by the drivers of tokens common in Vietnam (docs/devices.md §7.3):
 * suggestions the signing dialog offers next to a file picker, read from vendor documentation and
 * not verified on real tokens. The path an officer uses is data, never limited to this list.
 */
export interface KnownTokenModule {
  vendor: string;
  path: string;
}

export const KNOWN_TOKEN_MODULES: readonly KnownTokenModule[] = [
  { vendor: 'Feitian ePass2003 (VNPT-CA, Viettel-CA)', path: 'C:\\Windows\\System32\\eps2003csp11.dll' },
  { vendor: 'SafeNet / Thales eToken', path: 'C:\\Windows\\System32\\eTPKCS11.dll' },
  { vendor: 'Thales (Gemalto) IDPrime', path: 'C:\\Windows\\System32\\IDPrimePKCS11.dll' },
  { vendor: 'Bit4id', path: 'C:\\Windows\\System32\\bit4xpki.dll' },
  { vendor: 'OpenSC', path: 'C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll' },
  { vendor: 'OpenSC', path: '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so' },
  { vendor: 'SoftHSM2', path: '/usr/lib/softhsm/libsofthsm2.so' },
];

/** File name endings the picker shows for each kind of key file. */
export const KEY_FILE_EXTENSIONS = {
  module: ['.dll', '.so', '.dylib'],
  p12: ['.p12', '.pfx'],
} as const;

export type KeyFilePurpose = keyof typeof KEY_FILE_EXTENSIONS;

/** Suggestions present on this machine first, in the table's order otherwise. */
export function orderModuleSuggestions(present: (path: string) => boolean): Array<KnownTokenModule & { present: boolean }> {
  const rows = KNOWN_TOKEN_MODULES.map((module) => ({ ...module, present: present(module.path) }));
  return [...rows.filter((row) => row.present), ...rows.filter((row) => !row.present)];
}

/** Whether a file name belongs in the picker for `purpose` (case-insensitive: Windows names vary). */
export function isKeyFile(name: string, purpose: KeyFilePurpose): boolean {
  const lower = name.toLowerCase();
  return KEY_FILE_EXTENSIONS[purpose].some((extension) => lower.endsWith(extension));
}
