import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** Rewrites an answer on its way back, as a man in the middle would; headers (and the gateway's signature) pass unchanged. */
export type AnswerRewrite = (request: { method: string; url: string }, body: Buffer) => Buffer;

/**
 * A TLS reverse proxy in front of the gateway, as docs/architecture.md §9 deploys it: it holds the
 * certificate, forwards plain HTTP to the gateway on loopback and names the client in
 * X-Forwarded-For. With `rewrite` it is the attacker who got a certificate the counter trusts.
 */
export async function startTlsTerminator(options: {
  key: string;
  cert: string;
  upstreamPort: number;
  rewrite?: AnswerRewrite;
}): Promise<{ port: number; url: string; close(): Promise<void> }> {
  const server = https.createServer({ key: options.key, cert: options.cert }, (request, response) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: options.upstreamPort,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, 'x-forwarded-for': request.socket.remoteAddress ?? '' },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const original = Buffer.concat(chunks);
          const body = options.rewrite ? options.rewrite({ method: request.method ?? '', url: request.url ?? '' }, original) : original;
          response.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': String(body.byteLength) });
          response.end(body);
        });
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<h1>502 Bad Gateway</h1>');
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `https://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fetch that trusts `ca` as the counter trusts the province's CA through the OS certificate store
 * (Electron's net.fetch in the app). Node's own fetch knows only its bundled roots.
 */
export function fetchTrusting(ca: string): typeof fetch {
  return ((input: string | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const request = https.request(
        new URL(String(input)),
        { method: init.method ?? 'GET', headers: init.headers as Record<string, string>, ca, signal: init.signal ?? undefined },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('error', reject);
          answer.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(answer.headers)) if (typeof value === 'string') headers.set(name, value);
            resolve(new Response(Buffer.concat(chunks), { status: answer.statusCode ?? 0, headers }));
          });
        },
      );
      request.on('error', reject);
      request.end(init.body === undefined || init.body === null ? undefined : (init.body as string | Uint8Array));
    })) as typeof fetch;
}
