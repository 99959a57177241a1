import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EsclDriver } from '../../../electron/core/digitize/capture/escl/escl-driver';
import { discoverEsclScanners } from '../../../electron/core/digitize/capture/escl/escl-discovery';
import { parseDnsRecords, ptrQuery } from '../../../electron/core/digitize/capture/escl/mdns';
import { EsclPeer } from '../../peers/escl-peer';
import { MdnsResponder } from '../../peers/mdns-responder';
import { scanTestPages } from '../../peers/sane-test-backend';

let peer: EsclPeer;
let responder: MdnsResponder;

beforeAll(async () => {
  peer = await EsclPeer.start(await scanTestPages(1));
  const port = Number(new URL(peer.url).port);
  responder = await MdnsResponder.start([
    { instance: 'Quay Test eSCL Scanner', host: 'scanner-1.local', address: '127.0.0.1', port, rs: 'eSCL', ty: 'Quay Test eSCL Scanner' },
    { instance: 'Máy quét tầng 2', host: 'scanner-2.local', address: '10.1.2.3', port: 8080, rs: '/scan/eSCL', ty: 'Brother ADS-2200' },
  ]);
});

afterAll(async () => {
  await responder.close();
  await peer.close();
});

describe('eSCL scanners found by DNS-SD over multicast DNS, without a dependency', () => {
  it('asks for _uscan._tcp and _uscans._tcp and builds each scanner’s base URL from SRV, TXT rs/ty and A', async () => {
    const found = await discoverEsclScanners({ target: responder.target, waitMs: 500 });
    expect(responder.questions).toEqual(expect.arrayContaining(['_uscan._tcp.local', '_uscans._tcp.local']));
    expect(found).toEqual([
      { url: `http://127.0.0.1:${new URL(peer.url).port}/eSCL`, name: 'Quay Test eSCL Scanner' },
      { url: 'http://10.1.2.3:8080/scan/eSCL', name: 'Brother ADS-2200' },
    ]);
    // The address found is one the driver scans through.
    expect(await new EsclDriver({ devices: [found[0]!.url] }).list()).toEqual([
      { kind: 'escl', id: found[0]!.url, name: 'Quay Test eSCL Scanner' },
    ]);
  });

  it('answers an empty list when nobody answers', async () => {
    const silent = await MdnsResponder.start([]);
    try {
      expect(await discoverEsclScanners({ target: silent.target, waitMs: 300 })).toEqual([]);
    } finally {
      await silent.close();
    }
  });

  it('reads no further than a truncated or looping packet allows', () => {
    const query = ptrQuery('_uscan._tcp.local');
    expect(parseDnsRecords(query)).toEqual([]);
    expect(parseDnsRecords(query.subarray(0, 15))).toEqual([]);
    const loop = Uint8Array.from([0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 12, 0, 12, 0, 1, 0, 0, 0, 1, 0, 2, 0xc0, 12]);
    expect(parseDnsRecords(loop)).toEqual([]);
  });
});
