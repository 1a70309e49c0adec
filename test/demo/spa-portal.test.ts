/**
 * thcs-sen-hong-spa, the single-page-app twin of thcs-sen-hong, served next to its twin by one real
 * fixture server on 127.0.0.1: a plain HTTP fetch sees an empty shell, the JSON API carries the
 * twin's pages, and real Chromium builds the portal (menu, client-side navigation, "Xem thêm", a
 * JavaScript ticker).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import { extractPage } from '../../src/extract/page.js';
import { cleanText } from '../../src/normalise.js';

const ANCHOR = new Date('2026-10-30T15:00:00+07:00');
const CHROMIUM = '/usr/lib/chromium/chromium';
/** Pages the link walk may visit (the twin has about 60): a bound, not a target. */
const MAX_PAGES = 150;

const HOME = '/';
const NEWS = '/tin-tuc-su-kien/c/21010'; // 6 posts: 5 shown + "Xem thêm"
const VIDEOS = '/video/c/21024'; // 15 videos
const LESSON_PLANS = '/giao-an-dien-tu/c/21021'; // 6 table rows
const CATEGORY = '/hoat-dong-chung/c/21012';
const POST = '/hoat-dong-chung/le-chao-co-va-phat-dong-phong-trao-thi-dua/ct/21012/880121';
const DOCUMENTS = '/van-ban/vbplus/1/0/0/0';

interface PageJson {
  status: number;
  title: string;
  html: string;
  more?: { offset: number; total: number };
  redirect?: string;
  file?: string;
}

let server: FixtureServer;
let spa: string;
let twin: string;

beforeAll(async () => {
  server = await startFixtureServer({ anchor: ANCHOR, portals: ['thcs-sen-hong', 'thcs-sen-hong-spa'] });
  twin = server.portals.find((p) => p.id === 'thcs-sen-hong')!.url.replace(/\/$/, '');
  spa = server.portals.find((p) => p.id === 'thcs-sen-hong-spa')!.url.replace(/\/$/, '');
});
afterAll(async () => {
  await server?.close();
});

const get = (base: string, target: string, init?: RequestInit) => fetch(base + target, { redirect: 'manual', ...init });
const apiPage = async (target: string): Promise<PageJson> => (await get(spa, `/api/page?path=${encodeURIComponent(target)}`)).json() as Promise<PageJson>;
const apiMore = async (target: string, offset: number) =>
  (await get(spa, `/api/more?path=${encodeURIComponent(target)}&offset=${offset}`)).json() as Promise<{ offset: number; total: number; html: string }>;

/** The twin's page as served: its title and body. */
async function twinPage(target: string): Promise<{ title: string; $: cheerio.CheerioAPI }> {
  const $ = cheerio.load(await (await get(twin, target)).text());
  return { title: $('title').text().trim(), $ };
}

/** Every a[href] of a fragment or page, in document order. */
const hrefs = ($: cheerio.CheerioAPI, scope = 'body') => $(scope).find('a[href]').toArray().map((a) => $(a).attr('href')!);

describe('the shell a plain HTTP crawl sees', () => {
  it('has no section content: no menu, lists, tables or ticker, almost no text or links', async () => {
    const res = await get(spa, HOME);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    const facts = extractPage({ url: `${spa}/`, finalUrl: `${spa}/`, status: 200, contentType: 'text/html', html, fetchedAt: ANCHOR.toISOString(), depth: 0 });
    expect(facts.links.length).toBeLessThanOrEqual(2);
    expect(facts.navLinks).toEqual([]);
    expect(facts.lists).toEqual([]);
    expect(facts.tables).toEqual([]);
    expect(facts.tickers).toEqual([]);
    expect(facts.wordCount).toBeLessThan(30);
    const $ = cheerio.load(html);
    expect($('#app').length).toBe(1);
    expect($('#app').children().length).toBe(0);
    expect($('script[src]').toArray().map((s) => $(s).attr('src'))).toEqual(['/static/js/vendor.js', '/static/js/app.js']);
    expect(cleanText($('noscript').text())).toMatch(/^Vui lòng bật JavaScript/);
  });

  it('is what every page route answers, so deep links work; a missing page keeps its 404', async () => {
    const shell = await (await get(spa, HOME)).text();
    for (const target of [NEWS, POST, DOCUMENTS, '/co-cau-to-chuc/cctc/0']) {
      const res = await get(spa, target);
      expect(res.status, target).toBe(200);
      expect(await res.text(), target).toBe(shell);
    }
    const missing = await get(spa, '/trang-khong-co/c/1');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(shell);
  });

  it('answers files, pictures, the PDF viewer, robots, sitemap, RSS and redirects as the twin does', async () => {
    const same = ['/upload/senhong/vanban/4125-sgddt-gdpt.pdf', '/upload/senhong/album/gio-ra-choi/anh-01.jpg', '/Css/qi-theme.css', '/ViewFilePdf?urlpdf=/upload/senhong/vanban/4125-sgddt-gdpt.pdf'];
    for (const target of same) {
      const [a, b] = [await get(spa, target), await get(twin, target)];
      expect(a.status, target).toBe(200);
      expect(a.headers.get('content-type'), target).toBe(b.headers.get('content-type'));
      expect(Buffer.from(await a.arrayBuffer()).equals(Buffer.from(await b.arrayBuffer())), target).toBe(true);
    }
    // robots.txt, the sitemap and RSS name each site's own origin.
    for (const target of ['/robots.txt', '/sitemap.xml', '/rss']) {
      const [a, b] = [await (await get(spa, target)).text(), await (await get(twin, target)).text()];
      expect(a, target).toBe(b.replaceAll(twin, spa));
      expect(a, target).toContain(`${spa}/`);
    }
    const redirect = await get(spa, '/trang-chu');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/');
    expect((await get(spa, '/upload/senhong/khong-co.pdf')).status).toBe((await get(twin, '/upload/senhong/khong-co.pdf')).status);
    expect((await get(twin, '/upload/senhong/khong-co.pdf')).status).toBe(404);
  });
});

describe('/api/page and /api/more', () => {
  it.each([
    ['the home page', HOME],
    ['a category list', CATEGORY],
    ['a post', POST],
    ['the document list', DOCUMENTS],
  ])('give the twin body of %s: same title, same links in the same order', async (_, target) => {
    const [page, original] = [await apiPage(target), await twinPage(target)];
    expect(page.status).toBe(200);
    expect(page.title).toBe(original.title);
    expect(page.more).toBeUndefined();
    const $ = cheerio.load(page.html);
    expect(hrefs($)).toEqual(hrefs(original.$));
    expect(cleanText($('h1').text())).toBe(cleanText(original.$('h1').text()));
    expect($('script').length).toBe(0);
  });

  it('rebuilds the CSS ticker as a plain box with the same text: no qiChuChay, no keyframes', async () => {
    const [page, original] = [await apiPage(HOME), await twinPage(HOME)];
    const $ = cheerio.load(page.html);
    expect(page.html).not.toMatch(/qiChuChay|scrolling-text|@keyframes|marquee/i);
    expect(cleanText($('.sh-loichao').text())).toBe(cleanText(original.$('.qiChuChay').text()));
    expect(cleanText($('.sh-loichao').text())).toContain('NHIỆT LIỆT CHÀO MỪNG NĂM HỌC MỚI 2026-2027');
  });

  it('cuts a list of 6 posts after 5 and adds the "Xem thêm" button; /api/more gives the 6th', async () => {
    const [page, original] = [await apiPage(NEWS), await twinPage(NEWS)];
    const all = original.$('ul.qi-danhsach-tin > li').toArray().map((li) => original.$(li).find('h2 a').attr('href'));
    expect(all).toHaveLength(6);
    const $ = cheerio.load(page.html);
    const shown = $('ul.qi-danhsach-tin > li').toArray().map((li) => $(li).find('h2 a').attr('href'));
    expect(shown).toEqual(all.slice(0, 5));
    expect(page.more).toEqual({ offset: 5, total: 6 });
    const button = $('button[data-spa-more]');
    expect(button.length).toBe(1);
    expect(cleanText(button.text())).toBe('Xem thêm');
    expect(button.attr('data-spa-more')).toBe(NEWS);
    expect(button.attr('data-spa-offset')).toBe('5');
    expect($('ul.qi-danhsach-tin').is('[data-spa-list]')).toBe(true);

    const more = await apiMore(NEWS, 5);
    expect(more).toMatchObject({ offset: 5, total: 6 });
    const $more = cheerio.load(`<ul>${more.html}</ul>`);
    expect($more('ul > li').toArray().map((li) => $more(li).find('h2 a').attr('href'))).toEqual(all.slice(5));
  });

  it('pages the 15 videos and the 6 lesson-plan rows the same way, table rows included', async () => {
    const videos = await apiPage(VIDEOS);
    expect(videos.more).toEqual({ offset: 5, total: 15 });
    expect(cheerio.load(videos.html)('.qi-video-item').length).toBe(5);
    const rest = cheerio.load(`<div>${(await apiMore(VIDEOS, 5)).html}</div>`);
    const twinTitles = (await twinPage(VIDEOS)).$;
    const titles = twinTitles('.qi-video-item h3 a').toArray().map((a) => twinTitles(a).attr('title'));
    expect(rest('.qi-video-item h3 a').toArray().map((a) => rest(a).attr('title'))).toEqual(titles.slice(5));

    const plans = await apiPage(LESSON_PLANS);
    expect(plans.more).toEqual({ offset: 5, total: 6 });
    const $ = cheerio.load(plans.html);
    expect($('table.qi-giaoan tbody tr').length).toBe(5);
    expect($('table.qi-giaoan').next('p').find('button[data-spa-more]').length).toBe(1);
    const row = (await apiMore(LESSON_PLANS, 5)).html;
    expect(row).toMatch(/^<tr>.*Đông Nam Á từ nửa sau thế kỉ XVI.*<\/tr>$/s);
  });

  it('answers a redirect, a file and a missing page so the app can follow them', async () => {
    expect(await apiPage('/trang-chu')).toEqual({ status: 301, redirect: '/' });
    expect(await apiPage('/upload/senhong/vanban/4125-sgddt-gdpt.pdf')).toEqual({ status: 200, file: '/upload/senhong/vanban/4125-sgddt-gdpt.pdf' });
    const missing = await get(spa, `/api/page?path=${encodeURIComponent('/trang-khong-co/c/1')}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as PageJson).html).toContain('404');
    expect((await get(spa, '/api/page?path=http%3A%2F%2Fexample.com%2F')).status).toBe(400);
    expect((await get(spa, `/api/more?path=${encodeURIComponent(CATEGORY)}&offset=5`)).status).toBe(404);
  });

  it('links only to targets that answer: every link of every page the app can show, bounded', async () => {
    const seen = new Set<string>();
    const queue = [HOME];
    let pages = 0;
    while (queue.length > 0) {
      const target = queue.shift()!;
      if (seen.has(target)) continue;
      seen.add(target);
      expect(seen.size, 'walk bound').toBeLessThan(MAX_PAGES * 4);
      const res = await get(spa, target, { method: 'HEAD' });
      expect([200, 301, 302], target).toContain(res.status);
      if (res.headers.get('content-type') !== 'text/html; charset=utf-8' || res.status !== 200) continue;
      if (++pages > MAX_PAGES) throw new Error('walk bound reached');
      const page = await apiPage(target);
      if (!page.html) continue;
      const html = page.html + (page.more ? (await apiMore(target, page.more.offset)).html : '');
      const $ = cheerio.load(html);
      for (const href of [...hrefs($), ...$('img[src], iframe[src]').toArray().map((e) => $(e).attr('src')!)]) {
        const u = new URL(href, spa + target);
        if (u.origin === spa && !href.startsWith('#')) queue.push(u.pathname + u.search);
      }
    }
    expect(pages).toBeGreaterThanOrEqual(25);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('the portal built by real Chromium', () => {
  let browser: Browser;
  let page: Page;
  const documents: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    // Only our server: anything else (YouTube frames) is refused before it leaves the machine.
    await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
    page = await context.newPage();
    page.on('request', (r) => {
      if (r.resourceType() === 'document' && r.frame() === page.mainFrame()) documents.push(r.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const loaded = (target: string) => page.waitForSelector(`#app[data-loaded="${target}"]`);

  it('shows the home page with the same menu links as the twin', async () => {
    await page.goto(`${spa}/`);
    await loaded('/');
    const original = await twinPage(HOME);
    const menu = await page.$$eval('#app header a[href]', (as) => as.map((a) => a.getAttribute('href')));
    expect(menu).toEqual(hrefs(original.$, 'header'));
    expect(menu.length).toBeGreaterThan(30);
    expect(await page.title()).toBe(original.title);
  });

  it('moves the JavaScript ticker', async () => {
    const track = '#app .sh-loichao .sh-loichao-chu';
    // Two different positions written by the script (the first tick may still be to come).
    const transform = `document.querySelector(${JSON.stringify(track)}).style.transform`;
    await page.waitForFunction(`${transform} !== ''`);
    const first = (await page.evaluate(transform)) as string;
    expect(first).toMatch(/^translateX\(-?[\d.]+px\)$/);
    await page.waitForFunction(`${transform} !== ${JSON.stringify(first)}`);
    expect(await page.$eval('#app .sh-loichao', (el) => el.textContent ?? '')).toContain('CHÀO MỪNG NĂM HỌC MỚI');
    // Motion only: no CSS animation anywhere for a static reader to spot.
    expect(await page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(track)})).animationName`)).toBe('none');
  });

  it('follows a menu link inside the page: the URL changes without a new document', async () => {
    await page.evaluate('window.sameDocument = true');
    const before = documents.length;
    await page.click(`#app header .navbar-nav > li > a[href="${NEWS}"]`);
    await loaded(NEWS);
    expect(page.url()).toBe(spa + NEWS);
    expect(documents.length).toBe(before);
    expect(await page.evaluate('window.sameDocument')).toBe(true);
    expect(await page.title()).toBe((await twinPage(NEWS)).title);
  });

  it('shows every item after "Xem thêm" is clicked', async () => {
    const items = '#app ul.qi-danhsach-tin > li';
    expect(await page.locator(items).count()).toBe(5);
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(items)}).length === 6`);
    const original = await twinPage(NEWS);
    expect(await page.$$eval(`${items} h2 a`, (as) => as.map((a) => a.getAttribute('href')))).toEqual(
      original.$('ul.qi-danhsach-tin > li h2 a').toArray().map((a) => original.$(a).attr('href')),
    );
    expect(await page.locator('#app button[data-spa-more]').count()).toBe(0);
  });

  it('goes back with the browser history (popstate) and opens a deep link directly', async () => {
    await page.goBack();
    await loaded('/');
    expect(page.url()).toBe(`${spa}/`);
    await page.goto(spa + VIDEOS);
    await loaded(VIDEOS);
    expect(await page.locator('#app .qi-video-item').count()).toBe(5);
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await page.waitForFunction(`document.querySelectorAll('#app .qi-video-item').length === 15`);
  });
});
