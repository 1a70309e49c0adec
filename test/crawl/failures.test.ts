import { gzipSync, brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deadPort, page, school, type Route } from './helpers/portal-server.js';
import { closeAfterEach, crawler, portal } from './helpers/session.js';
import { encodeWindows1258 } from './helpers/windows-1258.js';

closeAfterEach();

describe('a school site that cannot be read', () => {
  it('reports a dead site (connection refused) as unreachable with a bilingual reason, without throwing', async () => {
    const port = await deadPort();
    const url = `http://127.0.0.1:${port}/`;
    const crawl = await crawler().crawlSchool(school(url));
    expect(crawl.reachable).toBe(false);
    expect(crawl.error).toBe(`Không kết nối được tới máy chủ / Connection refused (ECONNREFUSED) — ${url}`);
    expect(crawl.pages).toHaveLength(1);
    expect(crawl.pages[0]).toMatchObject({ url, status: 0, error: crawl.error });
    expect(crawl.stats.errors).toBe(1);
  });

  it('reports a home page answering 404 as unreachable', async () => {
    const site = await portal({});
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.reachable).toBe(false);
    expect(crawl.error).toBe(`Trang chủ trả về lỗi HTTP 404 / Home page answered HTTP 404 — ${site.url('/')}`);
  });

  it('reports a home page that is not HTML as unreachable', async () => {
    const site = await portal({ '/': { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4' } });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.reachable).toBe(false);
    expect(crawl.error).toMatch(/Home page is not an HTML page \(application\/pdf\)/);
  });

  it('reports a home page of binary garbage served as text/html as unreachable', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 1) % 256));
    const site = await portal({ '/': { headers: { 'content-type': 'text/html' }, body: garbage } });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.reachable).toBe(false);
    expect(crawl.error).toMatch(/not an HTML document/);
  });

  it('gives up on a server that never answers after the timeout', { timeout: 20_000 }, async () => {
    const site = await portal({ '/': { hang: true } });
    const crawl = await crawler({ timeoutMs: 300 }).crawlSchool(school(site.url('/')));
    expect(crawl.reachable).toBe(false);
    expect(crawl.error).toBe(`Máy chủ không trả lời kịp thời / No answer in time (0.3 s) — ${site.url('/')}`);
    expect(crawl.stats.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('times out a body that stops arriving, and carries on with the other pages', { timeout: 20_000 }, async () => {
    const site = await portal({
      '/': page('Trang chủ', ['/cham', '/nhanh']),
      '/cham': { stallAfter: '<html><head><title>Chậm' },
      '/nhanh': page('Nhanh'),
    });
    const crawl = await crawler({ timeoutMs: 300 }).crawlSchool(school(site.url('/')));
    expect(crawl.reachable).toBe(true);
    expect(crawl.pages.find((p) => p.url.endsWith('/cham'))?.error).toMatch(/No answer in time/);
    expect(crawl.pages.find((p) => p.url.endsWith('/nhanh'))?.title).toBe('Nhanh');
  });

  it('stops cleanly when aborted, returning what was read', { timeout: 20_000 }, async () => {
    const routes: Record<string, Route> = { '/': page('Trang chủ', Array.from({ length: 30 }, (_, i) => `/p${i}`)) };
    for (let i = 0; i < 30; i++) routes[`/p${i}`] = { ...page(`Bài ${i}`), delayMs: 20 };
    const site = await portal(routes);
    const stop = new AbortController();
    const crawl = await crawler({ perHost: 2 }).crawlSchool(
      school(site.url('/')),
      (p) => {
        if (p.pages >= 3) stop.abort();
      },
      stop.signal,
    );
    expect(crawl.reachable).toBe(true);
    expect(crawl.pages.length).toBeGreaterThanOrEqual(3);
    expect(crawl.pages.length).toBeLessThan(31);
    expect(crawl.pages.every((p) => p.status === 200)).toBe(true); // aborted requests are not recorded as failures
    expect(site.requests.length).toBeLessThanOrEqual(crawl.pages.length + 2);
  });

  it('makes no request when the signal is already aborted', async () => {
    const site = await portal({ '/': page('Trang chủ') });
    const crawl = await crawler().crawlSchool(school(site.url('/')), undefined, AbortSignal.abort());
    expect(crawl.reachable).toBe(false);
    expect(crawl.error).toMatch(/Đã dừng theo yêu cầu \/ Stopped on request/);
    expect(site.requests).toHaveLength(0);
  });

  it('lets close() end a crawl that is waiting on a silent server', { timeout: 20_000 }, async () => {
    const site = await portal({ '/': { hang: true } });
    const c = crawler({ timeoutMs: 60_000 });
    const crawl = c.crawlSchool(school(site.url('/')));
    while (site.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    await c.close();
    expect((await crawl).reachable).toBe(false);
  });
});

describe('reading page bodies', () => {
  it('cuts a body over the byte cap, keeps what arrived and notes it', async () => {
    const filler = `<p>${'Hoạt động chuyên môn. '.repeat(20_000)}</p>`; // ≈ 500 KB
    const site = await portal({
      '/': page('Trang chủ', ['/lon']),
      '/lon': page('Trang lớn', ['/dau'], `${filler}<a href="/cuoi">cuối</a>`),
      '/dau': page('Đầu'),
      '/cuoi': page('Cuối'),
    });
    const crawl = await crawler({ maxBodyBytes: 100_000 }).crawlSchool(school(site.url('/')));
    const big = crawl.pages.find((p) => p.url.endsWith('/lon'))!;
    expect(big.title).toBe('Trang lớn');
    expect(big.truncated).toBe(true);
    expect(big.error).toBeUndefined();
    expect(site.count('/dau')).toBe(1);
    expect(site.count('/cuoi')).toBe(0);
    expect(crawl.stats.errors).toBe(0);
  });

  it('decodes a windows-1258 page to NFC Vietnamese', async () => {
    const title = 'Trường THCS Ngọc Lâm — Lịch công tác tuần';
    const site = await portal({
      '/': {
        headers: { 'content-type': 'text/html; charset=windows-1258' },
        body: encodeWindows1258(`<html><head><title>${title}</title></head><body><a href="/meta">Thực đơn</a></body></html>`),
      },
      '/meta': {
        headers: { 'content-type': 'text/html' },
        body: encodeWindows1258(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"><title>Thực đơn tuần 4 tháng 9</title></head></html>`),
      },
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.pages.map((p) => p.title)).toEqual([title, 'Thực đơn tuần 4 tháng 9']);
    expect(crawl.pages[0]!.links[0]!.label).toBe('Thực đơn');
  });

  it('reads gzip and brotli compressed pages', async () => {
    const html = (t: string, links: string[] = []): Buffer => Buffer.from(page(t, links).body as string);
    const site = await portal({
      '/': { headers: { 'content-encoding': 'gzip' }, body: gzipSync(html('Trang chủ nén gzip', ['/br'])) },
      '/br': { headers: { 'content-encoding': 'br' }, body: brotliCompressSync(html('Trang nén brotli')) },
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.pages.map((p) => p.title)).toEqual(['Trang chủ nén gzip', 'Trang nén brotli']);
  });

  it('follows a home page that only holds a meta refresh', async () => {
    const site = await portal({
      '/index.html': { body: '<html><head><meta http-equiv="refresh" content="0; url=/portal/trang-chu"></head></html>' },
      '/portal/trang-chu': page('Trang chủ'),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/index.html')));
    expect(crawl.pages.map((p) => p.title)).toEqual(['', 'Trang chủ']);
  });
});
