import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBackofficeToken } from '../../../central/backoffice';
import { openCentralDatabase, type CentralDatabase } from '../../../central/db/open';
import { createEnrolmentCode } from '../../../central/enrolment';
import { createGatewayServer, listen, type GatewayOptions } from '../../../central/server';

export interface E2eGateway {
  url: string;
  database: CentralDatabase;
  /** Where the gateway keeps files, for a test that stores what the online intake fetches. */
  blobDir: string;
  enrolmentCode(agencyCode: string): Promise<string>;
  /** Posts a status as the provincial back office would, through its authenticated endpoint. */
  postStatus(code: string, status: number, note: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real provincial gateway on embedded PostgreSQL (PGlite), in-process on 127.0.0.1, on a copy of
 * the migrated data folder made in the global setup: PGlite's initdb and the migrations took 10–18 s
 * of each gateway spec on a loaded machine.
 */
export async function startE2eGateway(): Promise<E2eGateway> {
  const template = process.env.QUAY_E2E_CENTRAL_TEMPLATE;
  if (!template) throw new Error('QUAY_E2E_CENTRAL_TEMPLATE is set by tests/e2e/support/global-setup.ts');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quay-e2e-central-'));
  await cp(template, dataDir, { recursive: true });
  const database = await openCentralDatabase({ dataDir });
  await database.migrate();
  const options: GatewayOptions = {
    database,
    masterKey: randomBytes(32),
    blobDir: path.join(dataDir, 'blobs'),
    publicUrl: '',
    log: () => undefined,
  };
  const server = createGatewayServer(options);
  const port = await listen(server, 0);
  const url = `http://127.0.0.1:${port}`;
  options.publicUrl = url;
  const { token } = await createBackofficeToken(database.db, 'Hệ thống một cửa tỉnh');
  return {
    url,
    database,
    blobDir: options.blobDir,
    async enrolmentCode(agencyCode) {
      return (await createEnrolmentCode(database.db, { agencyCode, counterName: 'Quầy 1' })).code;
    },
    async postStatus(code, status, note) {
      const response = await fetch(`${url}/v1/backoffice/dossiers/${code}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ status, note }),
      });
      return response.status;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
