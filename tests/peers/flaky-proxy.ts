import net from 'node:net';

export type CutDirection = 'request' | 'response';

/**
 * A TCP proxy on 127.0.0.1 in front of a real server that can drop the link after a given number
 * of bytes in one direction — the half-sent batch or the lost answer of a flaky counter link.
 */
export class FlakyProxy {
  private cut: { direction: CutDirection; bytes: number } | null = null;
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
  cutAfter(direction: CutDirection, bytes: number): void {
    this.cut = { direction, bytes };
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
        const cut = this.cut;
        if (cut?.direction === direction && sent + chunk.byteLength > cut.bytes) {
          to.write(chunk.subarray(0, cut.bytes - sent), drop);
          return;
        }
        sent += chunk.byteLength;
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
