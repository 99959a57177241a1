import net from 'node:net';

export type CutDirection = 'request' | 'response';

/** Only HTTP/1.1 request heads start with this; each one marks the start of the next exchange. */
const REQUEST_LINE = /^[A-Z]+ (\S+) HTTP\/1\.1\r\n/;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server that can drop the link after a given number
 * of bytes in one direction — the half-sent batch or the lost answer of a flaky counter link. A
 * cut may be limited to requests whose path matches, counting from that request's first byte, so a
 * test can cut the command batch without cutting the file uploads before it.
 */
export class FlakyProxy {
  private cut: { direction: CutDirection; bytes: number; path: RegExp | null } | null = null;
  /** Bumped by each rule change, so kept-alive connections count their bytes from the change on. */
  private generation = 0;
  private readonly sockets = new Set<net.Socket>();
  cutsMade = 0;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<FlakyProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FlakyProxy(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (client) => proxy.relay(client, targetPort));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Every connection from now on is cut after `bytes` bytes in `direction`, until heal(). */
  cutAfter(direction: CutDirection, bytes: number, options: { path?: RegExp } = {}): void {
    this.cut = { direction, bytes, path: options.path ?? null };
    this.generation += 1;
  }

  heal(): void {
    this.cut = null;
    this.generation += 1;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private relay(client: net.Socket, targetPort: number): void {
    const upstream = net.connect(targetPort, '127.0.0.1');
    // Keep-alive carries many exchanges; a path-limited cut counts from the current request's start.
    const exchange = { path: '', requestBytes: 0, responseBytes: 0 };
    const drop = () => {
      this.cutsMade += 1;
      client.destroy();
      upstream.destroy();
    };
    const pipe = (from: net.Socket, to: net.Socket, direction: CutDirection) => {
      let sent = 0;
      let generation = this.generation;
      from.on('data', (chunk: Buffer) => {
        if (generation !== this.generation) {
          generation = this.generation;
          sent = 0;
        }
        const head = direction === 'request' ? REQUEST_LINE.exec(chunk.subarray(0, 2048).toString('latin1')) : null;
        if (head) Object.assign(exchange, { path: head[1]!, requestBytes: 0, responseBytes: 0 });
        const cut = this.cut;
        const counted = cut?.path ? (direction === 'request' ? exchange.requestBytes : exchange.responseBytes) : sent;
        if (cut?.direction === direction && (!cut.path || cut.path.test(exchange.path)) && counted + chunk.byteLength > cut.bytes) {
          to.write(chunk.subarray(0, cut.bytes - counted), drop);
          return;
        }
        sent += chunk.byteLength;
        if (direction === 'request') exchange.requestBytes += chunk.byteLength;
        else exchange.responseBytes += chunk.byteLength;
        to.write(chunk);
      });
      from.on('end', () => to.end());
      from.on('error', () => to.destroy());
    };
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    }
    pipe(client, upstream, 'request');
    pipe(upstream, client, 'response');
  }
}
