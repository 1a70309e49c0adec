import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseSitemap } from '../../src/crawl/sitemaps.js';
import { page, pagePaths, school, type Route } from './helpers/portal-server.js';
import { closeAfterEach, crawler, portal } from './helpers/session.js';

closeAfterEach();

const xml = (body: string | Buffer) => ({ headers: { 'content-type': 'application/xml' }, body });
const urlset = (locs: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((l) => `<url><loc>${l}</loc><lastmod>2026-10-27T08:15:00+07:00</lastmod></url>`)
    .join('\n')}</urlset>`;
const index = (locs: string[]) =>
  `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((l) => `<sitemap><loc>${l}</loc></sitemap>`)
    .join('')}</sitemapindex>`;

describe('parseSitemap', () => {
  it('reads the locs of a urlset, with entities and CDATA', () => {
    const parsed = parseSitemap(
      urlset(['https://x.edu.vn/tin-tuc?cat=1&amp;page=2', '<![CDATA[https://x.edu.vn/gioi-thieu]]>', 'mailto:a@x.edu.vn', 'not a url']),
    );
    expect(parsed).toEqual({ kind: 'urlset', locs: ['https://x.edu.vn/tin-tuc?cat=1&page=2', 'https://x.edu.vn/gioi-thieu'] });
  });

  it('tells a sitemap index apart', () => {
    expect(parseSitemap(index(['https://x.edu.vn/sitemap-1.xml']))).toEqual({ kind: 'index', locs: ['https://x.edu.vn/sitemap-1.xml'] });
  });

  it('gives nothing for garbage, HTML or a cut file', () => {
    expect(parseSitemap('\u0000\u0001garbage<<<').locs).toEqual([]);
    expect(parseSitemap('<html><body><a href="/a">a</a></body></html>').locs).toEqual([]);
    const full = urlset(['https://x.edu.vn/a', 'https://x.edu.vn/b']);
    expect(parseSitemap(full.slice(0, full.lastIndexOf('</loc>') - 3)).locs).toEqual(['https://x.edu.vn/a']);
  });
});

describe('sitemaps in a crawl', () => {
  it('reads /sitemap.xml and crawls the pages no menu links to', async () => {
    const site = await portal({
      '/': page('Trang chủ', ['/tin-tuc']),
      '/tin-tuc': page('Tin tức'),
      '/sitemap.xml': (req) => xml(urlset([`http://${req.headers.host}/tin-tuc`, `http://${req.headers.host}/cong-khai`])),
      '/cong-khai': page('Công khai'),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(pagePaths(crawl.pages)).toEqual(['/', '/cong-khai', '/tin-tuc']);
    expect(crawl.pages.find((p) => p.url.endsWith('/cong-khai'))?.depth).toBe(2);
    expect(site.count('/tin-tuc')).toBe(1);
  });

  it('follows the Sitemap: lines of robots.txt and one level of index, gzipped or not, on the site only', async () => {
    const other = await portal({ '/lac-de': page('Lạc đề') });
    const site = await portal({
      '/robots.txt': (req) => ({ headers: { 'content-type': 'text/plain' }, body: `Sitemap: http://${req.headers.host}/sitemap_index.xml\n` }),
      '/': page('Trang chủ'),
      '/sitemap_index.xml': (req) =>
        xml(index([`http://${req.headers.host}/post-sitemap.xml.gz`, `http://${req.headers.host}/page-sitemap.xml`, `${other.origin}/sitemap.xml`])),
      '/post-sitemap.xml.gz': (req) => ({
        headers: { 'content-type': 'application/x-gzip' },
        body: gzipSync(urlset([`http://${req.headers.host}/bai-viet-1`, `${other.origin}/lac-de`])),
      }),
      '/page-sitemap.xml': (req) => xml(index([`http://${req.headers.host}/sau-hon.xml`]) + urlset([`http://${req.headers.host}/gioi-thieu`])),
      '/bai-viet-1': page('Bài viết 1'),
      '/gioi-thieu': page('Giới thiệu'),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    // page-sitemap.xml is itself an index inside the index: not followed deeper
    expect(pagePaths(crawl.pages)).toEqual(['/', '/bai-viet-1']);
    expect(site.count('/sitemap.xml')).toBe(0);
    expect(site.count('/sau-hon.xml')).toBe(0);
    expect(other.requests).toEqual([]);
  });

  it('keeps the menu pages first when the sitemap lists more pages than the limit', async () => {
    const routes: Record<string, Route> = {
      '/': page('Trang chủ', ['/a', '/b']),
      '/a': page('A', ['/a/1', '/a/2']),
      '/b': page('B'),
      '/a/1': page('A1'),
      '/a/2': page('A2'),
      '/sitemap.xml': (req) => xml(urlset(Array.from({ length: 50 }, (_, i) => `http://${req.headers.host}/cu/${i}`))),
      // pages that answer: error pages would not count against the limit
      ...Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`/cu/${i}`, page(`Cũ ${i}`)])),
    };
    const site = await portal(routes);
    const crawl = await crawler({ maxPages: 5 }).crawlSchool(school(site.url('/')));
    expect(pagePaths(crawl.pages)).toEqual(['/', '/a', '/a/1', '/a/2', '/b']);
    expect(crawl.stats.pageLimitReached).toBe(true);
  });

  it('obeys robots.txt for the pages a sitemap lists, and ignores a garbage sitemap quietly', async () => {
    const site = await portal({
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /noi-bo\n' },
      '/': page('Trang chủ'),
      '/sitemap.xml': (req) => xml(urlset([`http://${req.headers.host}/noi-bo/luong`, `http://${req.headers.host}/tin`])),
      '/tin': page('Tin'),
    });
    const c = crawler();
    const crawl = await c.crawlSchool(school(site.url('/')));
    expect(pagePaths(crawl.pages)).toEqual(['/', '/tin']);
    expect(crawl.issues?.find((i) => i.kind === 'robots')?.urls).toEqual([site.url('/noi-bo/luong')]);

    const junk = await portal({ '/': page('Trang chủ'), '/sitemap.xml': xml(Buffer.from([0x1f, 0x8b, 1, 2, 3, 0, 0xff])) });
    const quiet = await c.crawlSchool(school(junk.url('/')));
    expect(quiet.reachable).toBe(true);
    expect(pagePaths(quiet.pages)).toEqual(['/']);
  });

  it('with sitemaps off, reads none', async () => {
    const site = await portal({ '/': page('Trang chủ'), '/sitemap.xml': (req) => xml(urlset([`http://${req.headers.host}/an`])), '/an': page('Ẩn') });
    const crawl = await crawler({ sitemaps: false }).crawlSchool(school(site.url('/')));
    expect(pagePaths(crawl.pages)).toEqual(['/']);
    expect(site.count('/sitemap.xml')).toBe(0);
  });
});
