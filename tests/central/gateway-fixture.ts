import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { v7 as uuidv7 } from 'uuid';
import { inject } from 'vitest';
import { openCentralDatabase, type CentralDatabase } from '../../central/db/open';
import { createEnrolmentCode } from '../../central/enrolment';
import { DEFAULT_SEQUENCE_POLICY } from '../../central/sequence-blocks';
import { createGatewayServer, listen, type GatewayOptions } from '../../central/server';
import { canonicalRequest } from '../../shared/sync/protocol';
import { tempDir } from './temp';

export const AGENCY = '000.00.06.H56';

export interface Gateway {
  url: string;
  port: number;
  database: CentralDatabase;
  server: http.Server;
  masterKey: Buffer;
  blobDir: string;
  close(): Promise<void>;
}

/** A real gateway on embedded PostgreSQL (PGlite) in a temporary folder, on 127.0.0.1. */
export async function startGateway(
  extra: Partial<Pick<GatewayOptions, 'limits' | 'log' | 'now' | 'trustedProxies' | 'sequencePolicy' | 'agencyStorageQuotaBytes'>> = {},
): Promise<Gateway> {
  const dataDir = tempDir('quay-central-');
  fs.cpSync(inject('centralTemplate'), dataDir, { recursive: true });
  const database = await openCentralDatabase({ dataDir });
  await database.migrate();
  const masterKey = randomBytes(32);
  const blobDir = path.join(dataDir, 'blobs');
  // Counters in these tests live on fixed dates, not the gateway's today: no window on the days they lease.
  const sequencePolicy = { ...DEFAULT_SEQUENCE_POLICY, days: null };
  const options: GatewayOptions = { database, masterKey, blobDir, publicUrl: '', log: () => undefined, sequencePolicy, ...extra };
  const server = createGatewayServer(options);
  const port = await listen(server, 0);
  // File links follow --public-url, read when a link is made; here it is the address the test listens on.
  options.publicUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    database,
    server,
    masterKey,
    blobDir,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function enrol(
  gateway: Pick<Gateway, 'url' | 'database'>,
  agencyCode = AGENCY,
  expectedDailyDossiers?: number,
): Promise<{ deviceId: string; secret: string }> {
  const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode, counterName: 'Quầy 1', expectedDailyDossiers });
  const response = await fetch(`${gateway.url}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, counterName: 'Quầy 1' }),
  });
  if (response.status !== 200) throw new Error(`enrol failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { deviceId: string; secret: string };
}

export function signedHeaders(
  credential: { deviceId: string; secret: string },
  body: string | Buffer,
  overrides: { path?: string; method?: string; timestamp?: number; nonce?: string; secret?: string } = {},
): Record<string, string> {
  const timestamp = String(overrides.timestamp ?? Date.now());
  const nonce = overrides.nonce ?? randomBytes(16).toString('base64url');
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  const message = canonicalRequest({
    method: overrides.method ?? 'POST',
    path: overrides.path ?? '/v1/commands',
    timestamp,
    nonce,
    bodySha256,
  });
  return {
    'content-type': 'application/json',
    'x-device-id': credential.deviceId,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-body-sha256': bodySha256,
    'x-signature': createHmac('sha256', overrides.secret ?? credential.secret)
      .update(message)
      .digest('hex'),
  };
}

/** Any signed call: JSON bodies for POST, raw chunks for PATCH, none for GET. */
export async function signed(
  gateway: Pick<Gateway, 'url'>,
  credential: { deviceId: string; secret: string },
  method: 'GET' | 'POST' | 'PATCH',
  target: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? '' : Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const signedWith = signedHeaders(credential, payload, { method, path: target });
  if (method !== 'POST') delete signedWith['content-type'];
  const response = await fetch(`${gateway.url}${target}`, {
    method,
    headers: { ...signedWith, ...headers },
    body: method === 'GET' ? undefined : typeof payload === 'string' ? payload : new Uint8Array(payload),
  });
  return { status: response.status, body: await response.json() };
}

export async function push(
  gateway: Pick<Gateway, 'url'>,
  credential: { deviceId: string; secret: string },
  commands: unknown[],
): Promise<{ status: number; body: any }> {
  const body = JSON.stringify({ commands });
  const response = await fetch(`${gateway.url}/v1/commands`, { method: 'POST', headers: signedHeaders(credential, body), body });
  return { status: response.status, body: await response.json() };
}

let sequence = 0;

/** A received command as a counter would queue it, with a fresh dossier code of the given agency. */
export function receivedCommand(options: { agency?: string; code?: string } = {}): {
  id: string;
  kind: 'dossier.received';
  dossierCode: string;
  payload: any;
} {
  sequence += 1;
  const code = options.code ?? `${options.agency ?? AGENCY}-260302-${String(sequence).padStart(4, '0')}`;
  const at = '2026-03-02T01:00:00.000Z';
  const party = {
    kind: 'citizen',
    fullName: 'Nguyễn Thị Hồng Nhung',
    idNumber: '038190012345',
    oldIdNumber: null,
    taxCode: null,
    dateOfBirth: '1990-05-14',
    sex: 'female',
    address: 'Thôn Đông',
    issueDate: null,
    phone: '0912345678',
    email: '',
  };
  const dossier = {
    id: uuidv7(),
    code,
    status: 2,
    procedure: {
      code: '1.001193.000.00.00.H56',
      name: 'Đăng ký khai sinh',
      sectorName: 'Hộ tịch',
      duration: { unit: 'workingDays', value: 1 },
    },
    owner: party,
    submitter: null,
    channel: 'direct',
    returnMethod: 'counter',
    returnAddress: null,
    receivedAt: at,
    receivedLocal: '2026-03-02T08:00',
    dueLocal: '2026-03-03T08:00',
    setsCount: 1,
    components: [],
    fees: [],
    officer: { username: 'canbo01', fullName: 'Lê Văn Cán Bộ' },
    register: { book: '2026', number: sequence },
    note: '',
    returnedAt: null,
    returnedTo: null,
  };
  const event = {
    id: uuidv7(),
    dossierId: dossier.id,
    type: 'received',
    status: 2,
    at,
    actorAccountId: null,
    actorName: 'Lê Văn Cán Bộ',
    payload: { note: 'Tiếp nhận hồ sơ' },
  };
  return { id: uuidv7(), kind: 'dossier.received', dossierCode: code, payload: { dossier, event } };
}

export function returnedCommand(code: string): { id: string; kind: 'dossier.resultReturned'; dossierCode: string; payload: any } {
  const event = {
    id: uuidv7(),
    dossierId: uuidv7(),
    type: 'resultReturned',
    status: 10,
    at: '2026-03-03T02:00:00.000Z',
    actorAccountId: null,
    actorName: 'Lê Văn Cán Bộ',
    payload: { collector: 'Nguyễn Thị Hồng Nhung', collectorIdNumber: null, note: '' },
  };
  return { id: uuidv7(), kind: 'dossier.resultReturned', dossierCode: code, payload: { code, event } };
}
