import { fileURLToPath } from 'node:url';
import { buildRenderer } from '../../../scripts/build-renderer.mjs';

/**
 * The specs test the built renderer exactly as the harness serves it; it is built here unless the
 * stamp beside out/renderer shows it was built from these very sources (scripts/build-renderer.mjs).
 */
export default function globalSetup(): void {
  buildRenderer(fileURLToPath(new URL('../../..', import.meta.url)));
}
