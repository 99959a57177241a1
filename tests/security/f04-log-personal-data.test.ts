import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackofficeToken } from '../../central/backoffice';
import { gatewayRoutes } from '../../central/routes';
import { enrol, signedHeaders, startGateway, type Gateway } from '../central/gateway-fixture';

/**
 * Issue 17 finding 4: "logs free of personal data". Every route of the gateway is called with a citizen's name and ID
 * number in its path, its query and its body while the database is gone, so each request fails inside the gateway and
 * is logged; what the gateway logged must hold neither.
 */
const ID_NUMBER = '038190012345';
const NAME = 'Nguyễn Thị Hồng Nhung';
const NAME_IN_PATH = 'Nguyen-Thi-Hong-Nhung';
const SECRETS = [ID_NUMBER, NAME, NAME_IN_PATH, 'Hong-Nhung', 'Nhung'];

let gateway: Gateway;
const lines: string[] = [];

beforeAll(async () => {
  gateway = await startGateway({ log: (message, error) => lines.push(`${message} ${String(error ?? '')}`) });
}, 120_000);
afterAll(async () => {
  gateway.server.closeAllConnections();
  await new Promise((resolve) => gateway.server.close(resolve));
});

/** A path of the route with every parameter holding personal data, except a sha256, which must be one. */
function concrete(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => (name === 'sha256' ? 'ab'.repeat(32) : `${NAME_IN_PATH}-${ID_NUMBER}`));
}

describe('finding 4: the gateway’s log holds no personal data the requests carried', () => {
  it('logs every route’s failure under its route, without the names and ID numbers of its path, query or body', async () => {
    const device = await enrol(gateway);
    const { token } = await createBackofficeToken(gateway.database.db, 'Một cửa tỉnh');
    const routes = gatewayRoutes({ database: gateway.database, masterKey: gateway.masterKey, blobDir: gateway.blobDir, publicUrl: '' });
    await gateway.database.close();
    const body = JSON.stringify({ fullName: NAME, idNumber: ID_NUMBER, text: `${NAME} ${ID_NUMBER}`, code: ID_NUMBER });
    let failed = 0;
    for (const route of routes) {
      for (const method of Object.keys(route.methods)) {
        const target = `${concrete(route.path)}?fullName=${NAME_IN_PATH}&idNumber=${ID_NUMBER}`;
        const payload = method === 'GET' ? '' : body;
        const headers: Record<string, string> = /^\/v1\/(backoffice|dvcqg|files)\//.test(route.path)
          ? { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
          : signedHeaders(device, payload, { method, path: target });
        const response = await fetch(`${gateway.url}${target}`, { method, headers, body: method === 'GET' ? undefined : payload });
        if (response.status === 500) failed += 1;
        await response.arrayBuffer();
      }
    }
    // Health needs no database; every other route failed inside the gateway and was logged.
    expect(failed).toBeGreaterThanOrEqual(routes.length - 1);
    expect(lines.length).toBeGreaterThanOrEqual(failed);
    const log = lines.join('\n');
    for (const secret of SECRETS) expect(log).not.toContain(secret);
    expect(log).toContain('GET /v1/dossiers/{code} failed');
  });
});
