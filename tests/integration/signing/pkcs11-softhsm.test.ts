import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import * as pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTokenCertificates, listTokens, openPkcs11Key, type Pkcs11Module } from '../../../electron/core/signing/keys/pkcs11-key';
import { signPdf } from '../../../electron/core/signing/pades-signer';
import { signBatch } from '../../../electron/core/signing/sign-batch';
import { verifyPdfSignatures } from '../../../electron/core/signing/verify/verify-pdf-signatures';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../../helpers/softhsm';
import { issueCertificate, testCaAndSigner, type TestIdentity } from '../../helpers/test-pki';

const SIGNED_AT = new Date('2026-03-02T03:00:00Z');
let ca: TestIdentity;
let signer: TestIdentity;
let token: SoftHsmToken;
let pdf: Uint8Array;

beforeAll(async () => {
  ({ ca, signer } = await testCaAndSigner(new Date('2026-01-01T00:00:00Z'), 'UBND xã Thử Nghiệm (token)'));
  token = createSoftHsmToken(signer, [ca.certificate]);
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i += 1) doc.addPage().drawText(`Trang ${i + 1}`);
  pdf = await doc.save({ useObjectStreams: false });
});
afterAll(() => token?.remove());

describe('a SoftHSM2 token as the signing key', () => {
  it('signs with an ECDSA P-256 key on a second token', async () => {
    const ecSigner = await issueCertificate({
      commonName: 'Ký ECDSA',
      issuer: ca,
      notBefore: new Date('2026-01-01T00:00:00Z'),
      days: 365,
      keyType: 'ec',
    });
    const ecToken = createSoftHsmToken(ecSigner, [], 'quay-ec', token.dir);
    const key = await openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: 'quay-ec', pin: ecToken.pin });
    expect(key.algorithm).toBe('ec');
    const signed = await signPdf(pdf, key, { signingTime: SIGNED_AT });
    await key.close();
    const file = path.join(token.dir, 'ec.pdf');
    fs.writeFileSync(file, signed);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature Validation: Signature is Valid.');
    expect((await verifyPdfSignatures(signed, [ca.certificate])).valid).toBe(true);
  });

  it('lists the token by label', () => {
    expect(listTokens(SOFTHSM_MODULE)).toContainEqual(expect.objectContaining({ label: token.label, manufacturer: 'SoftHSM project' }));
  });

  it('lists the certificates on the token without the PIN, and signs with the one chosen by its id', async () => {
    const certificates = await listTokenCertificates(SOFTHSM_MODULE, token.label);
    expect(certificates).toEqual([
      { id: '01', subject: 'UBND xã Thử Nghiệm (token)', issuer: expect.any(String), notAfter: expect.stringMatching(/^2027-/) },
      expect.objectContaining({ id: '11' }),
    ]);
    const chosen = await openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: token.label, certificateId: '01', pin: token.pin });
    expect(Buffer.from(chosen.certificate)).toEqual(Buffer.from(signer.certificate));
    // SoftHSM2 keys do not ask the PIN per signature (no CKA_ALWAYS_AUTHENTICATE): background signing may use them.
    expect(chosen.allowsBackground).toBe(true);
    await chosen.close();
    // The CA certificate has no private key beside it: choosing it cannot sign.
    await expect(
      openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: token.label, certificateId: '11', pin: token.pin }),
    ).rejects.toMatchObject({ code: 'SIGN_TOKEN_NO_KEY' });
  });

  it('signs with the key on the token; pdfsig and the verifier find it valid', async () => {
    const key = await openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: token.label, pin: token.pin });
    expect(key.chain).toHaveLength(1);
    const signed = await signPdf(pdf, key, { signingTime: SIGNED_AT, reason: 'Ký số bản sao điện tử' });
    await key.close();
    const file = path.join(token.dir, 'signed.pdf');
    fs.writeFileSync(file, signed);
    const report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('UBND xã Thử Nghiệm (token)');
    expect((await verifyPdfSignatures(signed, [ca.certificate])).valid).toBe(true);
  });

  it('answers a wrong PIN in Vietnamese with a stable code, and never echoes the PIN', async () => {
    const attempt = openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: token.label, pin: '999999' });
    await expect(attempt).rejects.toMatchObject({ code: 'SIGN_TOKEN_PIN_INCORRECT' });
    await expect(attempt).rejects.not.toThrow(/999999/);
    // A wrong PIN left the token usable with the right one.
    await (await openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: token.label, pin: token.pin })).close();
  });

  it('says which token is missing', async () => {
    await expect(openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: 'khong-co', pin: token.pin })).rejects.toMatchObject({
      code: 'SIGN_TOKEN_NOT_FOUND',
      message: expect.stringContaining('“khong-co”'),
    });
  });

  it('names a library that does not load', async () => {
    await expect(openPkcs11Key({ modulePath: '/khong/co/thu-vien.so', pin: '1' })).rejects.toMatchObject({ code: 'SIGN_TOKEN_MODULE' });
  });

  it('stops a batch when the token disappears mid-batch, keeping the files already signed', async () => {
    const tokensDir = path.join(token.dir, 'tokens');
    const before = new Set(fs.readdirSync(tokensDir));
    const removable = createSoftHsmToken(signer, [], 'quay-removable', token.dir);
    const [storage] = fs.readdirSync(tokensDir).filter((name) => !before.has(name));
    const key = await openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: 'quay-removable', pin: removable.pin });
    const items = ['tp1', 'tp2', 'tp3'].map((id) => ({ id, pdf }));
    // SoftHSM2's stand-in for pulling the token out: its storage goes away, and the key handle with it.
    const results = await signBatch(
      items,
      key,
      () => ({ signingTime: SIGNED_AT }),
      (done) => {
        if (done === 1) fs.rmSync(path.join(tokensDir, storage!), { recursive: true, force: true });
      },
    );
    await key.close();
    expect(results.map((r) => (r.ok ? 'signed' : r.error.code))).toEqual(['signed', 'SIGN_TOKEN_REMOVED', 'SIGN_TOKEN_REMOVED']);
  });

  it('maps a locked PIN and a token pulled out mid-batch to their codes', async () => {
    const faults: Record<string, number> = {};
    const wrap = (module: Pkcs11Module): Pkcs11Module =>
      new Proxy(module, {
        get(target, property, receiver) {
          const fault = faults[String(property)];
          if (fault !== undefined)
            return () => {
              throw new pkcs11js.Pkcs11Error('fault', fault, String(property));
            };
          const value = Reflect.get(target, property, receiver) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    faults.C_Login = pkcs11js.CKR_PIN_LOCKED;
    await expect(openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: token.label, pin: token.pin }, wrap)).rejects.toMatchObject({
      code: 'SIGN_TOKEN_PIN_LOCKED',
      message: expect.stringContaining('đã bị khóa'),
    });
    delete faults.C_Login;
    const key = await openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: token.label, pin: token.pin }, wrap);
    await signPdf(pdf, key, { signingTime: SIGNED_AT });
    const items = ['tp1', 'tp2', 'tp3', 'tp4'].map((id) => ({ id, pdf }));
    const results = await signBatch(
      items,
      key,
      () => ({ signingTime: SIGNED_AT }),
      (done) => {
        if (done === 2) faults.C_SignInit = pkcs11js.CKR_DEVICE_REMOVED;
      },
    );
    expect(results.map((r) => (r.ok ? 'signed' : r.error.code))).toEqual(['signed', 'signed', 'SIGN_TOKEN_REMOVED', 'SIGN_TOKEN_REMOVED']);
    expect(results[2]).toMatchObject({ ok: false, error: { message: expect.stringContaining('đã bị rút ra') } });
    await key.close();
  });
});
