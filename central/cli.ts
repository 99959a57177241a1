import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_SEQUENCE_BLOCK } from '../shared/sync/protocol';
import { createBackofficeToken } from './backoffice';
import { loadMasterKey } from './credentials';
import { openCentralDatabase, type DatabaseLocation } from './db/open';
import { createEnrolmentCode, DEFAULT_CODE_TTL_HOURS, revokeDevice } from './enrolment';
import { ImportFileError, importFile, importKinds, type ImportKind } from './imports';
import { startMaintenance } from './maintenance';
import { createGatewayServer, listen } from './server';
import { DEFAULT_STALE_UPLOAD_DAYS } from './stale-uploads';
import { gatewayStats } from './stats';

const USAGE = `Usage: quay-central <command> [--data DIR | --database-url URL] [--key-file FILE]
  serve --port N [--host 127.0.0.1] [--public-url URL] [--stale-upload-days ${DEFAULT_STALE_UPLOAD_DAYS}]
                                           run the gateway (applies pending migrations first); at
                                           start and every 6 h it removes partial uploads untouched
                                           for that many days
  migrate                                  apply pending migrations
  enroll-code --agency CODE --counter NAME [--ttl-hours ${DEFAULT_CODE_TTL_HOURS}] [--expected-daily N]
                                           print a one-time enrolment code for a counter; N is the
                                           dossiers a day the province expects there, so its first
                                           lease of numbers already lasts such a day offline
  revoke-device DEVICE_ID                  refuse every further request from that device
  import catalog|calendar|staff FILE       publish province-owned data to the counters (JSON, see README)
  backoffice-token --name NAME             print a bearer token for a provincial system
  stats [--json]                           devices, dossiers, commands, blobs, per agency
Database: --database-url (or QUAY_CENTRAL_DATABASE_URL) for PostgreSQL, else embedded PGlite in
--data (or QUAY_CENTRAL_DATA, default ./central-data). With PGlite only one process may open the
folder at a time: stop \`serve\` before running another command on the same folder.
Blobs are kept in <data>/blobs in both cases; instances sharing a database must share that folder.
Master key: QUAY_CENTRAL_KEY (base64), --key-file, or <data>/gateway.key (created on first use).`;

function parseCliArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      'database-url': { type: 'string' },
      'key-file': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      agency: { type: 'string' },
      counter: { type: 'string' },
      name: { type: 'string' },
      'public-url': { type: 'string' },
      'ttl-hours': { type: 'string' },
      'expected-daily': { type: 'string' },
      'stale-upload-days': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}

export async function runCentralCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    out(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    out(USAGE);
    return command ? 0 : 2;
  }
  try {
    validate(command, values, rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const url = values['database-url'] ?? process.env.QUAY_CENTRAL_DATABASE_URL;
  const dataDir = path.resolve(values.data ?? process.env.QUAY_CENTRAL_DATA ?? 'central-data');
  const location: DatabaseLocation = url ? { url } : { dataDir };
  const masterKey = command === 'serve' ? loadMasterKey({ dataDir: url ? undefined : dataDir, keyFile: values['key-file'] }) : null;
  const database = await openCentralDatabase(location);
  let keepOpen = false;
  try {
    await database.migrate();
    switch (command) {
      case 'migrate':
        out('migrations applied');
        return 0;
      case 'serve': {
        const host = values.host ?? '127.0.0.1';
        const blobDir = path.join(dataDir, 'blobs');
        const server = createGatewayServer({ database, masterKey: masterKey!, blobDir, publicUrl: values['public-url'] });
        const bound = await listen(server, Number(values.port ?? '8080'), host);
        out(`quay-central listening on http://${host}:${bound} (${database.kind} database)`);
        keepOpen = true;
        const staleUploadMs = Number(values['stale-upload-days'] ?? DEFAULT_STALE_UPLOAD_DAYS) * 86_400_000;
        const stopMaintenance = startMaintenance({ db: database.db, blobDir, staleUploadMs, log: (message, error) => console.error(`[central] ${message}`, error ?? '') });
        const shutdown = () => {
          stopMaintenance();
          server.close(() => void database.close().then(() => process.exit(0)));
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
        return 0;
      }
      case 'enroll-code': {
        const ttlHours = Number(values['ttl-hours'] ?? DEFAULT_CODE_TTL_HOURS);
        const expectedDailyDossiers = values['expected-daily'] === undefined ? null : Number(values['expected-daily']);
        const { code, expiresAt } = await createEnrolmentCode(database.db, { agencyCode: values.agency!, counterName: values.counter!, ttlHours, expectedDailyDossiers });
        out(values.json ? JSON.stringify({ code, expiresAt: expiresAt.toISOString() }) : `${code}  (valid until ${expiresAt.toISOString()})`);
        return 0;
      }
      case 'revoke-device': {
        const deviceId = rest[0]!;
        if (!(await revokeDevice(database.db, deviceId))) {
          out(`no device ${deviceId}`);
          return 1;
        }
        out(`device ${deviceId} revoked`);
        return 0;
      }
      case 'import': {
        const kind = rest[0] as ImportKind;
        const report = await importFile(database.db, kind, fs.readFileSync(rest[1]!, 'utf8'));
        out(values.json ? JSON.stringify(report) : `${kind}: ${report.changed} changed, ${report.unchanged} unchanged, ${report.rejected.length} rejected`);
        for (const r of values.json ? [] : report.rejected) out(`  item ${r.item}${r.key ? ` (${r.key})` : ''}: ${r.problem}`);
        return report.rejected.length > 0 ? 1 : 0;
      }
      case 'backoffice-token': {
        const { id, token } = await createBackofficeToken(database.db, values.name!);
        out(values.json ? JSON.stringify({ id, token }) : `${token}  (token ${id} for ${values.name}; shown once, stored hashed)`);
        return 0;
      }
      default: {
        const stats = await gatewayStats(database.db);
        out(values.json ? JSON.stringify(stats) : Object.entries(stats).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n'));
        return 0;
      }
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    out(error.message);
    return 1;
  } finally {
    if (!keepOpen) await database.close();
  }
}

/** Checked before the database is opened: opening PGlite takes seconds, a typo should not. */
function validate(command: string, values: { port?: string; agency?: string; counter?: string; name?: string; 'ttl-hours'?: string; 'expected-daily'?: string; 'stale-upload-days'?: string }, rest: string[]): void {
  switch (command) {
    case 'migrate':
    case 'stats':
      return;
    case 'serve': {
      const port = Number(values.port ?? '8080');
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
      const staleDays = Number(values['stale-upload-days'] ?? DEFAULT_STALE_UPLOAD_DAYS);
      if (!(staleDays >= 1 && staleDays <= 365)) throw new UsageError('--stale-upload-days must be between 1 and 365');
      return;
    }
    case 'enroll-code': {
      if (!values.agency || !values.counter) throw new UsageError('enroll-code needs --agency and --counter');
      const ttlHours = Number(values['ttl-hours'] ?? DEFAULT_CODE_TTL_HOURS);
      if (!(ttlHours > 0 && ttlHours <= 24 * 30)) throw new UsageError('--ttl-hours must be between 0 and 720');
      const expected = Number(values['expected-daily'] ?? 1);
      if (!Number.isInteger(expected) || expected < 1 || expected > MAX_SEQUENCE_BLOCK) throw new UsageError(`--expected-daily must be a whole number from 1 to ${MAX_SEQUENCE_BLOCK}`);
      return;
    }
    case 'revoke-device':
      if (!rest[0]) throw new UsageError('revoke-device needs a device id');
      return;
    case 'import':
      if (!importKinds.includes(rest[0] as ImportKind) || !rest[1]) throw new UsageError(`import needs one of ${importKinds.join('|')} and a file`);
      if (!fs.existsSync(rest[1])) throw new UsageError(`file not found: ${rest[1]}`);
      return;
    case 'backoffice-token':
      if (!values.name?.trim()) throw new UsageError('backoffice-token needs --name');
      return;
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

class UsageError extends Error {}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  runCentralCli(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
