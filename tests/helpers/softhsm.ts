import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type * as Pkcs11js from 'pkcs11js';
import * as pkijs from 'pkijs';
import type { TestIdentity } from './test-pki';

/** Debian's softhsm2 package puts the PKCS#11 library here. */
export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  dir: string;
  label: string;
  pin: string;
  remove(): void;
}

const requireModule = createRequire(import.meta.url);

/**
 * A SoftHSM2 token in a temporary folder (SOFTHSM2_CONF points at it, so /etc is untouched), holding
 * `signer`'s key (imported with softhsm2-util) and its certificate (written through PKCS#11, which
 * softhsm2-util cannot do), under CKA_ID 01 — a real PKCS#11 token for the signing tests.
 * SOFTHSM2_CONF is read by C_Initialize: call this before the library is first initialised.
 */
export function createSoftHsmToken(
  signer: TestIdentity,
  extraCertificates: Uint8Array[] = [],
  label = 'quay-test',
  /** The folder of an earlier token: the new one joins it, beside it in the same SoftHSM2 configuration. */
  sharedDir?: string,
): SoftHsmToken {
  const dir = sharedDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'quay-softhsm-'));
  const conf = path.join(dir, 'softhsm2.conf');
  if (!sharedDir) {
    fs.mkdirSync(path.join(dir, 'tokens'));
    fs.writeFileSync(conf, `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  }
  process.env.SOFTHSM2_CONF = conf;
  const pin = '246810';
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '13579111', '--pin', pin], { env, stdio: 'pipe' });
  const keyFile = path.join(dir, 'key.pem');
  fs.writeFileSync(keyFile, signer.pem.privateKey);
  execFileSync('softhsm2-util', ['--import', keyFile, '--token', label, '--label', 'signer', '--id', '01', '--pin', pin], {
    env,
    stdio: 'pipe',
  });
  fs.rmSync(keyFile);

  const lib = requireModule('pkcs11js') as typeof Pkcs11js;
  const module = new lib.PKCS11();
  module.load(SOFTHSM_MODULE);
  module.C_Initialize();
  try {
    const slot = module.C_GetSlotList(true).find((candidate) => module.C_GetTokenInfo(candidate).label.trim() === label)!;
    const session = module.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION);
    module.C_Login(session, lib.CKU_USER, pin);
    [signer.certificate, ...extraCertificates].forEach((der, index) => {
      module.C_CreateObject(session, [
        { type: lib.CKA_CLASS, value: lib.CKO_CERTIFICATE },
        { type: lib.CKA_CERTIFICATE_TYPE, value: lib.CKC_X_509 },
        { type: lib.CKA_TOKEN, value: true },
        { type: lib.CKA_ID, value: Buffer.from([index === 0 ? 1 : 0x10 + index]) },
        { type: lib.CKA_LABEL, value: index === 0 ? 'signer' : `ca-${index}` },
        { type: lib.CKA_SUBJECT, value: Buffer.from(pkijs.Certificate.fromBER(der.slice()).subject.toSchema().toBER()) },
        { type: lib.CKA_VALUE, value: Buffer.from(der) },
      ]);
    });
    module.C_Logout(session);
    module.C_CloseSession(session);
  } finally {
    module.C_Finalize();
    module.close();
  }
  return { dir, label, pin, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
