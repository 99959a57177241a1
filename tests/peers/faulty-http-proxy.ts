import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one request. `stash` holds the request back and fails the caller; the
 * stashed copy reaches the gateway later, after newer requests — a delivery out of order.
 * `cutRequest` forwards the head and half the body, then drops both links; `cutResponse` lets the
 * gateway finish but drops the link half way through the answer.
 */
export const faults = ['pass', 'delay', 'drop', 'duplicate', 'stash', 'cutRequest', 'cutResponse'] as const;
export type Fault = (typeof faults)[number];

/** One request in five is mistreated, one in ten fails outright: hostile, yet a batch still gets through. */
export const DEFAULT_FAULT_WEIGHTS: Record<Fault, number> = {
  pass: 80,
  delay: 6,
  drop: 2,
  duplicate: 4,
  stash: 2,
  cutRequest: 3,
  cutResponse: 3,
};

interface HeldRequest {
  method: string;
  path: string;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Stashed requests are delivered once this many newer requests went through. */
const RELEASE_AFTER = 3;
const MAX_DELAY_MS = 400;

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * An HTTP proxy on 127.0.0.1 in front of the gateway that mistreats requests the way a rural link
 * and a confused middlebox do — dropped, delayed, duplicated, delivered late and out of order, cut
 * mid-body either way. Faults are drawn from a seeded generator so a failing run can be replayed.
 */
export class FaultyHttpProxy {
  readonly counts: Record<Fault, number> = { pass: 0, delay: 0, drop: 0, duplicate: 0, stash: 0, cutRequest: 0, cutResponse: 0 };
  enabled = true;
  /** Requests received from the client so far: a clock that ticks with the work, not the machine's speed. */
  requests = 0;
  private stashed: HeldRequest[] = [];
  private sinceStash = 0;
  private readonly totalWeight: number;

  private constructor(
    private readonly server: http.Server,
    private readonly targetPort: number,
    private readonly random: () => number,
    private readonly weights: Record<Fault, number>,
    readonly port: number,
  ) {
    this.totalWeight = Object.values(weights).reduce((a, b) => a + b, 0);
  }

  static async start(targetPort: number, options: { random: () => number; weights?: Record<Fault, number> }): Promise<FaultyHttpProxy> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FaultyHttpProxy(
      server,
      targetPort,
      options.random,
      options.weights ?? DEFAULT_FAULT_WEIGHTS,
      (server.address() as AddressInfo).port,
    );
    server.on('request', (request, response) => void proxy.handle(request, response));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Delivers whatever is still stashed, so nothing the link "lost" stays lost forever. */
  async flush(): Promise<void> {
    const held = this.stashed.splice(0);
    for (const request of held) await this.forward(request).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private choose(): Fault {
    let roll = this.random() * this.totalWeight;
    for (const fault of faults) {
      roll -= this.weights[fault];
      if (roll < 0) return fault;
    }
    return 'pass';
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    this.requests += 1;
    const body = await readAll(request);
    const headers = { ...request.headers };
    delete headers.connection;
    const held: HeldRequest = { method: request.method ?? 'GET', path: request.url ?? '/', headers, body };
    const fault = this.enabled ? this.choose() : 'pass';
    this.counts[fault] += 1;
    try {
      switch (fault) {
        case 'drop':
          response.socket?.destroy();
          return;
        case 'stash':
          this.stashed.push(held);
          this.sinceStash = 0;
          response.socket?.destroy();
          return;
        case 'cutRequest':
          await this.forwardHalf(held);
          response.socket?.destroy();
          return;
        case 'delay':
          await new Promise((resolve) => setTimeout(resolve, Math.round(this.random() * MAX_DELAY_MS)));
          break;
        default:
          break;
      }
      const answer = await this.forward(held);
      if (fault === 'duplicate') await this.forward(held);
      if (fault === 'cutResponse') {
        response.writeHead(answer.status, answer.headers);
        response.write(answer.body.subarray(0, Math.floor(answer.body.byteLength / 2)));
        response.socket?.destroy();
        return;
      }
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    } catch {
      response.socket?.destroy();
    } finally {
      await this.releaseStale();
    }
  }

  private async releaseStale(): Promise<void> {
    if (this.stashed.length === 0) return;
    this.sinceStash += 1;
    if (this.sinceStash >= RELEASE_AFTER) await this.flush();
  }

  private forward(held: HeldRequest): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        { host: '127.0.0.1', port: this.targetPort, method: held.method, path: held.path, headers: held.headers },
        (answer) => {
          readAll(answer).then((body) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body }), reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(held.body);
    });
  }

  /** The gateway sees the full Content-Length announced, half the bytes, then the link gone. */
  private forwardHalf(held: HeldRequest): Promise<void> {
    return new Promise((resolve) => {
      const upstream = http.request({
        host: '127.0.0.1',
        port: this.targetPort,
        method: held.method,
        path: held.path,
        headers: held.headers,
      });
      upstream.on('error', () => resolve());
      upstream.write(held.body.subarray(0, Math.floor(held.body.byteLength / 2)), () => {
        setTimeout(() => {
          upstream.destroy();
          resolve();
        }, 20);
      });
    });
  }
}
