import { describe, expect, it } from 'vitest';
import { buildCrawlIssues, CrawlNotes, type IssueContext } from '../../src/crawl/issues.js';
import { FetchError, type FetchResult } from '../../src/crawl/fetcher.js';
import type { CrawlStats } from '../../src/types.js';
import { html, startRawServer } from './helpers/raw-server.js';
import { page, redirect, school } from './helpers/portal-server.js';
import { closeAfterEach, crawler, portal } from './helpers/session.js';

closeAfterEach();

const stats = (over: Partial<CrawlStats> = {}): CrawlStats => ({ requests: 10, pages: 8, bytes: 1000, errors: 0, pageLimitReached: false, durationMs: 5, ...over });
const ctx = (over: Partial<IssueContext> = {}): IssueContext => ({
  stats: stats(),
  maxPages: 300,
  maxBodyBytes: 10 * 1024 * 1024,
  queued: 0,
  traps: [],
  robotsClosedSite: false,
  ...over,
});
const answer = (url: string, status: number, over: Partial<NonNullable<FetchResult['answer']>> = {}): FetchResult => ({
  answer: { url, status, contentType: 'text/html', truncated: false, bytes: 10, ...over },
  hops: [],
  finalUrl: url,
  retries: 0,
});
const failed = (url: string, failure: FetchError): FetchResult => ({ hops: [], finalUrl: url, failure, retries: 0 });

describe('buildCrawlIssues', () => {
  it('gives no issue for a crawl that met nothing', () => {
    const notes = new CrawlNotes();
    notes.page('http://x.edu.vn/', answer('http://x.edu.vn/', 200));
    expect(buildCrawlIssues(notes, ctx(), true)).toEqual([]);
  });

  it('counts each fault with at most 5 example URLs and names it in both languages', () => {
    const notes = new CrawlNotes();
    for (let i = 0; i < 7; i++) notes.page(`http://x.edu.vn/${i}`, answer(`http://x.edu.vn/${i}`, 503));
    notes.page('http://x.edu.vn/to', answer('http://x.edu.vn/to', 200, { truncated: true }));
    notes.page('http://x.edu.vn/cham', failed('http://x.edu.vn/cham', new FetchError('timeout', '15 s')));
    notes.page('http://x.edu.vn/vong', failed('http://x.edu.vn/vong', new FetchError('redirect-loop', 'http://x.edu.vn/vong2')));
    notes.page('http://x.edu.vn/noi-bo', failed('http://10.0.0.5/', new FetchError('private-address', '10.0.0.5')));
    const issues = buildCrawlIssues(notes, ctx({ maxBodyBytes: 10 * 1024 }), true);
    expect(issues.map((i) => [i.kind, i.severity, i.count])).toEqual([
      ['server-errors', 'warn', 7],
      ['slow', 'warn', 1],
      ['truncated', 'warn', 1],
      ['redirects', 'warn', 1],
      ['private-address', 'warn', 1],
    ]);
    const server = issues[0]!;
    expect(server.urls).toEqual([0, 1, 2, 3, 4].map((i) => `http://x.edu.vn/${i}`));
    expect(server.message).toEqual({ vi: 'Máy chủ trả lỗi 5xx (7 trang, ví dụ HTTP 503)', en: 'Server errors (7 pages, e.g. HTTP 503)' });
    expect(issues[2]!.message).toEqual({ vi: 'Trang HTML quá lớn, đã cắt ở 10 KB (1 trang)', en: 'HTML pages over 10 KB, cut (1 page)' });
    expect(issues[4]!.urls).toEqual(['http://10.0.0.5/']);
  });

  it('warns of a TLS fault even for an unreachable school, and of nothing else there', () => {
    const notes = new CrawlNotes();
    notes.page('https://x.edu.vn/', failed('https://x.edu.vn/', new FetchError('tls', 'CERT_HAS_EXPIRED')));
    notes.page('https://x.edu.vn/a', failed('https://x.edu.vn/a', new FetchError('timeout', '15 s')));
    expect(buildCrawlIssues(notes, ctx({ stats: stats({ pageLimitReached: true }) }), false)).toEqual([
      {
        kind: 'tls',
        severity: 'warn',
        message: { vi: 'Chứng chỉ không hợp lệ (CERT_HAS_EXPIRED)', en: 'Invalid certificate (CERT_HAS_EXPIRED)' },
        urls: ['https://x.edu.vn/'],
        count: 1,
      },
    ]);
  });

  it('tells a Retry-After that was honoured (info) from a 429 that stayed (warn)', () => {
    const honoured = new CrawlNotes();
    honoured.page('http://x.edu.vn/a', { ...answer('http://x.edu.vn/a', 200), retryAfterMs: 2000 });
    expect(buildCrawlIssues(honoured, ctx(), true)).toEqual([
      {
        kind: 'rate-limited',
        severity: 'info',
        message: {
          vi: 'Máy chủ yêu cầu đọc chậm lại (HTTP 429/503, Retry-After 2 s; 1 lần)',
          en: 'The server asked to slow down (HTTP 429/503, Retry-After 2 s; once)',
        },
        urls: ['http://x.edu.vn/a'],
        count: 1,
      },
    ]);
    const stayed = new CrawlNotes();
    stayed.page('http://x.edu.vn/a', answer('http://x.edu.vn/a', 429));
    expect(buildCrawlIssues(stayed, ctx(), true)[0]).toMatchObject({ kind: 'rate-limited', severity: 'warn' });
  });

  it('reports traps, the page limit and a site closed by robots.txt', () => {
    const notes = new CrawlNotes();
    notes.note('robots', 'http://x.edu.vn/a');
    const issues = buildCrawlIssues(
      notes,
      ctx({
        stats: stats({ pageLimitReached: true }),
        maxPages: 40,
        queued: 12,
        robotsClosedSite: true,
        traps: [{ rule: 'repeating-path', pattern: '…/a/…/a/…/a/…', skipped: 3, examples: ['http://x.edu.vn/a/b/a/b/a/'] }],
      }),
      true,
    );
    expect(issues.map((i) => [i.kind, i.severity])).toEqual([
      ['trap', 'warn'],
      ['page-limit', 'warn'],
      ['robots', 'warn'],
    ]);
    expect(issues[0]!.message).toEqual({
      vi: 'Bẫy liên kết vô tận: đường dẫn lặp lại cùng một đoạn (…/a/…/a/…/a/…) — đã bỏ qua 3 địa chỉ',
      en: 'Endless link trap: a path repeating the same segment (…/a/…/a/…/a/…) — 3 URLs skipped',
    });
    expect(issues[1]!.message).toEqual({
      vi: 'Đã đạt giới hạn 40 trang, còn 12 trang chưa đọc',
      en: 'The limit of 40 pages was reached with 12 pages left unread',
    });
  });
});

describe('crawl issues from real servers', () => {
  it('reports a 500 page after its retries and a 60 KB page cut at 10 KB, and the page limit', { timeout: 20_000 }, async () => {
    const big = `<html><head><title>Văn bản</title></head><body>${'<p>Thông báo số 12/TB-THCS về việc tổ chức kiểm tra.</p>'.repeat(1200)}</body></html>`;
    expect(big.length).toBeGreaterThan(60_000);
    const site = await portal({
      '/': page('Trang chủ', ['/loi', '/to', '/vong', '/a', '/b', '/c']),
      '/loi': { status: 500, body: 'Lỗi máy chủ' },
      '/to': { body: big },
      '/vong': redirect('/vong'),
      '/a': page('A'),
      '/b': page('B'),
      '/c': page('C'),
    });
    // error pages do not count against the limit: '/', '/to' and '/a' use it up
    const crawl = await crawler({ maxBodyBytes: 10 * 1024, retries: 1, maxPages: 3 }).crawlSchool(school(site.url('/')));
    expect(crawl.reachable).toBe(true);
    expect(site.count('/loi')).toBe(2);
    const byKind = new Map(crawl.issues!.map((i) => [i.kind, i]));
    expect(byKind.get('server-errors')).toMatchObject({ severity: 'warn', count: 1, urls: [site.url('/loi')] });
    expect(byKind.get('truncated')).toMatchObject({
      severity: 'warn',
      count: 1,
      urls: [site.url('/to')],
      message: { vi: 'Trang HTML quá lớn, đã cắt ở 10 KB (1 trang)', en: 'HTML pages over 10 KB, cut (1 page)' },
    });
    expect(byKind.get('redirects')).toMatchObject({ severity: 'warn', urls: [site.url('/vong')] });
    expect(byKind.get('page-limit')).toMatchObject({ severity: 'warn', count: 2 }); // /b and /c
  });

  it('reports an invalid certificate: a finding with --insecure, and with the error of an unreachable school without', { timeout: 20_000 }, async () => {
    const s = await startRawServer((req, res) => html(res, `Trang ${req.url}`), { tls: true });
    try {
      const lenient = crawler({ insecure: true });
      const insecure = await lenient.crawlSchool(school(`${s.origin}/`));
      await lenient.close();
      expect(insecure.reachable).toBe(true);
      expect(insecure.issues?.find((i) => i.kind === 'tls')).toMatchObject({
        severity: 'warn',
        message: { vi: 'Chứng chỉ không hợp lệ (DEPTH_ZERO_SELF_SIGNED_CERT)', en: 'Invalid certificate (DEPTH_ZERO_SELF_SIGNED_CERT)' },
        urls: [`${s.origin}/`],
      });
      const strict = await crawler().crawlSchool(school(`${s.origin}/`));
      expect(strict.reachable).toBe(false);
      expect(strict.error).toMatch(/Chứng chỉ không hợp lệ/);
      expect(strict.issues?.map((i) => i.kind)).toEqual(['tls']);
    } finally {
      await s.close();
    }
  });
});
