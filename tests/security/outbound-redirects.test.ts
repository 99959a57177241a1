import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BrandnameSmsChannel } from '../../central/notify/brandname-sms';
import { dvcqgPortalConfigSchema } from '../../central/portal/portal-config';
import { DvcqgClient } from '../../central/portal/dvcqg-client';

/**
 * The gateway posts the portal login (user name and password) and the SMS provider's keys to addresses the admin
 * configured. A redirect from either must not carry that body on to another host (issue 17, hostile input
 * contained): a 307/308 is answered by not following it, as a failed call retried later.
 */
interface Peer {
  url: string;
  bodies: string[];
  close(): Promise<void>;
}

const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
});

async function peer(answer: (response: http.ServerResponse) => void): Promise<Peer> {
  const bodies: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      bodies.push(body);
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const made = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  peers.push(made);
  return made;
}

/** Another host on the province's network that must never see the credentials, and one that redirects to it. */
async function redirectingPair(status: number) {
  const inside = await peer((response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"error_code":0}'));
  const redirecting = await peer((response) => response.writeHead(status, { location: `${inside.url}/steal` }).end());
  return { inside, redirecting };
}

describe('outbound calls to configured services do not follow redirects', () => {
  it.each([301, 302, 307, 308])('the portal login answered with %i goes no further and is retried later', async (status) => {
    const { inside, redirecting } = await redirectingPair(status);
    const client = new DvcqgClient(
      dvcqgPortalConfigSchema.parse({
        adapterUrl: redirecting.url,
        username: 'tinh-tk',
        password: 'MatKhauCongDvc!',
        dstcode: 'H56',
        madonvi: '000.00.00.H56',
        timeoutMs: 5_000,
        fileBaseUrl: 'https://cong-tinh.example/v1/files',
      }),
    );
    const answer = await client.call('DongBoHoSoMC', { data: [] });
    expect(answer).toMatchObject({ ok: false, retryable: true });
    if (!answer.ok) expect(answer.error).toContain(`HTTP ${status}`);
    expect(redirecting.bodies).toHaveLength(1);
    expect(redirecting.bodies[0]).toContain('MatKhauCongDvc!');
    expect(inside.bodies).toEqual([]);
  });

  it.each([307, 308])('an SMS whose provider answers %i is not re-sent elsewhere with the keys', async (status) => {
    const { inside, redirecting } = await redirectingPair(status);
    const channel = new BrandnameSmsChannel({
      url: redirecting.url,
      apiKey: 'KHOA-API',
      secretKey: 'KHOA-BI-MAT',
      brandname: 'UBND XA',
      unicode: false,
      maxSegments: 2,
      timeoutMs: 5_000,
    });
    const delivery = await channel.send({ phone: '0912345678', text: 'Ho so da tiep nhan', unicode: false, requestId: 'r-1' });
    expect(delivery).toMatchObject({ ok: false, retryable: true, detail: `HTTP ${status}` });
    expect(redirecting.bodies).toHaveLength(1);
    expect(inside.bodies).toEqual([]);
  });
});
