/**
 * A small portal on 127.0.0.1 for the stop/resume tests: a home page linking to `pages` articles,
 * each answered after `delayMs` (changeable while it runs), and a count of the requests it served.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowPortal {
  url: string;
  requests: number;
  delayMs: number;
  close(): Promise<void>;
}

export async function startSlowPortal(opts: { pages: number; delayMs: number; title: string }): Promise<SlowPortal> {
  const timers = new Set<NodeJS.Timeout>();
  const portal: SlowPortal = { url: '', requests: 0, delayMs: opts.delayMs, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    portal.requests++;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const links = Array.from({ length: opts.pages }, (_, i) => `<li><a href="/tin-tuc/bai-${i + 1}">Bài viết số ${i + 1}</a></li>`).join('');
    const n = /^\/tin-tuc\/bai-(\d+)$/.exec(path)?.[1];
    const body =
      path === '/'
        ? `<html><head><title>${opts.title}</title></head><body><nav><ul><li><a href="/">Trang chủ</a></li></ul></nav><main><h1>${opts.title}</h1><ul>${links}</ul></main></body></html>`
        : n && Number(n) <= opts.pages
          ? `<html><head><title>Bài viết số ${n}</title></head><body><main><h1>Bài viết số ${n}</h1><p>Thứ sáu, 30/10/2026. Nội dung bài viết.</p></main></body></html>`
          : undefined;
    const answer = () => {
      if (body === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      }
    };
    // The home page comes at once so the crawl is under way before the slow part.
    if (path === '/' || portal.delayMs === 0) return answer();
    const t = setTimeout(() => {
      timers.delete(t);
      answer();
    }, portal.delayMs);
    timers.add(t);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  portal.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  portal.close = () => {
    for (const t of timers) clearTimeout(t);
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return portal;
}
