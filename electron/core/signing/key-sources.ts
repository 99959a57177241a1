import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isKeyFile, orderModuleSuggestions, type KeyFilePurpose } from '../../../shared/signing/known-token-modules';
import { AppError } from '../../../shared/ipc/result';

export interface BrowseListing {
  dir: string;
  parent: string | null;
  entries: Array<{ name: string; path: string; kind: 'dir' | 'file' }>;
}

/** The known token libraries, those installed on this machine first (docs/devices.md §7.3). */
export function moduleSuggestions(exists: (file: string) => boolean = fs.existsSync) {
  return orderModuleSuggestions(exists);
}

/**
 * One folder of the file picker the signing dialog opens for a token library or a .p12 file. It runs
 * in the core, so the same picker works in the desktop window and the harness: only folders and the
 * files `purpose` can use are listed, hidden entries are left out, and an unreadable folder is
 * SIGN_BROWSE_UNREADABLE.
 */
export function browseKeyFiles(dir: string | null, purpose: KeyFilePurpose): BrowseListing {
  const start = path.resolve(dir ?? os.homedir());
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(start, { withFileTypes: true });
  } catch {
    throw new AppError('SIGN_BROWSE_UNREADABLE', { dir: start });
  }
  const entries = dirents
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry): BrowseListing['entries'] => {
      const full = path.join(start, entry.name);
      if (entry.isDirectory()) return [{ name: entry.name, path: full, kind: 'dir' }];
      if ((entry.isFile() || entry.isSymbolicLink()) && isKeyFile(entry.name, purpose))
        return [{ name: entry.name, path: full, kind: 'file' }];
      return [];
    })
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const parent = path.dirname(start);
  return { dir: start, parent: parent === start ? null : parent, entries };
}
