import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../src/crawl/backoff.js';
import { failureMessage } from '../../src/crawl/errors.js';
import { type FetchOptions, type HttpClient, type HttpClientOptions } from '../../src/crawl/fetcher.js';
import { testHttpClient } from './helpers/http-client.js';
import { createRequestLimiter } from '../../src/crawl/limiter.js';
import { deadPort } from './helpers/portal-server.js';
import { html, startRawServer, type Handler, type RawServer } from './helpers/raw-server.js';

const opened: { clients: HttpClient[]; servers: RawServer[] } = { clients: [], servers: [] };
afterEach(async () => {
  await Promise.all(opened.clients.splice(0).map((c) => c.close()));
  await Promise.all(opened.servers.splice(0).map((s) => s.close()));
});

async function server(handler: Handler): Promise<RawServer> {
  const s = await startRawServer(handler);
  opened.servers.push(s);
  return s;
}

/** A client for 127.0.0.1 with fast backoff (tests must not wait for the real 500 ms base). */
function client(opts: Partial<HttpClientOptions> & { concurrency?: number } = {}): HttpClient {
  const c = testHttpClient({
    timeoutMs: 2_000,
    limiter: createRequestLimiter(opts.concurrency ?? 4, 2),
    allowPrivate: true,
    backoff: { baseMs: 20, capMs: 40 },
    ...opts,
  });
  opened.clients.push(c);
  return c;
}

const get = (signal?: AbortSignal): FetchOptions => ({
  method: 'GET',
  wantBody: (status) => status < 400,
  redirect: () => 'follow',
  ...(signal ? { signal } : {}),
});
const head: FetchOptions = { method: 'HEAD', wantBody: () => false, redirect: () => 'follow' };

describe('retrying transient failures', () => {
  it('asks again after 503 answers and returns the page that finally came, counting the retries', async () => {
    const s = await server((_req, res, nth) => (nth <= 2 ? html(res, 'Bận', 503) : html(res, 'Trang chủ')));
    const r = await client().fetch(`${s.origin}/`, get());
    expect(r.answer?.status).toBe(200);
    expect(r.answer?.body?.toString()).toContain('Trang chủ');
    expect(r.retries).toBe(2);
    expect(r.retryAfterMs).toBeUndefined();
    expect(s.requests).toHaveLength(3);
  });

  it('gives the last 500 answer after `retries` retries', async () => {
    const s = await server((_req, res) => html(res, 'Lỗi', 500));
    const r = await client({ retries: 2 }).fetch(`${s.origin}/`, get());
    expect(r.answer?.status).toBe(500);
    expect(r.failure).toBeUndefined();
    expect(r.retries).toBe(2);
    expect(s.requests).toHaveLength(3);
  });

  it.each([502, 504, 408])('retries HTTP %i', async (status) => {
    const s = await server((_req, res, nth) => (nth === 1 ? html(res, 'Lỗi', status) : html(res, 'Được')));
    const r = await client().fetch(`${s.origin}/`, get());
    expect([r.answer?.status, r.retries, s.requests.length]).toEqual([200, 1, 2]);
  });

  it.each([404, 403, 410, 400])('never retries HTTP %i', async (status) => {
    const s = await server((_req, res) => html(res, 'Không có', status));
    const r = await client().fetch(`${s.origin}/`, get());
    expect([r.answer?.status, r.retries, s.requests.length]).toEqual([status, 0, 1]);
  });

  it('retries HEAD probes the same way', async () => {
    const s = await server((_req, res, nth) => {
      res.writeHead(nth === 1 ? 503 : 200, { 'content-type': 'application/pdf' });
      res.end();
    });
    const r = await client().fetch(`${s.origin}/files/ke-hoach.pdf`, head);
    expect(r.answer?.status).toBe(200);
    expect(r.retries).toBe(1);
    expect(s.requests.map((q) => q.method)).toEqual(['HEAD', 'HEAD']);
  });

  it('retries a request that timed out, and gives up with a timeout after the retries', async () => {
    const once = await server((_req, res, nth) => (nth === 1 ? undefined : html(res, 'Muộn mà có'))); // first: never answers
    const r1 = await client({ timeoutMs: 300 }).fetch(`${once.origin}/`, get());
    expect([r1.answer?.status, r1.retries]).toEqual([200, 1]);

    const never = await server(() => undefined);
    const r2 = await client({ timeoutMs: 200, retries: 1 }).fetch(`${never.origin}/`, get());
    expect(r2.failure?.kind).toBe('timeout');
    expect(r2.retries).toBe(1);
    expect(never.requests).toHaveLength(2);
  });

  it('retries a connection reset at once, even with no retries (a stale keep-alive socket)', async () => {
    const s = await server((req, res, nth) => (nth === 1 ? req.socket.destroy() : html(res, 'Trang chủ')));
    const r = await client({ retries: 0 }).fetch(`${s.origin}/`, get());
    expect(r.answer?.status).toBe(200);
    expect(r.retries).toBe(1);
  });

  it('does not retry a refused connection (a dead server) and says so', async () => {
    const url = `http://127.0.0.1:${await deadPort()}/`;
    let sent = 0;
    const r = await client().fetch(url, get(), () => sent++);
    expect(r.failure?.kind).toBe('refused');
    expect(r.retries).toBe(0);
    expect(sent).toBe(1);
  });

  it('stops waiting between attempts at once when aborted', { timeout: 20_000 }, async () => {
    const s = await server((_req, res) => html(res, 'Lỗi', 500));
    const stop = new AbortController();
    const c = client({ backoff: { baseMs: 60_000, capMs: 60_000 } });
    const pending = c.fetch(`${s.origin}/`, get(stop.signal));
    while (s.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    stop.abort();
    const r = await pending;
    expect(r.failure?.kind).toBe('aborted');
    expect(s.requests).toHaveLength(1);
  });
});

describe('Retry-After', () => {
  it('waits as long as a 429 asks before asking again, and reports the time waited', { timeout: 20_000 }, async () => {
    const s = await server((_req, res, nth) => (nth === 1 ? html(res, 'Chậm lại', 429, { 'retry-after': '1' }) : html(res, 'Trang chủ')));
    const r = await client().fetch(`${s.origin}/`, get());
    expect(r.answer?.status).toBe(200);
    expect(r.retryAfterMs).toBe(1000);
    expect(r.retries).toBe(1);
    expect(s.requests[1]!.at - s.requests[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('holds back the whole site during the wait, but no other site', { timeout: 20_000 }, async () => {
    const busy = await server((req, res) => (req.url === '/a' && busy.requests.length === 1 ? html(res, 'Bận', 503, { 'retry-after': '1' }) : html(res, req.url!)));
    const other = await server((req, res) => html(res, req.url!));
    const limiter = createRequestLimiter(1, 2);
    const paused: string[] = [];
    const c = client({ limiter: { ...limiter, pause: (url, ms) => (paused.push(url), limiter.pause(url, ms)) } });
    const a = c.fetch(`${busy.origin}/a`, get());
    while (paused.length === 0) await new Promise((r) => setTimeout(r, 5));
    const [b, elsewhere] = await Promise.all([c.fetch(`${busy.origin}/b`, get()), c.fetch(`${other.origin}/x`, get())]);
    const ra = await a;
    expect([ra.answer?.status, b.answer?.status, elsewhere.answer?.status]).toEqual([200, 200, 200]);
    expect(b.retryAfterMs).toBeUndefined(); // /b itself was never told to wait
    // the other site was served during the pause (the one global slot was free), the busy site only after it
    expect(other.requests[0]!.at).toBeLessThan(busy.requests[1]!.at);
    expect(busy.requests[1]!.at - busy.requests[0]!.at).toBeGreaterThanOrEqual(990);
    expect(busy.requests[2]!.at - busy.requests[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('gives up at once when Retry-After is longer than the cap: the 429 stands', async () => {
    const s = await server((_req, res) => html(res, 'Chậm lại', 429, { 'retry-after': '3600' }));
    const r = await client({ maxRetryAfterMs: 5_000 }).fetch(`${s.origin}/`, get());
    expect(r.answer?.status).toBe(429);
    expect(r.answer?.retryAfter).toBe('3600');
    expect(r.retries).toBe(0);
    expect(r.retryAfterMs).toBeUndefined();
    expect(s.requests).toHaveLength(1);
  });

  it('reads delay-seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2026-12-07T02:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 07 Dec 2026 02:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 01:00:00 GMT', now)).toBe(0); // already past
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('backoff with full jitter', () => {
  const policy = { baseMs: 500, capMs: 8_000 };
  it('doubles the ceiling with each attempt up to the cap, anywhere from 0 below it', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 0.999_999))).toEqual([499, 999, 1999, 3999, 7999, 7999]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(1, policy, () => 0.5)).toBe(500);
  });
});

describe('redirect chains', () => {
  it('names the first and last URL of a chain that is too long', async () => {
    const s = await server((req, res) => {
      const n = Number(req.url!.slice(2));
      res.writeHead(302, { location: `/r${n + 1}` }).end();
    });
    const r = await client().fetch(`${s.origin}/r0`, get());
    expect(r.failure?.kind).toBe('too-many-redirects');
    expect(r.failure?.detail).toBe(`> 5: ${s.origin}/r0 → … → ${s.origin}/r5 → ${s.origin}/r6`);
    expect(s.requests).toHaveLength(6);
  });

  it('detects a loop whose way back carries a fragment, naming its ends', async () => {
    const s = await server((req, res) => {
      res.writeHead(301, { location: req.url === '/a' ? '/b#x' : '/a#top' }).end();
    });
    const r = await client().fetch(`${s.origin}/a`, get());
    expect(r.failure?.kind).toBe('redirect-loop');
    expect(r.failure?.detail).toBe(`${s.origin}/a → ${s.origin}/b → ${s.origin}/a`);
    expect(r.hops.map((h) => h.url)).toEqual([`${s.origin}/a`]);
    expect(s.requests.map((q) => q.path)).toEqual(['/a', '/b']);
    expect(failureMessage(r.failure!.kind, r.finalUrl, r.failure!.detail)).toMatch(/^Chuyển hướng vòng lặp \/ Redirect loop \(/);
  });
});
