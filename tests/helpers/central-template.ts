import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { migrationsFolder, openCentralDatabase } from '../../central/db/open';

function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * A migrated gateway data folder to copy: PGlite's initdb and the migrations take 5–20 s on these
 * machines, so each test starts from a copy of one folder instead. The folder is keyed by the
 * migrations and the PGlite version, so a changed schema never reuses a stale one; the vitest
 * projects and the e2e specs of one run share it.
 */
export async function migratedCentralTemplate(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(pgliteVersion());
  for (const name of fs.readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const file = path.join(migrationsFolder, name);
    if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file));
  }
  const template = path.join(os.tmpdir(), `quay-central-template-${hash.digest('hex').slice(0, 16)}`);
  if (!fs.existsSync(path.join(template, 'ready'))) {
    const building = `${template}.${process.pid}.tmp`;
    fs.rmSync(building, { recursive: true, force: true });
    const database = await openCentralDatabase({ dataDir: building });
    await database.migrate();
    await database.close();
    fs.writeFileSync(path.join(building, 'ready'), '');
    fs.rmSync(template, { recursive: true, force: true });
    fs.renameSync(building, template);
  }
  return template;
}
