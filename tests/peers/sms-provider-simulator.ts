import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isGsm7, smsSegments } from '../../shared/notify/sms-text';

/**
 * A brandname SMS provider's HTTP API on 127.0.0.1 (the eSMS shape the gateway's adapter speaks,
 * central/notify/brandname-sms.ts): checks the keys and the brandname, refuses content that does not
 * match its declared encoding (GSM-7 without `IsUnicode`, UCS-2 with it), counts the billed parts,
 * deduplicates on `RequestId` and keeps every accepted message. Tests make it fail or go down.
 */
export interface SentSms {
  id: string;
  phone: string;
  content: string;
  unicode: boolean;
  segments: number;
  requestId: string;
}

export class SmsProviderSimulator {
  readonly messages: SentSms[] = [];
  /** Requests answered "duplicate RequestId" instead of being sent again. */
  duplicates = 0;
  /** The next n requests get HTTP 503. */
  failNext = 0;
  down = false;
  private server!: http.Server;
  url = '';

  private constructor(private readonly keys: { apiKey: string; secretKey: string; brandname: string }) {}

  static async start(keys: { apiKey: string; secretKey: string; brandname: string }): Promise<SmsProviderSimulator> {
    const provider = new SmsProviderSimulator(keys);
    provider.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => provider.handle(Buffer.concat(chunks).toString('utf8'), request, response));
    });
    provider.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    provider.url = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}/MainService.svc/json/SendMultipleMessage_V4_post_json/`;
    return provider;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(body: string, request: http.IncomingMessage, response: http.ServerResponse): void {
    if (this.down) {
      request.socket.destroy();
      return;
    }
    const answer = (status: number, value: Record<string, unknown>) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (this.failNext > 0) {
      this.failNext -= 1;
      answer(503, { CodeResult: '99', ErrorMessage: 'Service unavailable' });
      return;
    }
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(body) as Record<string, unknown>;
    } catch {
      answer(200, { CodeResult: '99', ErrorMessage: 'Invalid JSON' });
      return;
    }
    if (fields.ApiKey !== this.keys.apiKey || fields.SecretKey !== this.keys.secretKey) {
      answer(200, { CodeResult: '101', ErrorMessage: 'Authorize Failed' });
      return;
    }
    if (fields.Brandname !== this.keys.brandname) {
      answer(200, { CodeResult: '104', ErrorMessage: 'Brandname không tồn tại hoặc đã bị hủy' });
      return;
    }
    const phone = String(fields.Phone ?? '');
    if (!/^0\d{9,10}$/.test(phone)) {
      answer(200, { CodeResult: '146', ErrorMessage: 'Số điện thoại không hợp lệ' });
      return;
    }
    const content = String(fields.Content ?? '');
    const unicode = fields.IsUnicode === '1';
    if (!unicode && !isGsm7(content)) {
      answer(200, { CodeResult: '119', ErrorMessage: 'Nội dung có ký tự Unicode nhưng IsUnicode = 0' });
      return;
    }
    const requestId = String(fields.RequestId ?? '');
    const earlier = this.messages.find((m) => m.requestId === requestId && requestId !== '');
    if (earlier) {
      this.duplicates += 1;
      answer(200, { CodeResult: '100', SMSID: earlier.id });
      return;
    }
    const message: SentSms = {
      id: `sms-${this.messages.length + 1}`,
      phone,
      content,
      unicode,
      segments: smsSegments(content, unicode ? 'ucs2' : 'gsm7'),
      requestId,
    };
    this.messages.push(message);
    answer(200, { CodeResult: '100', SMSID: message.id });
  }
}
