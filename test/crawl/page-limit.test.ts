/**
 * What the page limit is spent on: pages read, not dead links nor one page under many URLs; and the
 * newest items of a list are read before the limit hides them.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Frontier } from '../../src/crawl/frontier.js';
import { IgnoredParams } from '../../src/crawl/ignored-params.js';
import { familyKey } from '../../src/crawl/school-run.js';
import { page, pagePaths, school, startPortal, type Route } from './helpers/portal-server.js';
import { closeAfterEach, crawler, portal } from './helpers/session.js';

closeAfterEach();

/** A page whose links read as names, not as their URLs (as menus do). */
const named = (title: string, links: [string, string][], extra = '') =>
  page(title, [], `<ul>${links.map(([href, label]) => `<li><a href="${href}">${label}</a></li>`).join('')}</ul>${extra}`);

const read = <P extends { status: number; duplicateOf?: string; error?: string }>(pages: P[]) => pages.filter((p) => p.status === 200 && !p.duplicateOf && !p.error);

describe('the page limit counts pages read', () => {
  it('reads every real page although the dead links met first would have used up the limit', async () => {
    const dead = Array.from({ length: 9 }, (_, i) => `/cu/bai-${i}.html`);
    const site = await portal({
      '/': page('Trang chủ', [...dead, '/gioi-thieu', '/tin-tuc', '/lien-he']),
      '/gioi-thieu': page('Giới thiệu'),
      '/tin-tuc': page('Tin tức', ['/tin-tuc/1', '/tin-tuc/2']),
      '/tin-tuc/1': page('Tin 1'),
      '/tin-tuc/2': page('Tin 2'),
      '/lien-he': page('Liên hệ'),
    });
    const crawl = await crawler({ maxPages: 10 }).crawlSchool(school(site.url('/')));
    expect(pagePaths(read(crawl.pages))).toEqual(['/', '/gioi-thieu', '/lien-he', '/tin-tuc', '/tin-tuc/1', '/tin-tuc/2']);
    expect(crawl.pages.filter((p) => p.status === 404)).toHaveLength(9);
    expect(crawl.stats.pageLimitReached).toBe(false);
  });

  it('still ends on a site of dead links: past their own cap they count against the limit', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `/mat/${i}`);
    const site = await portal({ '/': page('Trang chủ', many) });
    const crawl = await crawler({ maxPages: 8 }).crawlSchool(school(site.url('/')));
    // the home page, 8 dead links free, then 7 more until the limit of 8 is used
    expect(crawl.pages.length).toBe(16);
    expect(crawl.stats.pageLimitReached).toBe(true);
  });
});

describe('one page under many URLs is read once', () => {
  it('follows a session id in every link without reading the same page again and again', async () => {
    // each page links to the others with a longer session id: a new URL for every page read
    const paths = ['/tin-tuc.aspx', '/thong-bao.aspx', '/van-ban.aspx', '/album.aspx'];
    const answer = (req: IncomingMessage) => {
      const u = new URL(req.url ?? '/', 'http://x');
      if (u.pathname !== '/' && !paths.includes(u.pathname)) return undefined;
      const sid = u.searchParams.get('sid') ?? '';
      return named(u.pathname, paths.map((p) => [`${p}?sid=${sid}7`, `Mục ${p}`]), `<p>Nội dung trang ${u.pathname}.</p>`);
    };
    const site = await startPortal({}, { fallback: answer });
    try {
      const crawl = await crawler({ maxPages: 50, maxDepth: 8 }).crawlSchool(school(site.url('/')));
      expect(pagePaths(read(crawl.pages))).toEqual(['/', '/album.aspx?sid=7', '/thong-bao.aspx?sid=7', '/tin-tuc.aspx?sid=7', '/van-ban.aspx?sid=7']);
      const repeats = crawl.pages.filter((p) => p.duplicateOf);
      expect(repeats.length).toBeGreaterThan(0);
      expect(repeats.every((p) => p.duplicateOf!.endsWith('sid=7'))).toBe(true);
      // each family stops after three repeats (a few more may be in flight): the depth limit alone would allow 1 + 4 × 8
      expect(site.requests.filter((r) => r.path !== '/robots.txt' && r.path !== '/sitemap.xml').length).toBeLessThanOrEqual(1 + 4 + 4 * 4);
      expect(crawl.issues?.find((i) => i.kind === 'duplicates')).toMatchObject({ severity: 'info' });
      expect(crawl.stats.pageLimitReached).toBe(false);
    } finally {
      await site.close();
    }
  });

  it('stops a pager whose "next" link never ends on the same list', async () => {
    const list = (req: IncomingMessage) => {
      const n = new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '';
      return named('Tin tức', [[`/tin-tuc?page=${n}1`, 'Trang sau »']], '<ul><li>Bài một</li><li>Bài hai</li></ul>');
    };
    const pages: Record<string, Route> = { '/': page('Trang chủ', ['/tin-tuc?page=1']) };
    for (let n = '1'; n.length <= 8; n += '1') pages[`/tin-tuc?page=${n}`] = list;
    const site = await portal(pages);
    const crawl = await crawler({ maxPages: 50, maxDepth: 10 }).crawlSchool(school(site.url('/')));
    expect(pagePaths(read(crawl.pages))).toEqual(['/', '/tin-tuc?page=1']);
    expect(site.count('/tin-tuc?page=11111')).toBe(0);
  });

  it('learns the parameters a site ignores: on a path at once, site-wide once two paths agree, page numbers never site-wide', () => {
    const p = new IgnoredParams();
    const u = (path: string) => `http://x.edu.vn${path}`;
    expect(p.learn(u('/tin-tuc.aspx?sid=7'), u('/tin-tuc.aspx?sid=77&sort=moi'))).toBe(true);
    expect(p.key(u('/tin-tuc.aspx?sid=777&sort=cu'))).toBe(p.key(u('/tin-tuc.aspx')));
    expect(p.key(u('/van-ban.aspx?sid=777'))).not.toBe(p.key(u('/van-ban.aspx')));
    p.learn(u('/album.aspx?sid=7'), u('/album.aspx?sid=77'));
    expect(p.siteWide()).toEqual(['sid']);
    expect(p.key(u('/van-ban.aspx?sid=777&id=3'))).toBe(p.key(u('/van-ban.aspx?id=3')));
    // a pager past the end on two lists: other lists may well have a page 2
    p.learn(u('/a.aspx?page=1'), u('/a.aspx?page=2'));
    p.learn(u('/b.aspx?page=1'), u('/b.aspx?page=2'));
    expect(p.siteWide()).toEqual(['sid']);
    expect(p.key(u('/c.aspx?page=2'))).not.toBe(p.key(u('/c.aspx')));
    expect(p.key(u('/a.aspx?page=9'))).toBe(p.key(u('/a.aspx')));
    // different paths teach nothing
    expect(p.learn(u('/x.aspx?id=1'), u('/y.aspx?id=2'))).toBe(false);
  });

  it('groups URLs by path and parameter names', () => {
    expect(familyKey('http://x.edu.vn/tin-tuc?page=2&sort=moi')).toBe(familyKey('http://x.edu.vn/tin-tuc?sort=cu&page=9'));
    expect(familyKey('http://x.edu.vn/tin-tuc?page=2')).not.toBe(familyKey('http://x.edu.vn/thong-bao?page=2'));
  });
});

describe('the newest items of a list are read first', () => {
  it('reads the first rows of a category before other pages of the same depth when the limit is tight', async () => {
    const weeks = Array.from({ length: 8 }, (_, i) => `/lich-cong-tac/tuan-${i + 1}`);
    const news = Array.from({ length: 8 }, (_, i) => `/tin-tuc/bai-${i + 1}`);
    const list = (title: string, hrefs: string[]) =>
      page(title, [], `<div class="main"><h1>${title}</h1><ul class="list-news">${hrefs.map((h) => `<li class="item"><h3><a href="${h}">${title} ${h}</a></h3><span class="date">30/10/2026</span></li>`).join('')}</ul></div>`);
    const routes: Record<string, Route> = {
      '/': page('Trang chủ', ['/tin-tuc', '/lich-cong-tac']),
      '/tin-tuc': list('Tin tức', news),
      '/lich-cong-tac': list('Lịch công tác tuần', weeks),
    };
    for (const u of [...weeks, ...news]) routes[u] = page(u);
    const site = await portal(routes);
    const crawl = await crawler({ maxPages: 9, perHost: 1 }).crawlSchool(school(site.url('/')));
    const got = pagePaths(crawl.pages);
    // the home page, the two categories, the three newest of each list: 9 pages
    expect(got).toEqual(expect.arrayContaining(['/lich-cong-tac/tuan-1', '/lich-cong-tac/tuan-2', '/lich-cong-tac/tuan-3']));
    expect(got).toEqual(expect.arrayContaining(['/tin-tuc/bai-1', '/tin-tuc/bai-2', '/tin-tuc/bai-3']));
    expect(got).not.toContain('/tin-tuc/bai-8');
  });

  it('moves a page queued as a plain link ahead when it turns out to head a list', () => {
    const f = new Frontier();
    f.add('http://x.edu.vn/a', 2);
    f.add('http://x.edu.vn/b', 2);
    f.add('http://x.edu.vn/c', 2);
    expect(f.promote('http://x.edu.vn/c')).toBe(true);
    expect(f.promote('http://x.edu.vn/nowhere')).toBe(false);
    expect([f.next()?.url, f.next()?.url, f.next()?.url, f.next()?.url]).toEqual(['http://x.edu.vn/c', 'http://x.edu.vn/a', 'http://x.edu.vn/b', undefined]);
  });
});
