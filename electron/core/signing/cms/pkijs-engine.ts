import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

let installed = false;

/** pkijs finds WebCrypto through a global engine; the core gives it Node's, once. */
export function ensurePkijsEngine(): void {
  if (installed) return;
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as pkijs.CryptoEngineParameters['crypto'] }));
  installed = true;
}
