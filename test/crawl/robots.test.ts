import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../src/crawl/fetcher.js';
import { createRequestLimiter } from '../../src/crawl/limiter.js';
import { MAX_CRAWL_DELAY_MS, parseRobots } from '../../src/crawl/robots.js';
import { runSchoolCrawl, type SchoolRunSettings } from '../../src/crawl/school-run.js';
import type { SchoolConfig } from '../../src/types.js';
import { page, pagePaths, school } from './helpers/portal-server.js';
import { closeAfterEach, crawler, portal } from './helpers/session.js';

closeAfterEach();

const text = (body: string) => ({ headers: { 'content-type': 'text/plain' }, body });

describe('parseRobots', () => {
  const robots = parseRobots(
    'https://x.edu.vn/robots.txt',
    [
      'User-agent: *',
      'Disallow: /',
      '',
      'User-agent: portal-audit',
      'Disallow: /quan-tri/',
      'Allow: /quan-tri/cong-khai',
      'Crawl-delay: 2.5',
      'Sitemap: https://x.edu.vn/sitemap-index.xml',
    ].join('\n'),
  );

  it('reads the group of our token rather than *', () => {
    expect(robots.allows('https://x.edu.vn/tin-tuc')).toBe(true);
    expect(robots.allows('https://x.edu.vn/quan-tri/nguoi-dung')).toBe(false);
    expect(robots.allows('https://x.edu.vn/quan-tri/cong-khai/2026')).toBe(true);
    expect(robots.crawlDelayMs).toBe(2500);
    expect(robots.sitemaps).toEqual(['https://x.edu.vn/sitemap-index.xml']);
  });

  it('applies the rules to the other scheme and to www of the same site', () => {
    expect(robots.allows('http://www.x.edu.vn/quan-tri/nguoi-dung?id=3')).toBe(false);
    expect(robots.allows('http://www.x.edu.vn/gioi-thieu')).toBe(true);
  });

  it('falls back to the * group and caps a long Crawl-delay', () => {
    const other = parseRobots('http://y.edu.vn/robots.txt', 'User-agent: *\nDisallow: /admin\nCrawl-delay: 120\n');
    expect(other.allows('http://y.edu.vn/admin/login')).toBe(false);
    expect(other.allows('http://y.edu.vn/')).toBe(true);
    expect(other.crawlDelayMs).toBe(MAX_CRAWL_DELAY_MS);
  });

  it('allows everything for garbage', () => {
    const junk = parseRobots('http://y.edu.vn/robots.txt', '<html><body>Không tìm thấy</body></html>\u0000\u0001');
    expect(junk.allows('http://y.edu.vn/a')).toBe(true);
    expect(junk.crawlDelayMs).toBe(0);
  });
});

describe('robots.txt in a crawl', () => {
  it('does not fetch disallowed links and reports them as an info issue with examples', async () => {
    const site = await portal({
      '/robots.txt': text('User-agent: *\nDisallow: /noi-bo/\n'),
      '/': page('Trang chủ', ['/tin-tuc', '/noi-bo/ho-so', '/noi-bo/luong']),
      '/tin-tuc': page('Tin tức', ['/noi-bo/ho-so']),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(pagePaths(crawl.pages)).toEqual(['/', '/tin-tuc']);
    expect(site.requests.filter((r) => r.path.startsWith('/noi-bo'))).toEqual([]);
    expect(site.count('/robots.txt')).toBe(1);
    expect(crawl.issues?.find((i) => i.kind === 'robots')).toEqual({
      kind: 'robots',
      severity: 'info',
      message: { vi: 'robots.txt chặn 2 liên kết, không đọc', en: 'robots.txt disallows 2 links, not read' },
      urls: [site.url('/noi-bo/ho-so'), site.url('/noi-bo/luong')],
      count: 2,
    });
  });

  it('still reads the home page and the configured pages of a site closed to us, and warns', async () => {
    const site = await portal({
      '/robots.txt': text('User-agent: portal-audit\nDisallow: /\n\nUser-agent: *\nAllow: /\n'),
      '/': page('Trang chủ', ['/tin-tuc', '/gioi-thieu']),
      '/lich-cong-tac': page('Lịch công tác'),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/'), { sectionUrls: { 'lich-cong-tac': [site.url('/lich-cong-tac')] } }));
    expect(crawl.reachable).toBe(true);
    expect(pagePaths(crawl.pages)).toEqual(['/', '/lich-cong-tac']);
    expect(site.count('/sitemap.xml')).toBe(0); // sitemaps are pages of the site too
    const issue = crawl.issues?.find((i) => i.kind === 'robots');
    expect(issue).toMatchObject({ severity: 'warn', count: 2 });
    expect(issue!.message.en).toMatch(/closes the whole site/);
    expect(issue!.message.vi).toMatch(/^robots\.txt chặn toàn bộ trang web/);
  });

  it.each([
    [404, 'none'],
    [500, 'a server error'],
  ])('follows every link when robots.txt answers %i (%s)', async (status) => {
    const site = await portal({
      '/robots.txt': { status, body: 'Disallow: /' },
      '/': page('Trang chủ', ['/tin-tuc']),
      '/tin-tuc': page('Tin tức'),
    });
    const crawl = await crawler({ retries: 0 }).crawlSchool(school(site.url('/')));
    expect(pagePaths(crawl.pages)).toEqual(['/', '/tin-tuc']);
    expect(crawl.issues?.filter((i) => i.kind === 'robots')).toEqual([]);
  });

  it('with robots off (--ignore-robots), neither reads robots.txt nor obeys it', async () => {
    const site = await portal({
      '/robots.txt': text('User-agent: *\nDisallow: /\n'),
      '/': page('Trang chủ', ['/tin-tuc']),
      '/tin-tuc': page('Tin tức'),
    });
    const crawl = await crawler({ robots: false }).crawlSchool(school(site.url('/')));
    expect(pagePaths(crawl.pages)).toEqual(['/', '/tin-tuc']);
    expect(site.count('/robots.txt')).toBe(0);
  });
});

describe('Crawl-delay', () => {
  const clients: HttpClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  function run(http: HttpClient, s: SchoolConfig, extra: Partial<SchoolRunSettings> = {}) {
    return runSchoolCrawl(
      { http, maxPages: 20, maxDepth: 5, maxBodyBytes: 1_000_000, maxAttachmentProbes: 0, workers: 2, closing: new AbortController().signal, ...extra },
      s,
    );
  }

  it('sets the site delay of the site the home page landed on', async () => {
    const site = await portal({
      '/robots.txt': text('User-agent: *\nCrawl-delay: 0.2\n'),
      '/': { status: 301, headers: { location: '/trang-chu' } },
      '/trang-chu': page('Trang chủ'),
    });
    const real = createHttpClient({ userAgent: 'portal-audit/1.0', timeoutMs: 5_000, maxBodyBytes: 1_000_000, limiter: createRequestLimiter(4, 2), perSite: 2 });
    clients.push(real);
    const delays: [string, number][] = [];
    const http: HttpClient = { ...real, setSiteDelay: (url, ms) => (delays.push([url, ms]), real.setSiteDelay(url, ms)) };
    const crawl = await run(http, school(site.url('/')), { sitemaps: false });
    expect(crawl.reachable).toBe(true);
    expect(delays).toEqual([[site.url('/trang-chu'), 200]]);
  });
});
