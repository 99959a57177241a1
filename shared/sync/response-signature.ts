/**
 * Authenticated answers (issue 17 finding 1): every answer of the gateway to a counter carries a
 * MAC over its status, the sha256 of its body and the nonce of the request it answers, keyed with
 * the device secret (with the enrolment code for the enrolment itself). A proxy on the path — a
 * TLS terminator with a rogue certificate, a captive portal — can drop answers but cannot change
 * one, nor answer one request with another's answer.
 */
export const SIGNED_HEADER = {
  /** Request: hex sha256 of the body the counter signed, so the gateway checks the signature before reading it. */
  bodySha256: 'x-body-sha256',
  /** Answer: hex HMAC-SHA256 of `canonicalResponse`. */
  responseSignature: 'x-response-signature',
} as const;

export function canonicalResponse(parts: { status: number; nonce: string; bodySha256: string }): string {
  return ['quay-response-v1', String(parts.status), parts.nonce, parts.bodySha256].join('\n');
}

/** Case, spaces and dashes do not matter when an enrolment code is typed back; nor do I/L/O for 1/0. */
export function normalizeEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** The enrolment's answer is signed with the code the counter typed: the only secret both sides share then. */
export function enrolmentAnswerKey(code: string): string {
  return `enrolment\n${normalizeEnrolmentCode(code)}`;
}
