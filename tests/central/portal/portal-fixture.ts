import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { inject } from 'vitest';
import { applyCommands, type Device } from '../../../central/commands';
import { openCentralDatabase, type CentralDatabase } from '../../../central/db/open';
import { blobs, devices } from '../../../central/db/schema';
import { appendChange } from '../../../central/feed';
import type { CatalogueEntry } from '../../peers/dvcqg-payload-rules';
import { AGENCY } from '../gateway-fixture';
import { tempDir } from '../temp';

export const PROCEDURE = '1.001193.000.00.00.H56';
export const LEAD_AGENCY = 'UBND xã Yên Thái';
export const RESULT_CODE = 'KQ.001193';
export const DEVICE: Device = { id: 'dev-portal', agencyCode: AGENCY };

/** The national catalogue as the portal simulator knows it, and the same entry published on the gateway. */
export const CATALOGUE = new Map<string, CatalogueEntry>([
  [PROCEDURE, { componentCodes: ['TK', 'GCS', 'KQ'], resultCode: RESULT_CODE, processingAgency: LEAD_AGENCY }],
]);

/** A gateway database in a temporary folder that can be closed and opened again, as after a restart. */
export class GatewayDatabase {
  readonly dataDir = tempDir('quay-portal-');
  database!: CentralDatabase;

  static async create(): Promise<GatewayDatabase> {
    const gateway = new GatewayDatabase();
    fs.cpSync(inject('centralTemplate'), gateway.dataDir, { recursive: true });
    await gateway.open();
    await gateway.database.db.insert(devices).values({ id: DEVICE.id, agencyCode: AGENCY, counterName: 'Quầy 1', credentialHash: 'x' });
    await gateway.database.db.transaction((tx) =>
      appendChange(tx, {
        kind: 'procedure',
        key: PROCEDURE,
        agencyCode: null,
        data: { code: PROCEDURE, name: 'Đăng ký khai sinh', sectorCode: 'G01', resultCode: RESULT_CODE, leadAgency: LEAD_AGENCY },
      }),
    );
    return gateway;
  }

  async open(): Promise<void> {
    this.database = await openCentralDatabase({ dataDir: this.dataDir });
    await this.database.migrate();
  }

  async close(): Promise<void> {
    await this.database.close();
  }

  async destroy(): Promise<void> {
    await this.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface DossierKind {
  channel?: 'direct' | 'post' | 'online';
  organisation?: 'business' | 'stateAgency' | null;
  reused?: boolean;
  payment?: 'cash' | 'online' | 'none';
  consent?: boolean;
  email?: string;
  phone?: string;
}

let sequence = 0;

/** A received command as a counter queues it, for a dossier of the given kind, with its files' blobs on the gateway. */
export async function receiveDossier(gateway: GatewayDatabase, kind: DossierKind = {}, at = '2026-03-02T01:00:00.000Z'): Promise<string> {
  sequence += 1;
  const code = `${AGENCY}-260302-${String(sequence).padStart(4, '0')}`;
  const sha = (c: string) => `${c}${String(sequence).padStart(4, '0')}`.padEnd(64, c);
  const owner = kind.organisation
    ? {
        kind: 'organisation',
        organisationKind: kind.organisation,
        fullName: 'Công ty TNHH Yên Thái',
        idNumber: null,
        oldIdNumber: null,
        taxCode: '0101234567',
        dateOfBirth: null,
        sex: null,
        address: 'Thôn Đông',
        issueDate: null,
        phone: kind.phone ?? '0912345678',
        email: kind.email ?? '',
      }
    : {
        kind: 'citizen',
        fullName: 'Nguyễn Thị Hồng Nhung',
        idNumber: '038190012345',
        oldIdNumber: null,
        taxCode: null,
        dateOfBirth: '1990-05-14',
        sex: 'female',
        address: 'Thôn Đông',
        issueDate: null,
        phone: kind.phone ?? '0912345678',
        email: kind.email ?? '',
      };
  const component = (c: string, name: string, digitization: string, reuseRef: string | null) => ({
    code: c,
    name,
    required: true,
    originals: 1,
    copies: 0,
    state: digitization.startsWith('reused') ? 'reused' : 'attached',
    digitization,
    pageCount: 1,
    reuseRef,
    waiveReason: null,
  });
  const components = [component('TK', 'Tờ khai', 'digitizedHere', null)];
  if (kind.reused)
    components.push(
      component('GCS', 'Giấy chứng sinh', 'reused', `${AGENCY}-251103-0012/GCS`),
      component('KQ', 'Trích lục', 'reusedFromResult', `${AGENCY}-251103-0012/KQ1`),
    );
  const files = components.map((c, i) => ({
    componentCode: c.code,
    sha256: sha('abc'[i]!),
    size: 1000,
    mediaType: 'application/pdf',
    pageCount: 1,
  }));
  await gateway.database.db
    .insert(blobs)
    .values(files.map((f) => ({ sha256: f.sha256, size: f.size, complete: true })))
    .onConflictDoNothing();
  const fees =
    kind.payment === 'none' || !kind.payment
      ? []
      : kind.payment === 'cash'
        ? [{ kind: 'lePhi', name: 'Lệ phí', amount: 8000, status: 'paid', method: 'cash', receiptNumber: 'BL-01' }]
        : [
            {
              kind: 'lePhi',
              name: 'Lệ phí',
              amount: 8000,
              status: 'paid',
              method: null,
              receiptNumber: null,
              onlinePayment: { provider: 'PayGov', transactionId: `PG-${sequence}` },
            },
          ];
  const dossier = {
    id: uuidv7(),
    code,
    status: 2,
    procedure: { code: PROCEDURE, name: 'Đăng ký khai sinh', sectorName: 'Hộ tịch', duration: { unit: 'workingDays', value: 1 } },
    owner: kind.consent === undefined ? owner : { ...owner, contactConsent: kind.consent },
    submitter: null,
    channel: kind.channel ?? 'direct',
    returnMethod: kind.channel === 'post' ? 'post' : 'counter',
    returnAddress: kind.channel === 'post' ? 'Thôn Đông' : null,
    receivedAt: at,
    receivedLocal: '2026-03-02T08:00',
    dueLocal: '2026-03-03T08:00',
    setsCount: 1,
    components,
    fees,
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
  const [result] = await applyCommands(gateway.database.db, DEVICE, [
    { id: uuidv7(), kind: 'dossier.received', dossierCode: code, payload: { dossier, event, files } },
  ] as never);
  if (result?.status !== 'applied') throw new Error(`reception not applied: ${JSON.stringify(result)}`);
  return code;
}

/** The hand-over at the counter, with one result document. */
export async function returnResult(gateway: GatewayDatabase, code: string, at = '2026-03-03T02:00:00.000Z'): Promise<void> {
  const event = {
    id: uuidv7(),
    dossierId: uuidv7(),
    type: 'resultReturned',
    status: 10,
    at,
    actorAccountId: null,
    actorName: 'Lê Văn Cán Bộ',
    payload: { collector: 'Nguyễn Thị Hồng Nhung', collectorIdNumber: null, note: '' },
  };
  const [result] = await applyCommands(gateway.database.db, DEVICE, [
    { id: uuidv7(), kind: 'dossier.resultReturned', dossierCode: code, payload: { code, event } },
  ] as never);
  if (result?.status !== 'applied') throw new Error(`return not applied: ${JSON.stringify(result)}`);
}
