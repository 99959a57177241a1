/**
 * A key that signs for one signing session: a PKCS#12 file opened with the officer's password or a
 * PKCS#11 token logged in with their PIN. The secret stays inside the key (or the token); the
 * signing room sees only certificates and signature values (docs/devices.md §7).
 */
export interface SigningKey {
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** DER of the intermediate certificates up to (not necessarily including) the root. */
  readonly chain: readonly Uint8Array[];
  readonly algorithm: 'rsa' | 'ec';
  /**
   * False when the key wants its PIN again for every signature (PKCS#11 CKA_ALWAYS_AUTHENTICATE):
   * such a token cannot sign in the background after the officer has typed the PIN once.
   */
  readonly allowsBackground?: boolean;
  /** Signs `data` with SHA-256 (RSA PKCS#1 v1.5 or DER-encoded ECDSA). */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** Ends the session (logs out of a token); the key cannot sign afterwards. */
  close(): Promise<void>;
}
