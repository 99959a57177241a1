import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A certificate authority made for one test, and a server certificate it issued for localhost and 127.0.0.1. */
export interface TestCa {
  caPem: string;
  serverKeyPem: string;
  serverCertPem: string;
}

/**
 * Made with Debian's openssl (scripts/setup.sh checks for it): a self-signed CA, as a province's
 * government CA is to a counter, and a server certificate for the TLS terminator in front of the
 * gateway. Nothing here is trusted by the machine: a client must be given `caPem`.
 */
export function makeTestCa(dir: string, commonName = 'Quầy test CA'): TestCa {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    `/CN=${commonName}`,
    '-utf8',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost');
  fs.writeFileSync(file('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.pem'),
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
  );
  return {
    caPem: fs.readFileSync(file('ca.pem'), 'utf8'),
    serverKeyPem: fs.readFileSync(file('server.key'), 'utf8'),
    serverCertPem: fs.readFileSync(file('server.pem'), 'utf8'),
  };
}

/** One `openssl` subcommand; its first argument (req, x509…) is a subcommand, not a program of its own. */
function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
