/**
 * A small school portal served on 127.0.0.1 (ephemeral port) for crawler tests: routes by path
 * and query, records every request (method, path, Host) and the most requests it ever had in
 * flight at once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SchoolConfig } from '../../../src/types.js';

export interface Reply {
  status?: number;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Answer after this many milliseconds (to make requests overlap; never asserted on). */
  delayMs?: number;
  /** Never answer. */
  hang?: boolean;
  /** Send the headers and this part of the body, then never finish. */
  stallAfter?: string;
}

export type Route = Reply | ((req: IncomingMessage) => Reply);

export interface SeenRequest {
  method: string;
  path: string;
  host: string;
}

/** Counts requests in flight across several servers (two schools, one count). */
export class InFlightCounter {
  now = 0;
  max = 0;
  enter(): void {
    this.now++;
    this.max = Math.max(this.max, this.now);
  }
  leave(): void {
    this.now--;
  }
}

export interface Portal {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string, host?: string): string;
  requests: SeenRequest[];
  /** Requests seen for a path (any method), optionally for one method only. */
  count(path: string, method?: string): number;
  inFlight: InFlightCounter;
  close(): Promise<void>;
}

export async function startPortal(
  routes: Record<string, Route>,
  opts: { inFlight?: InFlightCounter; fallback?: (req: IncomingMessage) => Reply | undefined } = {},
): Promise<Portal> {
  const requests: SeenRequest[] = [];
  const inFlight = opts.inFlight ?? new InFlightCounter();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, host: req.headers.host ?? '' });
    inFlight.enter();
    let left = false;
    const leave = (): void => {
      if (!left) {
        left = true;
        inFlight.leave();
      }
    };
    res.on('close', leave);
    res.on('finish', leave);

    const route = routes[path];
    const reply: Reply =
      route === undefined ? (opts.fallback?.(req) ?? notFound()) : typeof route === 'function' ? route(req) : route;
    if (reply.hang) return;
    const send = (): void => {
      const body = reply.body ?? '';
      const headers: Record<string, string | number> = { 'content-type': 'text/html; charset=utf-8', ...reply.headers };
      if (reply.stallAfter !== undefined) {
        res.writeHead(reply.status ?? 200, headers);
        res.write(reply.stallAfter);
        return;
      }
      headers['content-length'] ??= Buffer.byteLength(body);
      res.writeHead(reply.status ?? 200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (reply.delayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        send();
      }, reply.delayMs);
      timers.add(t);
    } else send();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    url: (path, host = '127.0.0.1') => `http://${host}:${port}${path}`,
    requests,
    count: (path, method) => requests.filter((r) => r.path === path && (!method || r.method === method)).length,
    inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function notFound(): Reply {
  return { status: 404, body: '<html><head><title>404</title></head><body>Không tìm thấy trang</body></html>' };
}

/** An HTML page with a title and one link per href. */
export function page(title: string, hrefs: string[] = [], extra = ''): Reply {
  const links = hrefs.map((h) => `<li><a href="${h}">${h}</a></li>`).join('\n');
  return {
    body: `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head>
<body><ul>${links}</ul>${extra}</body></html>`,
  };
}

export function redirect(location: string, status = 302): Reply {
  return { status, headers: { location }, body: '' };
}

export function school(url: string, extra: Partial<SchoolConfig> = {}): SchoolConfig {
  return {
    id: 'thcs-thu-nghiem',
    name: 'Trường THCS Thử Nghiệm',
    url,
    level: 'THCS',
    boarding: false,
    startUrls: [],
    sectionUrls: {},
    ...extra,
  };
}

/** A port that was bound and then closed: nothing listens there, connections are refused. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Paths of the crawled pages (canonical URLs), sorted. */
export function pagePaths(pages: { url: string }[]): string[] {
  return pages.map((p) => new URL(p.url).pathname + new URL(p.url).search).sort();
}
