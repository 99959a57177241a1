import { createHash, createHmac } from 'node:crypto';
import { canonicalResponse, SIGNED_HEADER } from '../../shared/sync/response-signature';

/**
 * An answer as the gateway signs it (shared/sync/response-signature.ts), for fakes standing in for
 * the gateway: keyed with the device secret and bound to the nonce of the request it answers.
 */
export function gatewayAnswer(secret: string, request: RequestInit | undefined, status: number, body: unknown): Response {
  const text = JSON.stringify(body);
  const nonce = new Headers(request?.headers).get('x-nonce') ?? '';
  const signature = createHmac('sha256', secret)
    .update(canonicalResponse({ status, nonce, bodySha256: createHash('sha256').update(text).digest('hex') }))
    .digest('hex');
  return new Response(text, { status, headers: { 'content-type': 'application/json', [SIGNED_HEADER.responseSignature]: signature } });
}
