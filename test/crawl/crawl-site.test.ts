import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { CrawlProgress } from '../../src/crawl/crawler.js';
import { page, pagePaths, redirect, school, type Route } from './helpers/portal-server.js';
import { closeAfterEach, crawler, portal } from './helpers/session.js';

closeAfterEach();

describe('crawling one school site', () => {
  it('follows same-site links and never a link to another port of 127.0.0.1', async () => {
    const other = await portal({ '/': page('Trang khác'), '/tin-tuc': page('Tin ngoài') });
    const site = await portal({
      '/': page('Trang chủ', ['/gioi-thieu', `${other.origin}/tin-tuc`, `${other.origin}/`]),
      '/gioi-thieu': page('Giới thiệu', ['/']),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.reachable).toBe(true);
    expect(crawl.error).toBeNull();
    expect(pagePaths(crawl.pages)).toEqual(['/', '/gioi-thieu']);
    expect(other.requests).toHaveLength(0);
    expect(crawl.pages.find((p) => p.url.endsWith('/gioi-thieu'))?.title).toBe('Giới thiệu');
  });

  it('treats www and no www, http and https of one page as one site and one page', async () => {
    const hosts = { 'thcs-thu-nghiem.test': '127.0.0.1', 'www.thcs-thu-nghiem.test': '127.0.0.1' };
    // absolute links, as school CMSs write them, to both host names and both schemes
    const at = (req: IncomingMessage, path: string, host: string, scheme = 'http'): string =>
      `${scheme}://${host}:${req.socket.localPort}${path}`;
    const site = await portal({
      '/': (req) =>
        page('Trang chủ', [at(req, '/lich-cong-tac', 'thcs-thu-nghiem.test'), at(req, '/lich-cong-tac', 'www.thcs-thu-nghiem.test')]),
      '/lich-cong-tac': (req) =>
        page('Lịch công tác', [
          at(req, '/thuc-don', 'www.thcs-thu-nghiem.test'),
          at(req, '/thuc-don', 'thcs-thu-nghiem.test', 'https'), // the same page over https: one page
        ]),
      '/thuc-don': page('Thực đơn'),
    });
    const crawl = await crawler({ hosts }).crawlSchool(school(site.url('/', 'www.thcs-thu-nghiem.test')));
    expect(crawl.reachable).toBe(true);
    expect(pagePaths(crawl.pages)).toEqual(['/', '/lich-cong-tac', '/thuc-don']);
    expect(site.count('/lich-cong-tac')).toBe(1);
    expect(site.count('/thuc-don')).toBe(1);
    // a page keeps the scheme and host it was first seen under
    expect(crawl.pages.find((p) => p.url.endsWith('/lich-cong-tac'))?.url).toBe(site.url('/lich-cong-tac', 'thcs-thu-nghiem.test'));
    expect(crawl.pages.find((p) => p.url.endsWith('/thuc-don'))?.url).toBe(site.url('/thuc-don', 'www.thcs-thu-nghiem.test'));
  });

  it('skips mailto, tel, javascript, login, search, RSS and calendar links', async () => {
    const site = await portal({
      '/': page('Trang chủ', [
        'mailto:c2thunghiem@longbien.edu.vn',
        'tel:02438271234',
        'javascript:void(0)',
        '/dang-nhap',
        '/Timkiem?tukhoa=thuc+don',
        '/rss',
        '/lich?month=10&year=2026',
        '/index6f31.html?page=login',
        '/thong-bao',
      ]),
      '/thong-bao': page('Thông báo'),
    });
    const crawl = await crawler({ robots: false, sitemaps: false }).crawlSchool(school(site.url('/')));
    expect(site.requests.map((r) => r.path).sort()).toEqual(['/', '/thong-bao']);
    expect(crawl.pages).toHaveLength(2);
  });

  it('fetches a Quảng Ích post once although it is linked as ct, ctmb, ctfull and without slug', async () => {
    const post = page('Thực đơn tuần 2 (từ ngày 14/9 đến ngày 18/9/2026)');
    const site = await portal({
      '/': page('Trang chủ', [
        '/thuc-don-tuan/thuc-don-tuan-2-tu-ngay-149-den-ngay-1892026/ct/109317/888995',
        '/thuc-don-tuan/thuc-don-tuan-2-tu-ngay-149-den-ngay-1892026/ctmb/109317/888995',
        '/thuc-don-tuan/thuc-don-tuan-2-tu-ngay-149-den-ngay-1892026/ctfull/109317/888995',
        '/thuc-don-tuan/ct/109317/888995#binh-luan',
      ]),
      '/thuc-don-tuan/thuc-don-tuan-2-tu-ngay-149-den-ngay-1892026/ct/109317/888995': post,
      '/thuc-don-tuan/thuc-don-tuan-2-tu-ngay-149-den-ngay-1892026/ctmb/109317/888995': post,
      '/thuc-don-tuan/thuc-don-tuan-2-tu-ngay-149-den-ngay-1892026/ctfull/109317/888995': post,
      '/thuc-don-tuan/ct/109317/888995': post,
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(site.requests.filter((r) => r.path.includes('888995'))).toHaveLength(1);
    const posts = crawl.pages.filter((p) => p.url.includes('888995'));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe(site.url('/thuc-don-tuan/ct/109317/888995'));
    // fetched as first linked, so the slug with the week's dates stays visible to the extractor
    expect(posts[0]!.finalUrl).toBe(site.url('/thuc-don-tuan/thuc-don-tuan-2-tu-ngay-149-den-ngay-1892026/ct/109317/888995'));
  });

  it('records a page answering 404 with its status and does not follow it', async () => {
    const site = await portal({ '/': page('Trang chủ', ['/co-cau-to-chuc/to-bao-ve.html']) });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    const missing = crawl.pages.find((p) => p.url.endsWith('/to-bao-ve.html'));
    expect(missing?.status).toBe(404);
    expect(missing?.links).toEqual([]);
    expect(missing?.error).toContain('HTTP 404');
    expect(crawl.stats.errors).toBe(1);
    expect(crawl.reachable).toBe(true);
  });

  it('reports progress with the school id', async () => {
    const site = await portal({ '/': page('Trang chủ', ['/a', '/b']), '/a': page('A'), '/b': page('B') });
    const seen: CrawlProgress[] = [];
    await crawler().crawlSchool(school(site.url('/')), (p) => seen.push(p));
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((p) => p.schoolId === 'thcs-thu-nghiem')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ pages: 3, errors: 0 });
  });

  it('crawls start URLs and section URLs, a section URL even on another site', async () => {
    const district = await portal({ '/van-ban/truong-thcs': page('Văn bản trường', ['/van-ban/khac']) });
    const site = await portal({ '/': page('Trang chủ'), '/an/lich-cong-tac': page('Lịch công tác tuần') });
    const crawl = await crawler().crawlSchool(
      school(site.url('/'), {
        startUrls: [site.url('/an/lich-cong-tac')],
        sectionUrls: { 'van-ban-truong': [district.url('/van-ban/truong-thcs')] },
      }),
    );
    expect(crawl.pages.map((p) => p.url).sort()).toEqual(
      [site.url('/'), site.url('/an/lich-cong-tac'), district.url('/van-ban/truong-thcs')].sort(),
    );
    expect(crawl.pages.find((p) => p.url.endsWith('/truong-thcs'))?.depth).toBe(1);
    // the other site's own links are not followed
    expect(district.count('/van-ban/khac')).toBe(0);
  });
});

describe('redirects', () => {
  it('follows a redirect chain and records the final URL', async () => {
    const site = await portal({
      '/': page('Trang chủ', ['/gioi-thieu.aspx', '/gioi-thieu']),
      '/gioi-thieu.aspx': redirect('/Default.aspx?tabid=12', 301),
      '/Default.aspx?tabid=12': (req) => redirect(`http://${req.headers.host}/gioi-thieu`, 302),
      '/gioi-thieu': page('Giới thiệu chung'),
    });
    const crawl = await crawler({ perHost: 1 }).crawlSchool(school(site.url('/')));
    const intro = crawl.pages.find((p) => p.url === site.url('/gioi-thieu.aspx'));
    expect(intro).toBeDefined();
    expect(intro!.status).toBe(200);
    expect(intro!.finalUrl).toBe(site.url('/gioi-thieu'));
    expect(intro!.title).toBe('Giới thiệu chung');
    // reached through the redirect: not fetched a second time from its own link
    expect(site.count('/gioi-thieu')).toBe(1);
    expect(crawl.pages.filter((p) => p.title === 'Giới thiệu chung')).toHaveLength(1);
  });

  it('records a redirect to a page already read as a link to it, without fetching the page again', async () => {
    const site = await portal({
      '/': page('Trang chủ', ['/gioi-thieu', '/gioi-thieu.aspx']),
      '/gioi-thieu.aspx': redirect('/gioi-thieu', 301),
      '/gioi-thieu': page('Giới thiệu chung'),
    });
    const crawl = await crawler({ perHost: 1 }).crawlSchool(school(site.url('/')));
    expect(site.count('/gioi-thieu')).toBe(1);
    expect(crawl.pages.filter((p) => p.title === 'Giới thiệu chung')).toHaveLength(1);
    const moved = crawl.pages.find((p) => p.url === site.url('/gioi-thieu.aspx'));
    expect(moved).toMatchObject({ status: 301, finalUrl: site.url('/gioi-thieu'), links: [] });
    expect(moved?.error).toBeUndefined();
  });

  it('stops a redirect loop and records it', async () => {
    const site = await portal({
      '/': page('Trang chủ', ['/vong-a']),
      '/vong-a': redirect('/vong-b'),
      '/vong-b': redirect('/vong-a'),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    const loop = crawl.pages.find((p) => p.url.endsWith('/vong-a'));
    expect(loop?.status).toBe(302);
    expect(loop?.error).toMatch(/Chuyển hướng vòng lặp \/ Redirect loop/);
    expect(site.count('/vong-a')).toBe(1);
    expect(site.count('/vong-b')).toBe(1);
    expect(crawl.reachable).toBe(true);
  });

  it('gives up after 5 redirects', async () => {
    const routes: Record<string, Route> = { '/': page('Trang chủ', ['/r0']) };
    for (let i = 0; i < 10; i++) routes[`/r${i}`] = redirect(`/r${i + 1}`);
    const site = await portal(routes);
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.pages.find((p) => p.url.endsWith('/r0'))?.error).toMatch(/Too many redirects/);
    expect(site.requests.filter((r) => /^\/r\d/.test(r.path))).toHaveLength(6);
  });

  it('follows a moved home page to its new site and then crawls the new site', async () => {
    const hosts = { 'c2thunghiem.longbien.test': '127.0.0.1', 'thcs-thu-nghiem.longbien.test': '127.0.0.1' };
    const site = await portal({
      '/': (req) =>
        req.headers.host?.startsWith('c2thunghiem.')
          ? redirect(`http://thcs-thu-nghiem.longbien.test:${req.socket.localPort}/trang-chu`, 301)
          : page('?'),
      '/trang-chu': (req) =>
        page('Trang chủ mới', ['/hoat-dong-chung', `http://c2thunghiem.longbien.test:${req.socket.localPort}/gioi-thieu`]),
      '/hoat-dong-chung': page('Hoạt động chung'),
      // an old absolute link in a post: the old domain sends it on to the new one
      '/gioi-thieu': (req) =>
        req.headers.host?.startsWith('c2thunghiem.')
          ? redirect(`http://thcs-thu-nghiem.longbien.test:${req.socket.localPort}/gioi-thieu`, 301)
          : page('Giới thiệu'),
    });
    const crawl = await crawler({ hosts, perHost: 1 }).crawlSchool(school(site.url('/', 'c2thunghiem.longbien.test')));
    expect(crawl.reachable).toBe(true);
    expect(crawl.homeUrl).toBe(site.url('/trang-chu', 'thcs-thu-nghiem.longbien.test'));
    // The home page's facts are found under the home URL (judging looks it up there).
    expect(crawl.pages.find((p) => p.title === 'Trang chủ mới')!.url).toBe(crawl.homeUrl);
    expect(crawl.pages.map((p) => p.title)).toEqual(['Trang chủ mới', 'Hoạt động chung', 'Giới thiệu']);
  });

  it('does not follow a page that redirects to another site', async () => {
    const hosts = { 'thcs.longbien.test': '127.0.0.1', 'quangcao.test': '127.0.0.1' };
    const site = await portal({
      '/': page('Trang chủ', ['/lien-ket/facebook']),
      '/lien-ket/facebook': (req) => redirect(`http://quangcao.test:${req.socket.localPort}/`),
    });
    const crawl = await crawler({ hosts }).crawlSchool(school(site.url('/', 'thcs.longbien.test')));
    expect(site.requests.filter((r) => r.host.startsWith('quangcao.test'))).toHaveLength(0);
    const link = crawl.pages.find((p) => p.url.endsWith('/lien-ket/facebook'));
    expect(link?.status).toBe(302);
    expect(link?.error).toMatch(/Redirect to another site/);
    expect(crawl.stats.errors).toBe(0);
  });
});

describe('limits', () => {
  it('stops at the page limit, keeping the menu pages (breadth-first)', async () => {
    const site = await portal({
      '/': page('Trang chủ', ['/a', '/b', '/c']),
      '/a': page('A', ['/a/1', '/a/2']),
      '/b': page('B', ['/b/1']),
      '/c': page('C'),
      '/a/1': page('A1'),
      '/a/2': page('A2'),
      '/b/1': page('B1'),
    });
    const crawl = await crawler({ perHost: 1 }).crawlSchool(school(site.url('/'), { maxPages: 4 }));
    expect(pagePaths(crawl.pages)).toEqual(['/', '/a', '/b', '/c']);
    expect(crawl.stats.pageLimitReached).toBe(true);
    expect(crawl.stats.pages).toBe(4);
  });

  it('does not flag the page limit when the site has no more pages', async () => {
    const site = await portal({ '/': page('Trang chủ', ['/a']), '/a': page('A') });
    const crawl = await crawler().crawlSchool(school(site.url('/'), { maxPages: 2 }));
    expect(crawl.stats.pageLimitReached).toBe(false);
  });

  it('stops at the depth limit and records each page depth', async () => {
    const site = await portal({
      '/': page('Trang chủ', ['/d1']),
      '/d1': page('D1', ['/d2']),
      '/d2': page('D2', ['/d3']),
      '/d3': page('D3'),
    });
    const crawl = await crawler({ maxDepth: 2 }).crawlSchool(school(site.url('/')));
    expect(crawl.pages.map((p) => [new URL(p.url).pathname, p.depth])).toEqual([
      ['/', 0],
      ['/d1', 1],
      ['/d2', 2],
    ]);
    expect(site.count('/d3')).toBe(0);
  });

  it('lets the school configuration override the page and depth limits', async () => {
    const site = await portal({ '/': page('Trang chủ', ['/d1']), '/d1': page('D1', ['/d2']), '/d2': page('D2') });
    const crawl = await crawler({ maxDepth: 5, maxPages: 300 }).crawlSchool(school(site.url('/'), { maxDepth: 1 }));
    expect(pagePaths(crawl.pages)).toEqual(['/', '/d1']);
  });

  it('counts requests, pages and bytes', async () => {
    const site = await portal({ '/': page('Trang chủ', ['/a', '/moved']), '/a': page('A'), '/moved': redirect('/a2'), '/a2': page('A2') });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.stats.requests).toBe(site.requests.length);
    expect(crawl.stats.requests).toBe(6); // with /robots.txt and /sitemap.xml
    expect(crawl.stats.pages).toBe(3);
    expect(crawl.stats.bytes).toBeGreaterThan(300);
    expect(crawl.stats.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(crawl.finishedAt)).toBeGreaterThanOrEqual(Date.parse(crawl.startedAt));
  });
});
