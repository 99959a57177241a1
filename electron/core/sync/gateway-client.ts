import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import type { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';
import { encodeBlobBundle, type BundledBlob } from '../../../shared/sync/blob-bundle';
import {
  BLOB_BUNDLE_TYPE,
  blobBundleResponseSchema,
  blobsMissingResponseSchema,
  blobPatchResponseSchema,
  blobStateSchema,
  canonicalRequest,
  enrollResponseSchema,
  gatewayErrorSchema,
  HEADER,
  MAX_SEQUENCE_BLOCK,
  pullResponseSchema,
  pushResponseSchema,
  sequenceBlockSchema,
  type BlobPatchResponse,
  type BlobState,
  type CommandEnvelope,
  type CommandResult,
  type PullResponse,
  type SequenceBlock,
} from '../../../shared/sync/protocol';
import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import {
  onlineClaimResponseSchema,
  onlineDecisionResponseSchema,
  onlineQueueResponseSchema,
  type OnlineClaim,
  type OnlineDecisionRequest,
  type RemoteOnlineDossier,
} from '../../../shared/online/online-queue-protocol';
import { canonicalResponse, enrolmentAnswerKey, SIGNED_HEADER } from '../../../shared/sync/response-signature';
import {
  remoteDossierSchema,
  remoteFileContentSchema,
  remoteSearchResponseSchema,
  type RemoteDossier,
  type RemoteDossierSummary,
} from '../../../shared/sync/dossier-access';
import { anchorResponseSchema, type AnchorRequest, type AnchorResponse } from '../../../shared/audit/audit-anchor';
import type { CredentialStore, DeviceCredential } from './credential-store';

export interface GatewayClientOptions {
  credentials: CredentialStore;
  fetch?: typeof fetch;
  /** Per request; a batch of 100 dossier snapshots is well under a megabyte. */
  timeoutMs?: number;
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Gateway error codes the counter explains in its own words; anything else is a refusal to report. */
type ErrorBody = {
  code: string;
  serverTime?: unknown;
  holder?: { fullName?: unknown };
  until?: unknown;
  usedBytes?: unknown;
  quotaBytes?: unknown;
};

/** Whole gigabytes, for the officer; '?' when the gateway sent no number. */
function gigabytes(bytes: unknown): string {
  return typeof bytes === 'number' && Number.isFinite(bytes) ? (bytes / 1024 ** 3).toFixed(1) : '?';
}

const MAPPED_ERRORS: Record<string, (body: ErrorBody) => AppError> = {
  DEVICE_REVOKED: () => new AppError('SYNC_DEVICE_REVOKED'),
  DEVICE_UNKNOWN: () => new AppError('SYNC_DEVICE_UNKNOWN'),
  CLOCK_SKEW: (body) => new AppError('SYNC_CLOCK_SKEW', { serverTime: typeof body.serverTime === 'string' ? body.serverTime : '?' }),
  SIGNATURE_INVALID: (body) => new AppError('SYNC_AUTH_FAILED', { reason: body.code }),
  NONCE_REPLAYED: (body) => new AppError('SYNC_AUTH_FAILED', { reason: body.code }),
  AUTH_MISSING: (body) => new AppError('SYNC_AUTH_FAILED', { reason: body.code }),
  ENROLL_CODE_INVALID: () => new AppError('SYNC_ENROLL_CODE_INVALID'),
  ENROLL_CODE_USED: () => new AppError('SYNC_ENROLL_CODE_USED'),
  ENROLL_CODE_EXPIRED: () => new AppError('SYNC_ENROLL_CODE_EXPIRED'),
  ONLINE_DOSSIER_HELD: (body) =>
    new AppError('ONLINE_DOSSIER_HELD', {
      name: typeof body.holder?.fullName === 'string' ? body.holder.fullName.slice(0, 200) : '?',
      until: typeof body.until === 'string' && !Number.isNaN(Date.parse(body.until)) ? toVietnamLocal(new Date(body.until)).slice(11) : '?',
    }),
  ONLINE_DOSSIER_DECIDED: () => new AppError('ONLINE_DOSSIER_DECIDED'),
  AGENCY_STORAGE_QUOTA_EXCEEDED: (body) =>
    new AppError('SYNC_AGENCY_STORAGE_FULL', { used: gigabytes(body.usedBytes), quota: gigabytes(body.quotaBytes) }),
  ONLINE_DOSSIER_NOT_CLAIMED: () => new AppError('ONLINE_DOSSIER_NOT_CLAIMED'),
  ONLINE_DOSSIER_NOT_FOUND: () => new AppError('ONLINE_DOSSIER_NOT_FOUND'),
  ONLINE_FORM_UNKNOWN: () => new AppError('ONLINE_FORM_UNKNOWN'),
};

/** 127.0.0.0/8, ::1 and localhost: the only places plain http may go (a gateway on the same PC, tests). */
function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (net.isIPv4(bare) && bare.startsWith('127.'));
}

/**
 * The gateway's origin, https only (issue 17 finding 1): over plain http anyone on the network
 * reads the device's traffic and drops or replays it. Loopback is the exception, for a gateway
 * on the same PC and the tests.
 */
export function normalizeGatewayUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new AppError('SYNC_GATEWAY_URL_INVALID', { url: url.slice(0, 200) });
  }
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    throw new AppError('SYNC_GATEWAY_URL_INSECURE', { url: url.slice(0, 200) });
  }
  if (
    !['http:', 'https:'].includes(parsed.protocol) ||
    parsed.username ||
    parsed.password ||
    parsed.search ||
    parsed.hash ||
    (parsed.pathname !== '/' && parsed.pathname !== '')
  ) {
    throw new AppError('SYNC_GATEWAY_URL_INVALID', { url: url.slice(0, 200) });
  }
  return parsed.origin;
}

/**
 * The counter's side of the gateway protocol (central/openapi.yaml): signs requests with the
 * device credential and turns every way a request can fail — no network, a timeout, a dropped
 * link, an HTML login page, a gateway error — into an AppError with a stable SYNC_* code.
 */
export class GatewayClient {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: GatewayClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  credential(): DeviceCredential | null {
    return this.options.credentials.load();
  }

  saveCredential(credential: DeviceCredential): void {
    this.options.credentials.save(credential);
  }

  forgetCredential(): void {
    this.options.credentials.clear();
  }

  async enroll(gatewayUrl: string, code: string, counterName: string): Promise<{ deviceId: string; agencyCode: string }> {
    const origin = normalizeGatewayUrl(gatewayUrl);
    const body = JSON.stringify({ code: code.trim(), counterName: counterName.trim() });
    const nonce = randomBytes(18).toString('base64url');
    const answer = await this.request(origin, '/v1/enroll', body, { [HEADER.nonce]: nonce }, enrollResponseSchema, 'POST', {
      key: enrolmentAnswerKey(code.trim()),
      nonce,
    });
    this.options.credentials.save({
      gatewayUrl: origin,
      deviceId: answer.deviceId,
      secret: answer.secret,
      agencyCode: answer.agencyCode,
      enrolledAt: this.now().toISOString(),
    });
    return { deviceId: answer.deviceId, agencyCode: answer.agencyCode };
  }

  /** Results come back in the order sent, one per command; anything else is treated as garbage. */
  async push(commands: CommandEnvelope[]): Promise<CommandResult[]> {
    const { results } = await this.signed('POST', '/v1/commands', JSON.stringify({ commands }), pushResponseSchema);
    if (results.length !== commands.length || results.some((result, i) => result.id !== commands[i]!.id)) {
      throw new AppError('SYNC_GATEWAY_GARBAGE', { status: 200 });
    }
    return results;
  }

  /** One page of the province's change feed after `cursor` (empty: from the beginning). */
  pull(cursor: string, limit: number): Promise<PullResponse> {
    const query = new URLSearchParams({ cursor, limit: String(limit) });
    return this.signed('GET', `/v1/pull?${query.toString()}`, null, pullResponseSchema);
  }

  /** A block of daily sequence numbers no other counter of the agency will be given. */
  async leaseSequenceBlock(day: string, count: number): Promise<SequenceBlock> {
    const block = await this.signed('POST', '/v1/sequence-blocks', JSON.stringify({ day, count }), sequenceBlockSchema);
    // The gateway may grant more than asked, up to one block: the province sizes a new counter's day.
    if (block.day !== day || block.first < 1 || block.last < block.first || block.last - block.first + 1 > MAX_SEQUENCE_BLOCK) {
      throw new AppError('SYNC_GATEWAY_GARBAGE', { status: 200 });
    }
    return block;
  }

  /** POST /v1/blobs: starts an upload or reports how far it got; `complete` means nothing to send. */
  createBlob(sha256: string, size: number): Promise<BlobState> {
    return this.signed('POST', '/v1/blobs', JSON.stringify({ sha256, size }), blobStateSchema);
  }

  /** PATCH /v1/blobs/{sha256}: one chunk written at `offset`, checked by the gateway against `chunkSha256`. */
  appendBlob(sha256: string, offset: number, chunk: Uint8Array, chunkSha256: string): Promise<BlobPatchResponse> {
    const headers = {
      'content-type': 'application/offset+octet-stream',
      [HEADER.uploadOffset]: String(offset),
      [HEADER.chunkSha256]: chunkSha256,
    };
    return this.signed('PATCH', `/v1/blobs/${sha256}`, chunk, blobPatchResponseSchema, headers);
  }

  /** POST /v1/blobs/missing: which of these blobs the gateway does not hold complete. */
  async missingBlobs(sha256s: string[]): Promise<string[]> {
    const { missing } = await this.signed('POST', '/v1/blobs/missing', JSON.stringify({ sha256s }), blobsMissingResponseSchema);
    const asked = new Set(sha256s);
    if (missing.some((sha256) => !asked.has(sha256))) throw new AppError('SYNC_GATEWAY_GARBAGE', { status: 200 });
    return missing;
  }

  /** POST /v1/blobs/bundle: whole small blobs in one request; each comes back complete or the call fails. */
  async uploadBundle(blobs: BundledBlob[]): Promise<void> {
    const answer = await this.signed('POST', '/v1/blobs/bundle', encodeBlobBundle(blobs), blobBundleResponseSchema, {
      'content-type': BLOB_BUNDLE_TYPE,
    });
    const complete = new Set(answer.blobs.filter((blob) => blob.complete).map((blob) => blob.sha256));
    if (blobs.some((blob) => !complete.has(blob.sha256))) throw new AppError('SYNC_GATEWAY_GARBAGE', { status: 200 });
  }

  /** POST /v1/audit/anchors: the audit chain's head, anchored at the province (issue 17 finding 6). */
  anchorAuditHead(request: AnchorRequest): Promise<AnchorResponse> {
    return this.signed('POST', '/v1/audit/anchors', JSON.stringify(request), anchorResponseSchema);
  }

  /** Dossiers of the agencies this counter may act for, whichever counter received them (issue 14 §1). */
  async searchDossiers(text: string, limit: number): Promise<RemoteDossierSummary[]> {
    const { dossiers } = await this.signed('POST', '/v1/dossiers/search', JSON.stringify({ text, limit }), remoteSearchResponseSchema);
    return dossiers;
  }

  /** The agency's online and postal dossiers waiting for a decision, earliest deadline first (issue 15 §1). */
  async listOnlineDossiers(): Promise<RemoteOnlineDossier[]> {
    return (await this.signed('GET', '/v1/online-dossiers', null, onlineQueueResponseSchema)).dossiers;
  }

  /** Claims an online dossier for the officer (a lease); ONLINE_DOSSIER_HELD names who holds it instead. */
  async claimOnlineDossier(id: string, officer: { username: string; fullName: string }): Promise<OnlineClaim> {
    return this.signed('POST', `/v1/online-dossiers/${encodeURIComponent(id)}/claim`, JSON.stringify(officer), onlineClaimResponseSchema);
  }

  /** A file the citizen filed with an online dossier of this agency, checked against its sha256 before anyone keeps it. */
  async onlineDossierFile(id: string, sha256: string): Promise<Uint8Array> {
    const answer = await this.signed('GET', `/v1/online-dossiers/${encodeURIComponent(id)}/files/${sha256}`, null, remoteFileContentSchema);
    const bytes = new Uint8Array(Buffer.from(answer.dataBase64, 'base64'));
    if (answer.sha256 !== sha256 || createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new AppError('ONLINE_FILE_INVALID');
    }
    return bytes;
  }

  /** Records a supplement request or refusal of a claimed online dossier; the same decision id again is a no-op. */
  async decideOnlineDossier(
    id: string,
    officer: { username: string; fullName: string },
    decision: OnlineDecisionRequest,
  ): Promise<{ decision: string }> {
    return this.signed(
      'POST',
      `/v1/online-dossiers/${encodeURIComponent(id)}/decision`,
      JSON.stringify({ ...officer, decision }),
      onlineDecisionResponseSchema,
    );
  }

  /** The province's view, history and file list of one dossier; refused for an agency this counter may not act for. */
  openDossier(code: string): Promise<RemoteDossier> {
    return this.withDossierErrors(code, () => this.signed('GET', `/v1/dossiers/${encodeURIComponent(code)}`, null, remoteDossierSchema));
  }

  /** One file of a dossier, checked against its sha256 before anyone keeps it. */
  async dossierFile(code: string, sha256: string): Promise<Uint8Array> {
    const answer = await this.withDossierErrors(code, () =>
      this.signed('GET', `/v1/dossiers/${encodeURIComponent(code)}/files/${sha256}`, null, remoteFileContentSchema),
    );
    const bytes = new Uint8Array(Buffer.from(answer.dataBase64, 'base64'));
    if (answer.sha256 !== sha256 || createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new AppError('DOSSIER_REMOTE_FILE_INVALID', { code });
    }
    return bytes;
  }

  private async withDossierErrors<T>(code: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'SYNC_REQUEST_REFUSED') throw error;
      if (error.params.code === 'DOSSIER_ACCESS_DENIED') throw new AppError('DOSSIER_REMOTE_ACCESS_DENIED', { code });
      if (error.params.code === 'DOSSIER_NOT_FOUND') throw new AppError('DOSSIER_NOT_FOUND', { code });
      throw error;
    }
  }

  /** `body: null` sends no body (GET); the signature then covers the hash of the empty string. */
  private signed<T>(
    method: string,
    path: string,
    body: string | Uint8Array | null,
    schema: z.ZodType<T>,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const credential = this.options.credentials.load();
    if (!credential) throw new AppError('SYNC_NOT_ENROLLED');
    const timestamp = String(this.now().getTime());
    const nonce = randomBytes(18).toString('base64url');
    const bodySha256 = createHash('sha256')
      .update(body ?? '')
      .digest('hex');
    const signature = createHmac('sha256', credential.secret)
      .update(canonicalRequest({ method, path, timestamp, nonce, bodySha256 }))
      .digest('hex');
    const headers = {
      ...extraHeaders,
      [HEADER.deviceId]: credential.deviceId,
      [HEADER.timestamp]: timestamp,
      [HEADER.nonce]: nonce,
      [SIGNED_HEADER.bodySha256]: bodySha256,
      [HEADER.signature]: signature,
    };
    // A credential saved before https was required still names its gateway: it is checked again here.
    const origin = normalizeGatewayUrl(credential.gatewayUrl);
    return this.request(origin, path, body, headers, schema, method, { key: credential.secret, nonce });
  }

  private async request<T>(
    origin: string,
    path: string,
    body: string | Uint8Array | null,
    headers: Record<string, string>,
    schema: z.ZodType<T>,
    method: string,
    answerKey: { key: string; nonce: string },
  ): Promise<T> {
    let response: Response;
    let text: string;
    let bodySha256: string;
    try {
      response = await this.fetch(`${origin}${path}`, {
        method,
        headers: { ...(body === null ? {} : { 'content-type': 'application/json' }), accept: 'application/json', ...headers },
        // Node's fetch sends any Uint8Array; only the DOM typings insist on an ArrayBuffer-backed one.
        ...(body === null ? {} : { body: body as string | Uint8Array<ArrayBuffer> }),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      bodySha256 = createHash('sha256').update(bytes).digest('hex');
      text = new TextDecoder().decode(bytes);
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new AppError('SYNC_TIMEOUT', { seconds: Math.round(this.timeoutMs / 1000) });
      }
      throw new AppError('SYNC_OFFLINE', { url: origin });
    }
    if (!answeredByGateway(response, bodySha256, answerKey)) {
      // A proxy's error page when the gateway behind it is down is no threat, only an outage.
      if (response.status >= 500) throw new AppError('SYNC_GATEWAY_ERROR', { status: response.status });
      throw new AppError('SYNC_RESPONSE_UNAUTHENTICATED', { status: response.status });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // A proxy's or load balancer's error page: the gateway behind it is down, not talking nonsense.
      if (response.status >= 500) throw new AppError('SYNC_GATEWAY_ERROR', { status: response.status });
      throw new AppError('SYNC_GATEWAY_GARBAGE', { status: response.status });
    }
    if (response.ok) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new AppError('SYNC_GATEWAY_GARBAGE', { status: response.status });
      return parsed.data;
    }
    const failure = gatewayErrorSchema.safeParse(json);
    if (!failure.success) {
      throw new AppError(response.status >= 500 ? 'SYNC_GATEWAY_ERROR' : 'SYNC_GATEWAY_GARBAGE', { status: response.status });
    }
    const mapped = MAPPED_ERRORS[failure.data.error.code];
    if (mapped) throw mapped(failure.data.error as ErrorBody);
    if (response.status >= 500) throw new AppError('SYNC_GATEWAY_ERROR', { status: response.status });
    throw new AppError('SYNC_REQUEST_REFUSED', { code: failure.data.error.code.slice(0, 40) });
  }
}

/**
 * True when the answer carries the gateway's MAC over its status, body and this request's nonce
 * (shared/sync/response-signature.ts); nothing else in it is read otherwise (issue 17 finding 1).
 */
function answeredByGateway(response: Response, bodySha256: string, answerKey: { key: string; nonce: string }): boolean {
  const given = response.headers.get(SIGNED_HEADER.responseSignature) ?? '';
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = createHmac('sha256', answerKey.key)
    .update(canonicalResponse({ status: response.status, nonce: answerKey.nonce, bodySha256 }))
    .digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
