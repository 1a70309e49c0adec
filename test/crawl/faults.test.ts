/**
 * The crawler against the hostile district (test/helpers/hostile-server.ts), one fault per school:
 * each crawl ends, reads the school's good pages, bounds its requests to the fault, and names the
 * fault (a crawl issue, or the page's or the site's error). Then all faults at once next to a real
 * fixture portal, whose pages must be those it gives when crawled alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import type { CrawlIssue, CrawlIssueKind, PageFacts, SchoolCrawl } from '../../src/types.js';
import {
  FAULTS,
  GOOD_PAGES,
  HUGE_PAGE_BYTES,
  startHostileDistrict,
  startHostileSchool,
  WINDOWS_1258_TITLE,
  type Fault,
  type HostileDistrict,
  type HostileOptions,
  type HostileSchool,
} from '../helpers/hostile-server.js';
import { school } from './helpers/portal-server.js';
import { closeAfterEach, crawler } from './helpers/session.js';

closeAfterEach();

const opened: { schools: HostileSchool[]; district?: HostileDistrict; fixtures?: FixtureServer } = { schools: [] };
afterEach(async () => {
  await Promise.all([...opened.schools.splice(0).map((s) => s.close()), opened.district?.close(), opened.fixtures?.close()]);
  opened.district = undefined;
  opened.fixtures = undefined;
});

/** Short timeouts so the slow page and the retries cost seconds, deep enough that only trap detection stops a trap. */
const FAST = { timeoutMs: 1_000, maxDepth: 100, maxBodyBytes: 1024 * 1024 };
const HOSTILE: HostileOptions = { slowMs: 3_000 };

async function hostile(fault: Fault): Promise<HostileSchool> {
  const s = await startHostileSchool(fault, HOSTILE);
  opened.schools.push(s);
  return s;
}

function crawlOf(s: HostileSchool, opts: Parameters<typeof crawler>[0] = {}): Promise<SchoolCrawl> {
  return crawler({ ...FAST, ...opts }).crawlSchool(school(s.url, { id: s.id, name: s.name, level: 'TH' }));
}

function pageAt(crawl: SchoolCrawl, url: string): PageFacts {
  const page = crawl.pages.find((p) => p.url === url);
  expect(page, `no page ${url} among ${crawl.pages.map((p) => p.url).join(', ')}`).toBeDefined();
  return page!;
}

function issueOf(crawl: SchoolCrawl, kind: CrawlIssueKind): CrawlIssue {
  const issue = crawl.issues?.find((i) => i.kind === kind);
  expect(issue, `no "${kind}" issue among ${JSON.stringify(crawl.issues ?? [])}`).toBeDefined();
  return issue!;
}

/** The fault did not stop the crawl: the home page and every good page were read. */
function expectGoodPagesRead(crawl: SchoolCrawl, s: HostileSchool): void {
  expect(crawl.reachable).toBe(true);
  expect(crawl.error).toBeNull();
  for (const [path, title] of Object.entries(GOOD_PAGES)) {
    const page = pageAt(crawl, new URL(path, s.url).href);
    expect(page.status).toBe(200);
    expect(page.error).toBeUndefined();
    expect(page.title).toBe(title);
  }
}

/** A bilingual message: Vietnamese with its diacritics, and English. */
function expectBilingual(issue: CrawlIssue): void {
  expect(issue.message.vi).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
  expect(issue.message.en).toMatch(/[a-z]{3}/i);
  expect(issue.message.en).not.toBe(issue.message.vi);
}

describe('crawling a hostile school, one fault at a time', () => {
  it('gives up on a page slower than the timeout after a bounded number of tries and reports it slow', async () => {
    const s = await hostile('slow');
    const crawl = await crawlOf(s);
    expectGoodPagesRead(crawl, s);
    expect(pageAt(crawl, s.faultUrl).error).toMatch(/Máy chủ không trả lời kịp thời \/ No answer in time/);
    expect(s.count('/lich-cong-tac')).toBeGreaterThanOrEqual(1);
    expect(s.count('/lich-cong-tac')).toBeLessThanOrEqual(3); // 1 + the default 2 retries
    const slow = issueOf(crawl, 'slow');
    expect(slow.urls).toContain(s.faultUrl);
    expectBilingual(slow);
  });

  it('retries 500 and 502 answers a bounded number of times and reports the server errors', async () => {
    const s = await hostile('server-errors');
    const crawl = await crawlOf(s);
    expectGoodPagesRead(crawl, s);
    expect(pageAt(crawl, s.faultUrl)).toMatchObject({ status: 500, error: expect.stringMatching(/HTTP 500/) });
    for (const path of ['/tin-tuc', '/thong-bao']) {
      expect(s.count(path), `requests to ${path}`).toBeGreaterThanOrEqual(2); // transient: retried
      expect(s.count(path), `requests to ${path}`).toBeLessThanOrEqual(3); // and bounded
    }
    const errors = issueOf(crawl, 'server-errors');
    expect(errors.urls).toEqual(expect.arrayContaining([s.faultUrl, new URL('/thong-bao', s.url).href]));
    expectBilingual(errors);
  });

  it('waits out a 429 for its Retry-After, then reads the page and reports the rate limit', async () => {
    const s = await hostile('rate-limited');
    const crawl = await crawlOf(s);
    expectGoodPagesRead(crawl, s);
    const tries = s.requests.filter((r) => r.path === '/thoi-khoa-bieu');
    expect(tries).toHaveLength(2);
    // Retry-After: 1 — the second request no earlier than a second after the first (timer granularity aside)
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(990);
    expect(pageAt(crawl, s.faultUrl)).toMatchObject({ status: 200, title: 'Thời khóa biểu' });
    expect(pageAt(crawl, s.faultUrl).error).toBeUndefined();
    const limited = issueOf(crawl, 'rate-limited');
    expect(limited.urls).toContain(s.faultUrl);
    expectBilingual(limited);
  });

  it('stops an endless calendar early and names it as a trap', async () => {
    const s = await hostile('endless-calendar');
    const crawl = await crawlOf(s);
    expectGoodPagesRead(crawl, s);
    expect(s.count('/lich?')).toBeGreaterThan(1);
    expect(s.count('/lich?')).toBeLessThan(40);
    const trap = issueOf(crawl, 'trap');
    expect(trap.urls.length).toBeGreaterThan(0);
    for (const url of trap.urls) expect(new URL(url).pathname).toBe('/lich');
    expectBilingual(trap);
  });

  it('stops paths that repeat their own segments and names them as a trap', async () => {
    const s = await hostile('repeating-paths');
    const crawl = await crawlOf(s);
    expectGoodPagesRead(crawl, s);
    expect(s.count('/tai-lieu/van-ban/tai-lieu/van-ban/')).toBeGreaterThan(0);
    expect(s.count('/tai-lieu/')).toBeLessThan(40);
    const trap = issueOf(crawl, 'trap');
    expect(trap.urls.length).toBeGreaterThan(0);
    for (const url of trap.urls) expect(new URL(url).pathname).toMatch(/^(\/tai-lieu\/van-ban)+\/$/);
    expectBilingual(trap);
  });

  it('cuts a 60 MB page at the body cap without downloading it and flags it truncated', async () => {
    const s = await hostile('huge-page');
    const crawl = await crawlOf(s);
    expectGoodPagesRead(crawl, s);
    const page = pageAt(crawl, s.faultUrl);
    expect(page).toMatchObject({ status: 200, title: 'Thư viện ảnh', truncated: true });
    // the cap is 1 MB: what left the server is that plus socket buffers, far from 60 MB
    expect(s.hugeBytesSent).toBeLessThan(HUGE_PAGE_BYTES / 4);
    expect(s.count('/album-anh')).toBe(1);
    const truncated = issueOf(crawl, 'truncated');
    expect(truncated.urls).toContain(s.faultUrl);
    expectBilingual(truncated);
  });

  it('detects a redirect loop between two pages without going round it again and again', async () => {
    const s = await hostile('redirect-loop');
    const crawl = await crawlOf(s);
    expectGoodPagesRead(crawl, s);
    expect(pageAt(crawl, s.faultUrl).error).toMatch(/Chuyển hướng vòng lặp \/ Redirect loop/);
    expect(s.count(/^\/gioi-thieu(-truong)?$/)).toBeLessThanOrEqual(6);
    const redirects = issueOf(crawl, 'redirects');
    expect(redirects.urls.some((u) => /\/gioi-thieu(-truong)?$/.test(u))).toBe(true);
    expectBilingual(redirects);
  });

  it('records a connection reset in the middle of a body as the page\'s error, after bounded retries', async () => {
    const s = await hostile('reset');
    const crawl = await crawlOf(s);
    expectGoodPagesRead(crawl, s);
    expect(pageAt(crawl, s.faultUrl).error).toMatch(/Máy chủ ngắt kết nối giữa chừng \/ Connection closed by the server/);
    expect(s.count('/doi-ngu')).toBeGreaterThanOrEqual(1);
    expect(s.count('/doi-ngu')).toBeLessThanOrEqual(4);
  });

  it('says binary garbage served as text/html is not an HTML document and reads the rest of the site', async () => {
    const s = await hostile('garbage');
    const crawl = await crawlOf(s);
    expectGoodPagesRead(crawl, s);
    expect(pageAt(crawl, s.faultUrl).error).toMatch(/not an HTML document \(không phải trang HTML\)/);
  });

  it('reads a windows-1258 page\'s Vietnamese title right, with no issue', async () => {
    const s = await hostile('windows-1258');
    const crawl = await crawlOf(s);
    expectGoodPagesRead(crawl, s);
    expect(pageAt(crawl, s.faultUrl)).toMatchObject({ status: 200, title: WINDOWS_1258_TITLE });
    expect(crawl.pages.filter((p) => p.error)).toEqual([]);
    expect(crawl.issues ?? []).toEqual([]);
  });

  it('refuses a self-signed certificate: the site is unreachable, with the reason, and never asked again', async () => {
    const s = await hostile('self-signed');
    const crawl = await crawlOf(s);
    expect(crawl.reachable).toBe(false);
    expect(crawl.error).toMatch(/Chứng chỉ không hợp lệ \(HTTPS\) \/ Invalid HTTPS certificate/);
    expect(s.requests).toEqual([]); // no HTTP request ever got past the handshake
  });

  it('with insecure, reads past a self-signed certificate and still reports it', async () => {
    const s = await hostile('self-signed');
    const crawl = await crawlOf(s, { insecure: true });
    expectGoodPagesRead(crawl, s);
    const tls = issueOf(crawl, 'tls');
    expect(tls.severity).toBe('warn');
    expect(tls.message.vi).toMatch(/[Cc]hứng chỉ/);
    expect(tls.message.en).toMatch(/certificate/i);
  });

  it('reports a home page that redirects in a circle as a redirect loop, after a few requests', async () => {
    const s = await hostile('home-redirect-loop');
    const crawl = await crawlOf(s);
    expect(crawl.reachable).toBe(false);
    expect(crawl.error).toMatch(/Chuyển hướng vòng lặp \/ Redirect loop/);
    expect(s.requests.length).toBeLessThanOrEqual(10);
  });

  it('reports a home page of binary garbage as not an HTML page', async () => {
    const s = await hostile('home-garbage');
    const crawl = await crawlOf(s);
    expect(crawl.reachable).toBe(false);
    expect(crawl.error).toMatch(/Trang chủ không phải trang HTML \/ Home page is not an HTML page/);
  });
});

describe('the whole hostile district at once, next to a good portal', () => {
  /** What a neighbour's crawl is made of, in a stable order. */
  const outline = (crawl: SchoolCrawl) =>
    crawl.pages.map((p) => ({ url: p.url, status: p.status, title: p.title, error: p.error ?? null })).sort((a, b) => (a.url < b.url ? -1 : 1));

  it('leaves the neighbour\'s pages exactly as when it is crawled alone; every fault school ends, with no Node warning', async () => {
    const asOf = '2026-10-30T15:00:00+07:00';
    opened.fixtures = await startFixtureServer({ anchor: parseInstant(asOf), portals: ['thcs-sen-hong'] });
    const p = opened.fixtures.portals[0]!;
    const neighbour = school(p.url, { id: p.id, name: p.name, level: 'THCS' });

    const alone = await crawler(FAST).crawlSchool(neighbour);
    expect(alone.reachable).toBe(true);

    opened.district = await startHostileDistrict(HOSTILE);
    const c = crawler(FAST);
    // fourteen schools at once: a district run must not make Node warn (e.g. of a listener leak)
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    const t0 = Date.now();
    const [together, ...faulty] = await Promise.all([
      c.crawlSchool(neighbour),
      ...opened.district.schools.map((s) => c.crawlSchool(school(s.url, { id: s.id, name: s.name, level: 'TH' }))),
    ]).finally(() => process.off('warning', onWarning));
    expect(Date.now() - t0).toBeLessThan(60_000); // a hang guard, not a speed test
    expect(outline(together!)).toEqual(outline(alone));
    expect(together!.issues ?? []).toEqual(alone.issues ?? []);
    expect(faulty.map((f) => f.school.id)).toEqual(FAULTS.map((f) => opened.district!.school(f).id));
    expect(faulty.filter((f) => f.reachable).length).toBe(FAULTS.length - 3); // the three home-level faults
    expect(warnings).toEqual([]);
  }, 120_000);
});
