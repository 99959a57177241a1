import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../../../shared/ipc/result';
import { OID } from '../cms/oids';
import { ensurePkijsEngine } from '../cms/pkijs-engine';

export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: Uint8Array; signal: AbortSignal },
) => Promise<{
  ok: boolean;
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

const TIMEOUT_MS = 15_000;

/**
 * An RFC 3161 client for PAdES B-T: asks the TSA for a token over the SHA-256 of the signature
 * value, with a fresh nonce, and checks the answer is granted, carries our nonce and imprint.
 */
export function rfc3161Timestamper(url: string, fetchImpl: FetchLike = fetch as unknown as FetchLike) {
  return async (signatureValue: Uint8Array): Promise<Uint8Array> => {
    ensurePkijsEngine();
    const imprint = createHash('sha256').update(signatureValue).digest();
    const nonce = randomBytes(8);
    nonce[0] = nonce[0]! & 0x7f; // a positive INTEGER
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
      }),
      nonce: new asn1js.Integer({ valueHex: nonce }),
      certReq: true,
    });
    const failed = (details: string) => new AppError('SIGN_TSA_FAILED', { url, details });
    let body: ArrayBuffer;
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query' },
        body: new Uint8Array(request.toSchema().toBER()),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) throw failed(`HTTP ${response.status}`);
      body = await response.arrayBuffer();
    } catch (error) {
      throw error instanceof AppError ? error : failed((error as Error).message);
    }
    let answer: pkijs.TimeStampResp;
    try {
      answer = pkijs.TimeStampResp.fromBER(body);
    } catch {
      throw failed('not a TimeStampResp');
    }
    if (answer.status.status > 1 || !answer.timeStampToken) throw failed(`status ${answer.status.status}`);
    const token = new pkijs.SignedData({ schema: answer.timeStampToken.content });
    const info = pkijs.TSTInfo.fromBER(token.encapContentInfo.eContent!.getValue());
    if (Buffer.compare(Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView), imprint) !== 0) throw failed('imprint');
    if (!info.nonce || Buffer.compare(Buffer.from(info.nonce.valueBlock.valueHexView), nonce) !== 0) throw failed('nonce');
    return new Uint8Array(answer.timeStampToken.toSchema().toBER());
  };
}
