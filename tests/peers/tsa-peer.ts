import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { TestIdentity } from '../helpers/test-pki';

const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';

export interface TsaPeer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/**
 * A time-stamping authority speaking RFC 3161 over HTTP, for the B-T tests: it answers every
 * TimeStampReq with a token over the request's imprint and nonce, at the time `now()` gives,
 * signed by `tsa` (a certificate from the test CA).
 */
export async function startTsaPeer(tsa: TestIdentity, now: () => Date): Promise<TsaPeer> {
  let serial = 1;
  const peer = { url: '', requests: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      peer.requests += 1;
      void answer(Buffer.concat(chunks))
        .then((body) => {
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
          res.end(Buffer.from(body));
        })
        .catch(() => {
          res.writeHead(400);
          res.end();
        });
    });
  });
  async function answer(body: Buffer): Promise<ArrayBuffer> {
    const request = pkijs.TimeStampReq.fromBER(body.slice());
    const info = new pkijs.TSTInfo({
      version: 1,
      policy: '1.3.6.1.4.1.99999.1',
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ value: serial++ }),
      genTime: now(),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const signedData = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: OID_TST_INFO,
        eContent: new asn1js.OctetString({ valueHex: info.toSchema().toBER() }),
      }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({
            issuer: pkijs.Certificate.fromBER(tsa.certificate.slice()).issuer,
            serialNumber: pkijs.Certificate.fromBER(tsa.certificate.slice()).serialNumber,
          }),
        }),
      ],
      certificates: [pkijs.Certificate.fromBER(tsa.certificate.slice())],
    });
    await signedData.sign(tsa.cryptoKey, 0, 'SHA-256');
    const response = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
      timeStampToken: new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signedData.toSchema(true) }),
    });
    return response.toSchema().toBER();
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  peer.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}
