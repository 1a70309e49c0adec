/**
 * A bare HTTP or HTTPS server on a loopback address for the fetcher's own tests: each request
 * goes to a handler that may do anything a faulty server does (answer late, reset the socket),
 * and the server counts the connections it accepts and logs requests.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { AddressInfo, Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, nth: number) => void;

export interface SeenRequest {
  method: string;
  path: string;
  host: string;
  /** performance.now() when it arrived. */
  at: number;
}

export interface RawServer {
  port: number;
  /** `http://127.0.0.1:<port>` (or https, or the address it listens on). */
  origin: string;
  requests: SeenRequest[];
  /** TCP connections accepted. */
  connections: number;
  close(): Promise<void>;
}

const TLS_DIR = new URL('../../helpers/tls/', import.meta.url);
/** The test-only self-signed certificate (CN localhost, SAN 127.0.0.1, valid 100 years). */
export const SELF_SIGNED = { key: readFileSync(new URL('key.pem', TLS_DIR)), cert: readFileSync(new URL('cert.pem', TLS_DIR)) };

export async function startRawServer(handler: Handler, opts: { tls?: boolean; address?: string } = {}): Promise<RawServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', host: req.headers.host ?? '', at: performance.now() });
    handler(req, res, requests.length);
  };
  const server: Server = opts.tls ? createHttpsServer(SELF_SIGNED, onRequest) : createHttpServer(onRequest);
  const state = { connections: 0 };
  server.on('connection', (s: Socket) => {
    state.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const address = opts.address ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `${opts.tls ? 'https' : 'http'}://${address}:${port}`,
    requests,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A small HTML page. */
export function html(res: ServerResponse, title: string, status = 200, headers: Record<string, string> = {}): void {
  const body = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head><body>${title}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
