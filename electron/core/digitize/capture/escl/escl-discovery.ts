import { createSocket } from 'node:dgram';
import { esclServices, ptrQuery, parseDnsRecords, type EsclService } from './mdns';

export interface DiscoveryOptions {
  /** How long answers are collected; scanners answer within a second. */
  waitMs?: number;
  /** The mDNS group; tests point it at a responder on loopback. */
  target?: { address: string; port: number };
}

const MDNS_GROUP = { address: '224.0.0.251', port: 5353 };
const SERVICES = ['_uscan._tcp.local', '_uscans._tcp.local'];

/**
 * Finds eSCL scanners on the local network by asking the mDNS group from an ephemeral port: a
 * "legacy unicast" query (RFC 6762 §6.7), which responders answer straight back to that port, so
 * the app needs neither port 5353 nor a system mDNS service. No answer (another subnet, multicast
 * filtered) is an empty list; the admin then types the address.
 */
export function discoverEsclScanners(options: DiscoveryOptions = {}): Promise<EsclService[]> {
  const target = options.target ?? MDNS_GROUP;
  const found = new Map<string, EsclService>();
  return new Promise((resolve) => {
    const socket = createSocket({ type: 'udp4' });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      resolve([...found.values()]);
    };
    const timer = setTimeout(finish, options.waitMs ?? 2000);
    socket.on('error', finish);
    socket.on('message', (message, remote) => {
      for (const service of esclServices(parseDnsRecords(message), remote.address)) found.set(service.url, service);
    });
    socket.bind(0, () => {
      socket.setMulticastTTL(255);
      for (const service of SERVICES) socket.send(ptrQuery(service), target.port, target.address, (error) => error && finish());
    });
  });
}
