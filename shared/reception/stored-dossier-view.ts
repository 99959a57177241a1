import { z } from 'zod';
import { AppError } from '../ipc/result';
import { describeIssues, parseStoredText } from '../storage/stored-json';
import { dossierViewSchema, type DossierView } from './dossier-view';

/**
 * The version of the dossier view as it is written to `dossiers.view` today. Views written before
 * versions existed carry no `schemaVersion` and count as version 1. A change to the view's shape
 * raises this number and adds the step from the previous version to UPGRADES, so every view ever
 * stored still reads back (docs/architecture.md §5).
 */
export const DOSSIER_VIEW_VERSION = 3;

type StoredObject = Record<string, unknown>;

/** UPGRADES[n] turns a stored view of version n into version n + 1. */
const UPGRADES: Readonly<Record<number, (view: StoredObject) => StoredObject>> = {
  // Version 2 only starts carrying the number: the fields are those of version 1.
  1: (view) => ({ ...view, schemaVersion: 2 }),
  // Version 3 adds the reception snapshot (site, procedure version, lead agency), all optional: a view
  // of version 2 that migration 0009 did not stamp keeps printing with the site's current identity.
  2: (view) => ({ ...view, schemaVersion: 3 }),
};

const storedViewSchema = dossierViewSchema.extend({ schemaVersion: z.literal(DOSSIER_VIEW_VERSION) });

/** The text stored in `dossiers.view`: the view with the version it was written in. */
export function serializeDossierView(view: DossierView): string {
  return JSON.stringify({ schemaVersion: DOSSIER_VIEW_VERSION, ...view });
}

function versionOf(stored: StoredObject, code: string): number {
  const version = stored.schemaVersion ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new AppError('STORED_DATA_INVALID', {
      what: 'dossiers.view',
      key: code,
      details: `schemaVersion: ${String(version).slice(0, 40)}`,
    });
  }
  if (version > DOSSIER_VIEW_VERSION) throw new AppError('DOSSIER_VIEW_TOO_NEW', { code, version, supported: DOSSIER_VIEW_VERSION });
  return version;
}

/** Brings a parsed stored view of any known version up to the current one, unchecked. */
export function upgradeDossierView(stored: StoredObject, code: string): StoredObject {
  let view = stored;
  for (let version = versionOf(stored, code); version < DOSSIER_VIEW_VERSION; version += 1) {
    const upgrade = UPGRADES[version];
    if (!upgrade) throw new AppError('DOSSIER_VIEW_TOO_NEW', { code, version, supported: DOSSIER_VIEW_VERSION });
    view = upgrade(view);
  }
  return view;
}

/**
 * A view read back from `dossiers.view`: upgraded to the current version and checked against
 * dossierViewSchema, so a view of the wrong shape is a clear STORED_DATA_INVALID naming the dossier
 * instead of a crash in whatever reads a missing field later. `code` is the row's dossier code.
 */
export function parseStoredDossierView(text: string, code: string): DossierView {
  const stored = parseStoredText(text, 'dossiers.view', code);
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new AppError('STORED_DATA_INVALID', { what: 'dossiers.view', key: code, details: 'không phải một đối tượng JSON' });
  }
  const parsed = storedViewSchema.safeParse(upgradeDossierView(stored as StoredObject, code));
  if (!parsed.success)
    throw new AppError('STORED_DATA_INVALID', { what: 'dossiers.view', key: code, details: describeIssues(parsed.error) });
  const { schemaVersion: _version, ...view } = parsed.data;
  return view;
}
