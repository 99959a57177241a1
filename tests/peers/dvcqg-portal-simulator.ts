import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { PORTAL_SUBMISSIONS_SERVICE } from '../../central/portal/portal-intake';
import { ONLINE_STATUS_SERVICE } from '../../central/online/online-decision-delivery';
import { checkDossierRecord, checkOnlineStatusUpdate, checkProgressEntry, type CatalogueEntry } from './dvcqg-payload-rules';

/**
 * A national public service portal (DVCQG) adapter on 127.0.0.1, speaking the OpenCPS convention of
 * docs/domain.md §2.1: `POST {adapter}/auth` with `{username, password}` and a `dstcode` header gives a
 * session string; every operation is `POST {adapter}/integration` with `{session, madonvi, service, …}`
 * and the `dstcode` header, answered `{error_code, message}` (0 is success). It validates every payload
 * against the published rules (dvcqg-payload-rules.ts) and keeps what it accepted, so tests can read
 * the portal's view of each dossier. Tests steer it: slow, down, failing, hanging, or losing its
 * reply after recording the request (the sender then sends again and the portal answers twice).
 * A test "citizen" files online dossiers with `submitOnline`, kept in `onlineSubmissions`; the province's
 * gateway fetches them with the `LayHoSoNopTrucTuyen` operation (`{ tuViTri }`: the position to read
 * from, answered with `data` and `tiepTheo`, the position after the last one given). The files the citizen
 * attaches (`attachFile`) are served at plain GET links under `/files/`, which tests can slow or fail.
 */

export interface PortalOptions {
  username: string;
  password: string;
  dstcode: string;
  madonvi: string;
  now: () => Date;
  catalogue?: ReadonlyMap<string, CatalogueEntry>;
}

export interface PortalRequest {
  service: string;
  isUpdating?: unknown;
  data: unknown;
  errorCode: number | string;
  message: string;
}

export interface OnlineSubmission {
  id: string;
  /** UTC instant the citizen pressed "Nộp hồ sơ", from the portal's clock. */
  submittedAt: string;
  MaTTHC: string;
  ChuHoSo: string;
  SoGiayToChuHoSo: string;
  LoaiDoiTuong: string;
  SoDienThoai: string;
  Email: string;
  /** The TechID of the citizen's portal account (MaDoiTuong). */
  MaDoiTuong: string;
  TaiLieuNop: { MaThanhPhanHoSo: string; TenTepDinhKem: string; DuongDanTaiTepTin: string }[];
  DiaChiChuHoSo?: string;
  /** yyyyMMdd. */
  NgaySinhChuHoSo?: string;
  /** Fees the citizen paid through the portal's payment service. */
  DanhSachLePhi?: { TenPhiLePhi: string; Gia: string; DaThanhToan?: '0' | '1'; MaGiaoDich?: string }[];
}

export interface PortalBehaviour {
  /** Every request waits this long before it is read. */
  delayMs: number;
  /** Connections are reset without an answer: an outage. */
  down: boolean;
  /** The next n operations are answered HTTP 503. */
  failNext: number;
  /** The next n operations are never answered. */
  hangNext: number;
  /** The next n operations are applied, then the connection is cut before the answer. */
  loseReplyNext: number;
  /** The next n operations of a service are never answered nor applied (e.g. only the progress hangs). */
  hangNextOf: Record<string, number>;
}

/** The citizen's attached files, served at `{url}/files/{id}` as the portal's download links. */
export interface PortalFileBehaviour {
  /** Each file request waits this long. */
  delayMs: number;
  /** The next n requests for a file id are answered HTTP 503. */
  failNextOf: Record<string, number>;
}

export const PORTAL_FILES_PATH = '/files/';
export const PORTAL_AUTH_PATH = '/adapter/auth';
export const PORTAL_INTEGRATION_PATH = '/adapter/integration';
/** T's practice: progress entries go ten at a time (docs/domain.md §2.9). */
const MAX_PROGRESS_PER_CALL = 10;
const MAX_DOSSIERS_PER_CALL = 50;
const MAX_SUBMISSIONS_PER_CALL = 100;

export class DvcqgPortalSimulator {
  readonly behaviour: PortalBehaviour = { delayMs: 0, down: false, failNext: 0, hangNext: 0, loseReplyNext: 0, hangNextOf: {} };
  /** The services of the operations left hanging, in arrival order. */
  readonly hung: string[] = [];
  /** Every operation that reached the validator, accepted or not, in arrival order. */
  readonly requests: PortalRequest[] = [];
  /** The portal's current record of each dossier. */
  readonly dossiers = new Map<string, Record<string, unknown>>();
  /** Progress entries accepted, in the order they arrived. */
  readonly progress: Record<string, unknown>[] = [];
  readonly onlineSubmissions: OnlineSubmission[] = [];
  readonly fileBehaviour: PortalFileBehaviour = { delayMs: 0, failNextOf: {} };
  /** Requests for each file id, answered or not. */
  readonly fileRequests = new Map<string, number>();
  private readonly files = new Map<string, { bytes: Uint8Array; contentType: string } | { redirect: string }>();
  /** The province's decisions on online submissions not received (refused, papers to add), once per decision. */
  readonly onlineStatus: Record<string, string>[] = [];
  /** Logins answered with a session. */
  logins = 0;
  private readonly sessions = new Set<string>();
  private readonly sockets = new Set<Socket>();
  private server!: http.Server;
  url = '';

  private constructor(private readonly options: PortalOptions) {}

  static async start(options: PortalOptions): Promise<DvcqgPortalSimulator> {
    const portal = new DvcqgPortalSimulator(options);
    portal.server = http.createServer((request, response) => void portal.handle(request, response));
    // Longer than clients keep idle connections (undici: 4 s), so a call never lands on a socket being closed.
    portal.server.keepAliveTimeout = 30_000;
    portal.server.on('connection', (socket) => {
      portal.sockets.add(socket);
      socket.on('close', () => portal.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => portal.server.listen(0, '127.0.0.1', resolve));
    portal.url = `http://127.0.0.1:${(portal.server.address() as AddressInfo).port}`;
    return portal;
  }

  /** Forgets every session, as a portal does when its tokens expire. */
  expireSessions(): void {
    this.sessions.clear();
  }

  /** Entries accepted more than once (same content): what a sender that resends after a lost reply causes. */
  duplicateProgress(): number {
    const seen = new Set<string>();
    let duplicates = 0;
    for (const entry of this.progress) {
      const key = JSON.stringify(entry);
      if (seen.has(key)) duplicates += 1;
      seen.add(key);
    }
    return duplicates;
  }

  /** A citizen files a dossier online at the portal's current time. */
  submitOnline(dossier: Omit<OnlineSubmission, 'id' | 'submittedAt'>): OnlineSubmission {
    const submission = { ...dossier, id: randomBytes(8).toString('hex'), submittedAt: this.options.now().toISOString() };
    this.onlineSubmissions.push(submission);
    return submission;
  }

  /**
   * What the citizen uploads with a dossier: the file is served at a link of its own, and the TaiLieuNop entry
   * naming it is returned for `submitOnline`. `contentType` is what the portal declares when serving it.
   */
  attachFile(
    componentCode: string,
    name: string,
    bytes: Uint8Array,
    contentType = 'application/pdf',
  ): OnlineSubmission['TaiLieuNop'][number] {
    const id = randomBytes(8).toString('hex');
    this.files.set(id, { bytes, contentType });
    return { MaThanhPhanHoSo: componentCode, TenTepDinhKem: name, DuongDanTaiTepTin: `${this.url}${PORTAL_FILES_PATH}${id}` };
  }

  /** A link the portal answers with a redirect to `location` (another host's, for the gateway to refuse). */
  redirectingLink(componentCode: string, name: string, location: string): OnlineSubmission['TaiLieuNop'][number] {
    const id = randomBytes(8).toString('hex');
    this.files.set(id, { redirect: location });
    return { MaThanhPhanHoSo: componentCode, TenTepDinhKem: name, DuongDanTaiTepTin: `${this.url}${PORTAL_FILES_PATH}${id}` };
  }

  /** The file id of a link this portal gave. */
  static fileId(link: string): string {
    return link.slice(link.lastIndexOf('/') + 1);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (this.behaviour.down) {
      request.socket.destroy();
      return;
    }
    if (request.method === 'GET' && request.url?.startsWith(PORTAL_FILES_PATH)) {
      await this.serveFile(request.url.slice(PORTAL_FILES_PATH.length), response);
      return;
    }
    const body = await readBody(request);
    if (this.behaviour.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.behaviour.delayMs));
    const reply = (status: number, answer: Record<string, unknown>) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(answer));
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      reply(400, { error_code: -1, message: 'Dữ liệu gửi lên không phải JSON' });
      return;
    }
    const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    if (request.headers.dstcode !== this.options.dstcode) {
      reply(200, { error_code: -1, message: 'Sai mã dstcode' });
      return;
    }
    if (request.method === 'POST' && request.url === PORTAL_AUTH_PATH) {
      if (fields.username !== this.options.username || fields.password !== this.options.password) {
        reply(200, { error_code: -1, message: 'Sai tên đăng nhập hoặc mật khẩu' });
        return;
      }
      const session = randomBytes(16).toString('hex');
      this.sessions.add(session);
      this.logins += 1;
      reply(200, { error_code: 0, message: 'Thành công', session });
      return;
    }
    if (request.method === 'POST' && request.url === PORTAL_INTEGRATION_PATH) {
      const service = String(fields.service);
      if ((this.behaviour.hangNextOf[service] ?? 0) > 0) {
        this.behaviour.hangNextOf[service]! -= 1;
        this.hung.push(service);
        return;
      }
      if (this.behaviour.hangNext > 0) {
        this.behaviour.hangNext -= 1;
        return;
      }
      if (this.behaviour.failNext > 0) {
        this.behaviour.failNext -= 1;
        reply(503, { error_code: -500, message: 'Hệ thống đang bảo trì' });
        return;
      }
      const answer = this.operation(fields);
      if (this.behaviour.loseReplyNext > 0) {
        this.behaviour.loseReplyNext -= 1;
        request.socket.destroy();
        return;
      }
      reply(200, answer);
      return;
    }
    reply(404, { error_code: -1, message: 'Không có dịch vụ này' });
  }

  private operation(fields: Record<string, unknown>): Record<string, unknown> {
    if (typeof fields.session !== 'string' || !this.sessions.has(fields.session))
      return { error_code: -2, message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn' };
    if (fields.madonvi !== this.options.madonvi) return { error_code: -1, message: `Mã đơn vị "${String(fields.madonvi)}" không đúng` };
    const service = String(fields.service);
    const answer = (errorCode: number, message: string) => {
      this.requests.push({ service, isUpdating: fields.isUpdating, data: fields.data, errorCode, message });
      return { error_code: errorCode, message };
    };
    if (service === PORTAL_SUBMISSIONS_SERVICE) return this.submissionsFrom(fields.tuViTri);
    const data = fields.data;
    if (!Array.isArray(data) || data.length === 0) return answer(-1, 'data phải là danh sách không rỗng');
    const context = { now: this.options.now(), catalogue: this.options.catalogue };
    if (service === 'DongBoHoSoMC') {
      if (fields.isUpdating !== 'True' && fields.isUpdating !== 'False') return answer(-1, 'isUpdating phải là chuỗi "True" hoặc "False"');
      if (data.length > MAX_DOSSIERS_PER_CALL) return answer(-1, `Tối đa ${MAX_DOSSIERS_PER_CALL} hồ sơ mỗi lần`);
      const problems = data.flatMap((record, i) => checkDossierRecord(record, context, `data[${i}]`));
      if (problems.length > 0) return answer(-1, problems.join('; '));
      const records = data as Record<string, unknown>[];
      for (const record of records) {
        const exists = this.dossiers.has(String(record.MaHoSo));
        if (fields.isUpdating === 'False' && exists) return answer(3, `Hồ sơ ${String(record.MaHoSo)} đã tồn tại`);
        if (fields.isUpdating === 'True' && !exists) return answer(-1, `Hồ sơ ${String(record.MaHoSo)} chưa tồn tại`);
      }
      for (const record of records) this.dossiers.set(String(record.MaHoSo), record);
      return answer(0, 'Thành công');
    }
    if (service === 'CapNhatTienDoHoSoMC') {
      if (data.length > MAX_PROGRESS_PER_CALL) return answer(-1, `Tối đa ${MAX_PROGRESS_PER_CALL} bản ghi tiến độ mỗi lần`);
      const problems = data.flatMap((entry, i) => checkProgressEntry(entry, context, `data[${i}]`));
      if (problems.length > 0) return answer(-1, problems.join('; '));
      const entries = data as Record<string, unknown>[];
      const unknown = entries.find((e) => !this.dossiers.has(String(e.MaHoSo)));
      if (unknown) return answer(-1, `Hồ sơ ${String(unknown.MaHoSo)} chưa được đồng bộ`);
      this.progress.push(...entries);
      return answer(0, 'Thành công');
    }
    if (service === ONLINE_STATUS_SERVICE) {
      const problems = data.flatMap((entry, i) => checkOnlineStatusUpdate(entry, context, `data[${i}]`));
      if (problems.length > 0) return answer(-1, problems.join('; '));
      const entries = data as Record<string, string>[];
      const unknown = entries.find((e) => !this.onlineSubmissions.some((s) => s.id === e.MaHoSoNopTrucTuyen));
      if (unknown) return answer(-1, `Không có hồ sơ nộp trực tuyến ${unknown.MaHoSoNopTrucTuyen}`);
      // MaXuLy names the decision: the same decision sent again after a lost reply changes nothing.
      for (const entry of entries) if (!this.onlineStatus.some((s) => s.MaXuLy === entry.MaXuLy)) this.onlineStatus.push(entry);
      return answer(0, 'Thành công');
    }
    return answer(-1, `Không hỗ trợ dịch vụ ${service}`);
  }

  private async serveFile(id: string, response: http.ServerResponse): Promise<void> {
    this.fileRequests.set(id, (this.fileRequests.get(id) ?? 0) + 1);
    if (this.fileBehaviour.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.fileBehaviour.delayMs));
    const file = this.files.get(id);
    if ((this.fileBehaviour.failNextOf[id] ?? 0) > 0) {
      this.fileBehaviour.failNextOf[id]! -= 1;
      response.writeHead(503).end();
      return;
    }
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    if ('redirect' in file) {
      response.writeHead(302, { location: file.redirect }).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.byteLength });
    response.end(file.bytes);
  }

  /** The online submissions from `position` on, at most a page of them, and where the next page starts. */
  private submissionsFrom(position: unknown): Record<string, unknown> {
    const from = typeof position === 'string' && /^\d+$/.test(position) ? Number(position) : null;
    if (from === null) return { error_code: -1, message: 'tuViTri phải là chuỗi số' };
    const page = this.onlineSubmissions.slice(from, from + MAX_SUBMISSIONS_PER_CALL);
    return { error_code: 0, message: 'Thành công', data: page, tiepTheo: String(from + page.length) };
  }
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
