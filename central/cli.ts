import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { grantProblem } from '../shared/access/authority';
import { MAX_SEQUENCE_BLOCK } from '../shared/sync/protocol';
import { presentAdminAnswer, runAdminRequest, type AdminAnswer, type AdminRequest } from './admin-commands';
import { callAdminEndpoint, claimDataDir, DataDirBusyError, startAdminEndpoint, type HeldLock } from './admin-endpoint';
import { BACKOFFICE_SCOPES, isBackofficeScope } from './backoffice';
import { BlobStore, DEFAULT_AGENCY_STORAGE_BYTES } from './blobs';
import { loadMasterKey } from './credentials';
import { openCentralDatabase, type CentralDatabase, type DatabaseLocation } from './db/open';
import { DEFAULT_CODE_TTL_HOURS } from './enrolment';
import { importKinds, type ImportKind } from './imports';
import { startMaintenance } from './maintenance';
import { BrandnameSmsChannel } from './notify/brandname-sms';
import { blobFolderReader } from './notify/form-attachment';
import { startNotifier } from './notify/notifier';
import { startOnlineDecisionDelivery } from './online/online-decision-delivery';
import { readNotifyConfig } from './notify/notify-config';
import { SmtpEmailChannel } from './notify/smtp-email';
import { DvcqgClient } from './portal/dvcqg-client';
import { startDvcqgForwarder } from './portal/dvcqg-forwarder';
import { startPortalIntake } from './portal/portal-intake';
import { readDvcqgPortalConfig } from './portal/portal-config';
import { createGatewayServer, listen } from './server';
import { DEFAULT_STALE_UPLOAD_DAYS } from './stale-uploads';

const USAGE = `Usage: quay-central <command> [--data DIR | --database-url URL] [--key-file FILE]
  serve --port N --public-url URL [--host 127.0.0.1] [--trusted-proxy ADDR]… [--stale-upload-days ${DEFAULT_STALE_UPLOAD_DAYS}]
                                           run the gateway (applies pending migrations first); URL is
                                           the https address the province publishes it at (file links);
                                           ADDR a TLS reverse proxy in front, whose X-Forwarded-For
                                           names the client; at
                                           start and every 6 h it removes partial uploads untouched
                                           for that many days; --agency-quota-gb G caps the files each
                                           agency's counters may store (default ${DEFAULT_AGENCY_STORAGE_BYTES / 1024 ** 3})
  migrate                                  apply pending migrations
  enroll-code --agency CODE --counter NAME [--ttl-hours ${DEFAULT_CODE_TTL_HOURS}] [--expected-daily N]
                                           print a one-time enrolment code for a counter; N is the
                                           dossiers a day the province expects there, so its first
                                           lease of numbers already lasts such a day offline
  revoke-device DEVICE_ID                  refuse every further request from that device
  import catalog|calendar|staff FILE       publish province-owned data to the counters (JSON, see README)
  backoffice-token --name NAME --scope S[,S…]
                                           print a bearer token for a provincial system that may do
                                           only S: ${BACKOFFICE_SCOPES.join(', ')}
  backoffice-token revoke TOKEN_ID         refuse that token from now on
  audit verify --device DEVICE_ID [--json] the counter's audit heads anchored at each sync, and
                                           whether its log was found rewritten (exit 1)
  stats [--json]                           devices, dossiers, commands, blobs, per agency
  dvcqg status|retry|replay [--dossier CODE] [--json]
                                           what the national portal is owed and refused; send dead
                                           letters again; send a dossier again whole (replay needs
                                           --dossier). serve --dvcqg-config FILE forwards to it;
                                           serve --notify-config FILE sends SMS and e-mail notices
  authority add --agency CODE --for CODE --kind on-behalf|successor [--from YYYY-MM-DD]
                                           let the counters of an agency act on the dossiers of
                                           another: on behalf of it (a service centre for a
                                           department) or as its successor from a date (a merger)
  authority list [--json] | authority remove --agency CODE --for CODE
  report --period P [--agency CODE] [--counter DEVICE_ID] [--officer USER] [--sector NAME]
         [--procedure CODE] [--xlsx FILE] [--json]
                                           the periodic report of dossier handling (Biểu II.06a), P a
                                           month 2026-10, quarter 2026-Q4, year 2026 or 2026-10-01..2026-10-15
  backup --to DIR [--json]                 the embedded database as one .tar.gz (with its .sha256), taken
                                           inside the running serve; PostgreSQL: pg_dump (README)
Database: --database-url (or QUAY_CENTRAL_DATABASE_URL) for PostgreSQL, else embedded PGlite in
--data (or QUAY_CENTRAL_DATA, default ./central-data). PGlite is opened by one process at a time:
while \`serve\` runs on the folder, the other commands run inside it through its loopback admin
endpoint (named with a token in <data>/gateway.lock, 0600); one that cannot be reached is refused.
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
      scope: { type: 'string', multiple: true },
      device: { type: 'string' },
      'trusted-proxy': { type: 'string', multiple: true },
      'ttl-hours': { type: 'string' },
      'expected-daily': { type: 'string' },
      'stale-upload-days': { type: 'string' },
      'agency-quota-gb': { type: 'string' },
      for: { type: 'string' },
      kind: { type: 'string' },
      from: { type: 'string' },
      dossier: { type: 'string' },
      to: { type: 'string' },
      period: { type: 'string' },
      officer: { type: 'string' },
      sector: { type: 'string' },
      procedure: { type: 'string' },
      xlsx: { type: 'string' },
      'dvcqg-config': { type: 'string' },
      'notify-config': { type: 'string' },
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
  if (command === 'serve') return serve(url ? { url } : { dataDir }, dataDir, values, out);
  const request = adminRequest(command, values, rest);
  const present = (answer: AdminAnswer) => {
    const { lines, exitCode } = presentAdminAnswer(answer, {
      json: values.json ?? false,
      deviceId: values.device ?? rest[0],
      name: values.name,
      tokenId: rest[1],
      dossierCode: values.dossier,
    });
    for (const line of lines) out(line);
    return exitCode;
  };
  if (url) return present(await withDatabase({ url }, (db) => runAdminRequest(db, request)));
  let access;
  try {
    access = await claimDataDir(dataDir, 'admin');
    if ('serving' in access) return present(await callAdminEndpoint(dataDir, access.serving, request));
  } catch (error) {
    if (!(error instanceof DataDirBusyError)) throw error;
    out(`GATEWAY_BUSY: ${error.message}`);
    return 1;
  }
  try {
    return present(await withDatabase({ dataDir }, (db) => runAdminRequest(db, request)));
  } finally {
    access.held.release();
  }
}

async function withDatabase<T>(location: DatabaseLocation, work: (db: CentralDatabase['db']) => Promise<T>): Promise<T> {
  const database = await openCentralDatabase(location);
  try {
    await database.migrate();
    return await work(database.db);
  } finally {
    await database.close();
  }
}

function adminRequest(command: string, values: ReturnType<typeof parseCliArgs>['values'], rest: string[]): AdminRequest {
  switch (command) {
    case 'migrate':
    case 'stats':
      return { command };
    case 'enroll-code':
      return {
        command,
        agencyCode: values.agency!,
        counterName: values.counter!,
        ttlHours: Number(values['ttl-hours'] ?? DEFAULT_CODE_TTL_HOURS),
        expectedDailyDossiers: values['expected-daily'] === undefined ? null : Number(values['expected-daily']),
      };
    case 'revoke-device':
      return { command, deviceId: rest[0]! };
    case 'import':
      return { command, kind: rest[0] as ImportKind, text: fs.readFileSync(rest[1]!, 'utf8') };
    case 'authority':
      if (rest[0] === 'list') return { command: 'authority-list' };
      if (rest[0] === 'remove') return { command: 'authority-remove', actorAgency: values.agency!, forAgency: values.for! };
      return {
        command: 'authority-add',
        actorAgency: values.agency!,
        forAgency: values.for!,
        kind: values.kind === 'successor' ? 'successor' : 'onBehalf',
        effectiveFrom: values.from ?? null,
      };
    case 'dvcqg':
      return { command, action: rest[0] as 'status' | 'retry' | 'replay', dossierCode: values.dossier ?? null };
    case 'backup':
      return { command, to: path.resolve(values.to!), at: new Date().toISOString() };
    case 'audit':
      return { command: 'audit-verify', deviceId: values.device! };
    case 'report':
      return {
        command,
        period: values.period!,
        filter: {
          agencyCode: values.agency,
          counterId: values.counter,
          officer: values.officer,
          sector: values.sector,
          procedureCode: values.procedure,
        },
        xlsx: values.xlsx ? path.resolve(values.xlsx) : null,
        at: new Date().toISOString(),
      };
    default:
      if (rest[0] === 'revoke') return { command: 'backoffice-token-revoke', tokenId: rest[1]! };
      return { command: 'backoffice-token', name: values.name!, scopes: scopesOf(values.scope).filter(isBackofficeScope) };
  }
}

/**
 * `serve`: on an embedded database it first claims the data folder, then announces a loopback
 * admin endpoint in the lock file so admin commands run inside this process (admin-endpoint.ts).
 */
async function serve(
  location: DatabaseLocation,
  dataDir: string,
  values: ReturnType<typeof parseCliArgs>['values'],
  out: (line: string) => void,
): Promise<number> {
  const publicUrl = values['public-url'];
  // File links handed to DVCQG are built from it; taken from a caller's Host they could point anywhere (issue 17 finding 4).
  if (!publicUrl || !/^https?:\/\/[^/?#\s]+$/.test(publicUrl)) {
    out('USAGE: serve needs --public-url https://host[:port], the address the province publishes the gateway at');
    return 64;
  }
  let held: HeldLock | null = null;
  if ('dataDir' in location) {
    const access = await claimDataDir(dataDir, 'starting');
    if ('serving' in access) {
      out(`GATEWAY_BUSY: ${dataDir} is already served by process ${access.serving.pid}`);
      return 1;
    }
    held = access.held;
  }
  const log = (message: string, error?: unknown) => console.error(`[central] ${message}`, error ?? '');
  try {
    const masterKey = loadMasterKey({ dataDir: 'url' in location ? undefined : dataDir, keyFile: values['key-file'] });
    const database = await openCentralDatabase(location);
    await database.migrate();
    const host = values.host ?? '127.0.0.1';
    const blobDir = path.join(dataDir, 'blobs');
    const quotaGb = values['agency-quota-gb'];
    const server = createGatewayServer({
      database,
      masterKey,
      blobDir,
      publicUrl,
      trustedProxies: values['trusted-proxy'] ?? [],
      agencyStorageQuotaBytes: quotaGb === undefined ? undefined : Math.round(Number(quotaGb) * 1024 ** 3),
    });
    const bound = await listen(server, Number(values.port ?? '8080'), host);
    const admin = held ? await startAdminEndpoint(database.db, log) : null;
    if (held && admin) held.announce(admin.port, admin.token);
    const staleUploadMs = Number(values['stale-upload-days'] ?? DEFAULT_STALE_UPLOAD_DAYS) * 86_400_000;
    const stopMaintenance = startMaintenance({ db: database.db, blobDir, staleUploadMs, log });
    const dvcqgConfigFile = values['dvcqg-config'];
    const dvcqgConfig = dvcqgConfigFile ? readDvcqgPortalConfig(dvcqgConfigFile) : null;
    const forwarder = dvcqgConfig
      ? startDvcqgForwarder({
          db: database.db,
          client: new DvcqgClient(dvcqgConfig),
          fileBaseUrl: dvcqgConfig.fileBaseUrl,
          log: (message) => log(message),
        })
      : null;
    const onlineIntakeAgency = dvcqgConfig?.onlineIntakeAgency;
    const intake =
      dvcqgConfig && onlineIntakeAgency
        ? startPortalIntake({
            db: database.db,
            client: new DvcqgClient(dvcqgConfig),
            agencyCode: onlineIntakeAgency,
            files: {
              blobs: new BlobStore(database.db, blobDir, quotaGb === undefined ? undefined : Math.round(Number(quotaGb) * 1024 ** 3)),
            },
            log: (message) => log(message),
          })
        : null;
    const notifyConfigFile = values['notify-config'];
    const notifyConfig = notifyConfigFile ? readNotifyConfig(notifyConfigFile) : null;
    // The receipt and Form 02/03 PDFs the counters upload, attached to the applicant's e-mail (issue 15 §1).
    const formBlobs = new BlobStore(database.db, blobDir);
    const blobs = blobFolderReader((sha256) => formBlobs.filePath(sha256));
    const notifier = notifyConfig
      ? startNotifier({
          blobs,
          db: database.db,
          config: notifyConfig,
          sms: notifyConfig.sms ? new BrandnameSmsChannel(notifyConfig.sms) : undefined,
          email: notifyConfig.email ? new SmtpEmailChannel(notifyConfig.email) : undefined,
          log: (message) => log(message),
        })
      : null;
    const onlineDecisions =
      dvcqgConfig || notifyConfig?.email
        ? startOnlineDecisionDelivery({
            db: database.db,
            blobs,
            portal: dvcqgConfig ? new DvcqgClient(dvcqgConfig) : undefined,
            email: notifyConfig?.email ? new SmtpEmailChannel(notifyConfig.email) : undefined,
            log: (message) => log(message),
          })
        : null;
    const shutdown = () => {
      stopMaintenance();
      void onlineDecisions?.stop();
      void forwarder?.stop();
      void intake?.stop();
      void notifier?.stop();
      void admin?.close();
      // The folder's lock goes with the process whatever closing the database does: a lock left behind by a
      // failed close would make the next admin command wait for a gateway that is gone.
      const finish = (code: number) => {
        held?.release();
        process.exit(code);
      };
      server.close(
        () =>
          void database.close().then(
            () => finish(0),
            (error: unknown) => {
              log(`database close failed: ${error instanceof Error ? error.message : String(error)}`);
              finish(1);
            },
          ),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    // Announced only once the signals are handled: a supervisor that stops the gateway as soon as it reads this line
    // would otherwise kill it by the default action, leaving its folder's lock behind.
    out(`quay-central listening on http://${host}:${bound} (${database.kind} database)`);
    return 0;
  } catch (error) {
    held?.release();
    throw error;
  }
}

/** Checked before the database is opened: opening PGlite takes seconds, a typo should not. */
function validate(
  command: string,
  values: {
    port?: string;
    agency?: string;
    counter?: string;
    name?: string;
    'ttl-hours'?: string;
    'expected-daily'?: string;
    'stale-upload-days'?: string;
    'agency-quota-gb'?: string;
    for?: string;
    kind?: string;
    from?: string;
    dossier?: string;
    to?: string;
    period?: string;
    'dvcqg-config'?: string;
    'notify-config'?: string;
    scope?: string[];
    device?: string;
  },
  rest: string[],
): void {
  switch (command) {
    case 'migrate':
    case 'stats':
      return;
    case 'dvcqg':
      if (!['status', 'retry', 'replay'].includes(rest[0] ?? '')) throw new UsageError('dvcqg needs status, retry or replay');
      if (rest[0] === 'replay' && !values.dossier) throw new UsageError('dvcqg replay needs --dossier CODE');
      return;
    case 'serve': {
      const dvcqgConfig = values['dvcqg-config'];
      for (const file of [dvcqgConfig, values['notify-config']])
        if (file && !fs.existsSync(file)) throw new UsageError(`file not found: ${file}`);
      const port = Number(values.port ?? '8080');
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
      const staleDays = Number(values['stale-upload-days'] ?? DEFAULT_STALE_UPLOAD_DAYS);
      if (!(staleDays >= 1 && staleDays <= 365)) throw new UsageError('--stale-upload-days must be between 1 and 365');
      const quotaGb = Number(values['agency-quota-gb'] ?? 1);
      if (!(quotaGb >= 1 && quotaGb <= 1_000_000)) throw new UsageError('--agency-quota-gb must be a number of gigabytes from 1');
      return;
    }
    case 'enroll-code': {
      if (!values.agency || !values.counter) throw new UsageError('enroll-code needs --agency and --counter');
      const ttlHours = Number(values['ttl-hours'] ?? DEFAULT_CODE_TTL_HOURS);
      if (!(ttlHours > 0 && ttlHours <= 24 * 30)) throw new UsageError('--ttl-hours must be between 0 and 720');
      const expected = Number(values['expected-daily'] ?? 1);
      if (!Number.isInteger(expected) || expected < 1 || expected > MAX_SEQUENCE_BLOCK)
        throw new UsageError(`--expected-daily must be a whole number from 1 to ${MAX_SEQUENCE_BLOCK}`);
      return;
    }
    case 'revoke-device':
      if (!rest[0]) throw new UsageError('revoke-device needs a device id');
      return;
    case 'import':
      if (!importKinds.includes(rest[0] as ImportKind) || !rest[1])
        throw new UsageError(`import needs one of ${importKinds.join('|')} and a file`);
      if (!fs.existsSync(rest[1])) throw new UsageError(`file not found: ${rest[1]}`);
      return;
    case 'backoffice-token': {
      if (rest[0] === 'revoke') {
        if (!rest[1]) throw new UsageError('backoffice-token revoke needs a token id');
        return;
      }
      if (!values.name?.trim()) throw new UsageError('backoffice-token needs --name');
      const scopes = scopesOf(values.scope);
      if (scopes.length === 0 || !scopes.every(isBackofficeScope))
        throw new UsageError(`backoffice-token needs --scope, one or more of ${BACKOFFICE_SCOPES.join(', ')}`);
      return;
    }
    case 'audit':
      if (rest[0] !== 'verify' || !values.device) throw new UsageError('audit verify needs --device DEVICE_ID');
      return;
    case 'backup':
      if (!values.to) throw new UsageError('backup needs --to DIR');
      return;
    case 'report':
      if (!values.period) throw new UsageError('report needs --period, e.g. 2026-Q4');
      return;
    case 'authority':
      if (rest[0] === 'list') return;
      if (rest[0] !== 'add' && rest[0] !== 'remove') throw new UsageError('authority needs add, list or remove');
      if (!values.agency || !values.for) throw new UsageError(`authority ${rest[0]} needs --agency and --for`);
      if (rest[0] === 'add') {
        if (values.kind !== 'on-behalf' && values.kind !== 'successor')
          throw new UsageError('authority add needs --kind on-behalf or --kind successor');
        const kind = values.kind === 'successor' ? 'successor' : 'onBehalf';
        const problem = grantProblem({ actorAgency: values.agency, forAgency: values.for, kind, effectiveFrom: values.from ?? null });
        if (problem) throw new UsageError(`authority not stored: ${problem}`);
      }
      return;
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

class UsageError extends Error {}

/** `--scope a,b --scope c` as one list. */
function scopesOf(given: string[] | undefined): string[] {
  return (given ?? [])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
}

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
