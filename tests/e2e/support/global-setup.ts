import { fileURLToPath } from 'node:url';
import { buildRenderer } from '../../../scripts/build-renderer.mjs';
import { migratedCentralTemplate } from '../../helpers/central-template';

/**
 * The specs test the built renderer exactly as the harness serves it; it is built here unless the
 * stamp beside out/renderer shows it was built from these very sources (scripts/build-renderer.mjs).
 * The specs' gateways start from the migrated data folder the vitest projects use; the workers
 * inherit the variable naming it.
 */
export default async function globalSetup(): Promise<void> {
  buildRenderer(fileURLToPath(new URL('../../..', import.meta.url)));
  process.env.QUAY_E2E_CENTRAL_TEMPLATE = await migratedCentralTemplate();
}
