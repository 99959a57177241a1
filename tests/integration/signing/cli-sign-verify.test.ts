import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/core/cli/run-cli';
import { FakeClock, repoRoot } from '../../helpers/test-core';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../../helpers/softhsm';
import { issueCertificate, issueCrl, testCaAndSigner, type TestIdentity } from '../../helpers/test-pki';
import { startTsaPeer, type TsaPeer } from '../../peers/tsa-peer';

const NOW = new Date('2026-03-02T03:00:00Z');
const TSA_TIME = new Date('2026-03-02T03:00:05Z');
let dir: string;
let ca: TestIdentity;
let signer: TestIdentity;
let token: SoftHsmToken;
let tsa: TsaPeer;
const file = (name: string) => path.join(dir, name);

async function quay(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data', file('data'), ...args], {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from([stdin]), env: {} },
    resourcesDir: repoRoot,
    appVersion: '0.0.0-test',
    clock: new FakeClock(NOW),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-cli-sign-'));
  ({ ca, signer } = await testCaAndSigner(new Date('2026-01-01T00:00:00Z'), 'Bộ phận Một cửa xã Thử Nghiệm'));
  const tsaIdentity = await issueCertificate({
    commonName: 'TSA thử nghiệm',
    issuer: ca,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    days: 365,
  });
  tsa = await startTsaPeer(tsaIdentity, () => TSA_TIME);
  token = createSoftHsmToken(signer, [ca.certificate], 'quay-cli');
  fs.mkdirSync(file('data/trust-anchors'), { recursive: true });
  fs.writeFileSync(file('data/trust-anchors/ca.pem'), ca.pem.certificate);
  fs.writeFileSync(file('key.pem'), signer.pem.privateKey);
  fs.writeFileSync(file('cert.pem'), signer.pem.certificate);
  fs.writeFileSync(file('ca.pem'), ca.pem.certificate);
  execFileSync(
    'openssl',
    ['pkcs12', '-export', '-inkey', file('key.pem'), '-in', file('cert.pem'), '-certfile', file('ca.pem')].concat([
      '-passout',
      'pass:mat-khau-p12',
      '-out',
      file('signer.p12'),
    ]),
  );
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i += 1) doc.addPage().drawText(`Trang ${i + 1}`);
  fs.writeFileSync(file('in.pdf'), await doc.save({ useObjectStreams: false }));
});
afterAll(async () => {
  await tsa?.close();
  token?.remove();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('quay sign and quay verify', () => {
  it('signs with a PKCS#12 file whose password comes from stdin, then verify agrees with pdfsig', async () => {
    const signed = await quay(
      ['sign', '--in', file('in.pdf'), '--out', file('p12.pdf'), '--p12', file('signer.p12'), '--stamp', '--unit', 'UBND xã Thử Nghiệm'],
      'mat-khau-p12\n',
    );
    expect(signed).toMatchObject({ code: 0, out: expect.stringContaining('Bộ phận Một cửa xã Thử Nghiệm') });
    expect(signed.err).not.toContain('mat-khau-p12');
    expect(execFileSync('pdfsig', [file('p12.pdf')], { encoding: 'utf8' })).toContain('Signature is Valid.');
    const verified = await quay(['verify', file('p12.pdf')]);
    expect(verified).toMatchObject({
      code: 0,
      out: expect.stringContaining('HỢP LỆ — ký bởi “Bộ phận Một cửa xã Thử Nghiệm” lúc 2026-03-02 10:00'),
    });
  });

  it('refuses a wrong PKCS#12 password with its code', async () => {
    const result = await quay(['sign', '--in', file('in.pdf'), '--out', file('x.pdf'), '--p12', file('signer.p12')], 'sai\n');
    expect(result.code).toBe(2);
    expect(result.err).toContain('SIGN_P12_PASSWORD: Mật khẩu của tệp chứng thư số');
  });

  it('tells a legacy-encrypted PKCS#12 file (RC2/3DES) from a wrong password', async () => {
    execFileSync(
      'openssl',
      ['pkcs12', '-export', '-legacy', '-inkey', file('key.pem'), '-in', file('cert.pem')].concat([
        '-passout',
        'pass:cu',
        '-out',
        file('legacy.p12'),
      ]),
    );
    const result = await quay(['sign', '--in', file('in.pdf'), '--out', file('x.pdf'), '--p12', file('legacy.p12')], 'cu\n');
    expect(result.err).toContain('SIGN_P12_UNSUPPORTED: Mật khẩu đúng nhưng');
  });

  it('signs with the SoftHSM2 token and a TSA (B-T); verify --json reports the timestamp time', async () => {
    const signed = await quay(
      [
        'sign',
        '--in',
        file('in.pdf'),
        '--out',
        file('token.pdf'),
        '--pkcs11',
        SOFTHSM_MODULE,
        '--token-label',
        'quay-cli',
        '--tsa',
        tsa.url,
      ],
      `${token.pin}\n`,
    );
    expect(signed.code).toBe(0);
    expect(tsa.requests).toBe(1);
    expect(execFileSync('pdfsig', [file('token.pdf')], { encoding: 'utf8' })).toContain('Total document signed');
    const verified = await quay(['verify', file('token.pdf'), '--json']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({
      valid: true,
      signatures: [{ timestamped: true, signingTime: TSA_TIME.toISOString(), revocation: { status: 'unchecked' } }],
    });
  });

  it('verify --json reports revocation by a CRL imported beside the anchors (PEM), revoked before signing → exit 1', async () => {
    const crl = await issueCrl(ca, new Date('2026-03-03T00:00:00Z'), [
      { certificate: signer.certificate, at: new Date('2026-02-01T00:00:00Z') },
    ]);
    fs.mkdirSync(file('with-crl'));
    fs.writeFileSync(file('with-crl/ca.pem'), ca.pem.certificate);
    fs.writeFileSync(file('with-crl/ca.crl'), `-----BEGIN X509 CRL-----\n${Buffer.from(crl).toString('base64')}\n-----END X509 CRL-----\n`);
    const verified = await quay(['verify', file('p12.pdf'), '--json', '--trust', file('with-crl')]);
    expect(verified.code).toBe(1);
    expect(JSON.parse(verified.out)).toMatchObject({
      valid: false,
      signatures: [{ revocation: { status: 'revoked', revokedAt: '2026-02-01T00:00:00.000Z' }, reasons: [{ code: 'SIG_CERT_REVOKED' }] }],
    });
  });

  it('verify --json names a revoked intermediate CA: every signature under it is revoked, as for a revoked signer → exit 1', async () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const intermediate = await issueCertificate({
      commonName: 'CA trung gian thử nghiệm',
      issuer: ca,
      isCa: true,
      notBefore: from,
      days: 1825,
    });
    const leaf = await issueCertificate({ commonName: 'Văn phòng UBND xã Thử Nghiệm', issuer: intermediate, notBefore: from, days: 365 });
    fs.writeFileSync(file('leaf-key.pem'), leaf.pem.privateKey);
    fs.writeFileSync(file('leaf.pem'), leaf.pem.certificate);
    fs.writeFileSync(file('intermediate.pem'), intermediate.pem.certificate);
    execFileSync(
      'openssl',
      ['pkcs12', '-export', '-inkey', file('leaf-key.pem'), '-in', file('leaf.pem'), '-certfile', file('intermediate.pem')].concat([
        '-passout',
        'pass:mat-khau-p12',
        '-out',
        file('leaf.p12'),
      ]),
    );
    const signed = await quay(
      ['sign', '--in', file('in.pdf'), '--out', file('under-intermediate.pdf'), '--p12', file('leaf.p12')],
      'mat-khau-p12\n',
    );
    expect(signed.code).toBe(0);
    fs.mkdirSync(file('chain-crls'));
    fs.writeFileSync(file('chain-crls/ca.pem'), ca.pem.certificate);
    // The root's CRL lists the intermediate, revoked before the signing time; the intermediate's lists nobody.
    const rootCrl = await issueCrl(ca, new Date('2026-03-03T00:00:00Z'), [
      { certificate: intermediate.certificate, at: new Date('2026-02-15T00:00:00Z') },
    ]);
    fs.writeFileSync(file('chain-crls/root.crl'), rootCrl);
    fs.writeFileSync(file('chain-crls/intermediate.crl'), await issueCrl(intermediate, new Date('2026-03-03T00:00:00Z'), []));

    const verified = await quay(['verify', file('under-intermediate.pdf'), '--json', '--trust', file('chain-crls')]);
    expect(verified.code).toBe(1);
    expect(JSON.parse(verified.out)).toMatchObject({
      valid: false,
      signatures: [
        {
          signerName: 'Văn phòng UBND xã Thử Nghiệm',
          revocation: {
            status: 'revoked',
            revokedAt: '2026-02-15T00:00:00.000Z',
            certificate: { name: 'CA trung gian thử nghiệm', position: 'intermediate' },
          },
          revocationChain: [
            { certificate: { name: 'Văn phòng UBND xã Thử Nghiệm', position: 'signer' }, revocation: { status: 'good' } },
            { certificate: { name: 'CA trung gian thử nghiệm', position: 'intermediate' }, revocation: { status: 'revoked' } },
          ],
          reasons: [
            { code: 'SIG_CERT_REVOKED', message: expect.stringContaining('“CA trung gian thử nghiệm” đã bị thu hồi lúc 2026-02-15 07:00') },
          ],
        },
      ],
    });
    const text = await quay(['verify', file('under-intermediate.pdf'), '--trust', file('chain-crls')]);
    expect(text).toMatchObject({
      code: 1,
      out: expect.stringContaining('SIG_CERT_REVOKED: Chứng thư số của tổ chức chứng thực trung gian'),
    });
  });

  it('verify finds a changed byte and an untrusted CA, with Vietnamese reasons and exit 1', async () => {
    const bytes = fs.readFileSync(file('p12.pdf'));
    const at = bytes.indexOf('/MediaBox') + 3;
    bytes[at] = bytes[at]! ^ 0x01;
    fs.writeFileSync(file('changed.pdf'), bytes);
    const changed = await quay(['verify', file('changed.pdf')]);
    expect(changed).toMatchObject({ code: 1, out: expect.stringContaining('SIG_DIGEST_MISMATCH: Tài liệu đã bị thay đổi sau khi ký') });
    fs.mkdirSync(file('other-anchors'));
    fs.writeFileSync(file('other-anchors/other.cer'), (await testCaAndSigner(new Date('2026-01-01T00:00:00Z'))).ca.certificate);
    const untrusted = await quay(['verify', file('p12.pdf'), '--trust', file('other-anchors')]);
    expect(untrusted).toMatchObject({ code: 1, out: expect.stringContaining('SIG_UNTRUSTED') });
  });
});
