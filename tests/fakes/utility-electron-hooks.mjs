// Module hooks for the utility-process stand-in: `electron` there is Electron's utility-process
// module (lib/utility/api/module-list.ts), which plain Node does not have; it resolves to a stand-in.
import { URL } from 'node:url';

const STAND_IN = new URL('./utility-electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STAND_IN, shortCircuit: true };
  return nextResolve(specifier, context);
}
