/**
 * The browser pool against real Chromium and a real HTTP server on 127.0.0.1: JS-built lists and
 * menus, "Xem thêm", request blocking, tickers, layout, broken images and screenshots. One pool
 * (two contexts) for the whole file; `truong-thu.test` and `truong-khac.test` are mapped to
 * 127.0.0.1 through the pool's `hosts`, so a request to the other school WOULD reach the server
 * if the pool let it through. The pool waits up to 2 s of network quiet (`quietMs`), so a page
 * settles early only when it is idle (loaded, no short timeout pending): the tests show both.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserPool, type BrowserPool } from '../../../src/crawl/render/browser-pool.js';
import { findChromium } from '../../../src/crawl/render/chromium.js';
import { startPortal, type Portal } from '../helpers/portal-server.js';
import * as pages from './pages.js';

const SCHOOL = 'truong-thu.test';
const OTHER = 'truong-khac.test';

let site: Portal;
let pool: BrowserPool;
let dir: string;

const url = (path: string): string => site.url(path, SCHOOL);
const sameSite = (u: string): boolean => new URL(u).hostname === SCHOOL;
/** Requests the server saw for a path, from any host. */
const seen = (path: string): number => site.requests.filter((r) => r.path === path).length;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'render-test-'));
  site = await startPortal({
    '/danh-sach': { body: pages.JS_LIST },
    '/api/menu.json': { headers: { 'content-type': 'application/json' }, body: pages.MENU_JSON },
    '/api/tin?page=1': { headers: { 'content-type': 'application/json' }, body: pages.newsJson(1), delayMs: 50 },
    '/api/tin?page=2': { headers: { 'content-type': 'application/json' }, body: pages.newsJson(2), delayMs: 50 },
    '/api/tin?page=3': { headers: { 'content-type': 'application/json' }, body: pages.newsJson(3), delayMs: 50 },
    '/xem-them': { body: pages.MORE_BUTTON },
    '/lich-muon': { body: pages.LATE_LIST },
    '/nut-hong': { body: pages.DEAD_MORE },
    '/tai-nguyen': () => ({ body: pages.foreignAndHeavy(`http://${OTHER}:${site.port}`) }),
    '/di-cho-khac': () => ({ status: 302, headers: { location: `http://${OTHER}:${site.port}/dich` } }),
    '/trang-cu': { status: 301, headers: { location: '/danh-sach' } },
    '/chu-chay': { body: pages.TICKERS },
    '/bang-rong': { body: pages.WIDE_TABLE },
    '/gon': { body: pages.RESPONSIVE },
    '/album': { body: pages.IMAGES },
    '/anh.png': { headers: { 'content-type': 'image/png' }, body: pages.PNG_1X1 },
    '/anh-hong.jpg': { headers: { 'content-type': 'image/jpeg' }, body: 'không phải ảnh' },
    '/font.woff2': { headers: { 'content-type': 'font/woff2' }, body: 'x' },
    '/clip.mp4': { headers: { 'content-type': 'video/mp4' }, body: 'x' },
    '/nhac.mp3': { headers: { 'content-type': 'audio/mpeg' }, body: 'x' },
  });
  const chromium = findChromium();
  if ('missing' in chromium) throw new Error(chromium.missing);
  pool = await launchBrowserPool({
    executablePath: chromium.path,
    contexts: 2,
    hosts: { [SCHOOL]: '127.0.0.1', [OTHER]: '127.0.0.1' },
    pageTimeoutMs: 15_000,
    quietMs: 2000,
  });
});

afterAll(async () => {
  await pool?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reading pages built by JavaScript', () => {
  it('returns the menu and the news list that scripts built from JSON', async () => {
    const page = await pool.render(url('/danh-sach'), { sameSite });
    expect(page.error).toBeUndefined();
    expect(page.status).toBe(200);
    expect(page.finalUrl).toBe(url('/danh-sach'));
    expect(page.html).toContain('<a href="/lich-cong-tac">Lịch công tác tuần</a>');
    expect(page.html).toContain('Bài viết số 5: Hoạt động chào mừng ngày 20/11');
    expect(page.html.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('waits for a list that a script fetches after a 600 ms timeout, and for the request that follows', async () => {
    const page = await pool.render(url('/lich-muon'), { sameSite });
    expect(page.error).toBeUndefined();
    expect(page.html).toContain('<li>Bài viết số 6: Hoạt động chào mừng ngày 20/11</li>');
    expect(page.html).toContain('<li>Bài viết số 15: Hoạt động chào mừng ngày 20/11</li>');
  });

  it('clicks "Xem thêm" until the button is gone and never follows the "Xem tiếp" link', async () => {
    const page = await pool.render(url('/xem-them'), { sameSite });
    expect(page.error).toBeUndefined();
    expect(page.moreClicks).toBe(2);
    for (let i = 1; i <= 15; i++) expect(page.html).toContain(`Bài viết số ${i}:`);
    expect(page.html).not.toContain('id="more"');
    expect(seen('/bai-viet/1')).toBe(0);
  });

  it('stops clicking "Tải thêm" when a click brings nothing new', async () => {
    const page = await pool.render(url('/nut-hong'), { sameSite });
    expect(page.error).toBeUndefined();
    expect(page.moreClicks).toBe(1);
  });

  it('queues calls beyond its two contexts and answers each with its own page', async () => {
    const paths = ['/danh-sach', '/nut-hong', '/bang-rong', '/gon', '/danh-sach'];
    const results = await Promise.all(paths.map((p) => pool.render(url(p), { sameSite })));
    expect(results.map((r) => r.error)).toEqual(paths.map(() => undefined));
    expect(results.map((r) => /<title>(.*?)<\/title>/.exec(r.html)?.[1])).toEqual(['Hoạt động chung', 'Thông báo', 'Văn bản', 'Giới thiệu', 'Hoạt động chung']);
  });
});

describe('what the browser may fetch', () => {
  it('aborts requests to other hosts before they are sent, and fonts, media and images while reading', async () => {
    const before = { blocked: pool.stats.blocked, requests: site.requests.length };
    const page = await pool.render(url('/tai-nguyen'), { sameSite });
    expect(page.error).toBeUndefined();
    expect(page.html).toContain('Trường THCS Thử Nghiệm');
    const sent = site.requests.slice(before.requests);
    // truong-khac.test resolves to this very server: had anything been sent, it would be here
    expect(sent.filter((r) => r.host.startsWith(OTHER))).toEqual([]);
    expect(sent.map((r) => r.path).sort()).toEqual(['/di-cho-khac', '/tai-nguyen']);
    // other school's stylesheet, fetch and redirect, cdn.invalid image, tracker.invalid script, font, video, song, own image
    expect(page.blocked).toBeGreaterThanOrEqual(8);
    expect(pool.stats.blocked - before.blocked).toBeGreaterThanOrEqual(page.blocked);
  });

  it('follows a redirect within the site and refuses one to another site, which is never sent', async () => {
    const moved = await pool.render(url('/trang-cu'), { sameSite });
    expect(moved.error).toBeUndefined();
    expect(moved.finalUrl).toBe(url('/danh-sach'));
    expect(moved.html).toContain('Bài viết số 5:');
    const away = await pool.render(url('/di-cho-khac'), { sameSite });
    const target = `http://${OTHER}:${site.port}/dich`;
    expect(away.error).toBe(`Trang chuyển hướng sang trang khác (${target}), không dựng / the page redirects to another site (${target}); not rendered`);
    expect(site.requests.filter((r) => r.host.startsWith(OTHER))).toEqual([]);
  });

  it('refuses to open an address outside the site at all', async () => {
    const before = site.requests.length;
    const page = await pool.render(`http://${OTHER}:${site.port}/danh-sach`, { sameSite });
    expect(page.error).toMatch(/^Địa chỉ không thuộc trang của trường.* \/ the address is not on the school's site/);
    expect(site.requests.length).toBe(before);
  });

  it('lets the page load its own images when capturing evidence, still not fonts, media or other hosts', async () => {
    const before = site.requests.length;
    const shot = await pool.capture(url('/tai-nguyen'), { sameSite, file: join(dir, 'tai-nguyen.jpg'), widths: [1366] });
    expect(shot.error).toBeUndefined();
    const sent = site.requests.slice(before);
    expect(sent.map((r) => r.path).sort()).toEqual(['/anh.png', '/di-cho-khac', '/tai-nguyen']);
    expect(sent.filter((r) => r.host.startsWith(OTHER))).toEqual([]);
    expect(shot.layout?.brokenImages).toEqual([]);
  });
});

describe('scrolling text (Dòng chữ chạy)', () => {
  it('finds the CSS ticker, the marquee and the JS ticker, in NFC, and not the still or fading text', async () => {
    const page = await pool.render(url('/chu-chay'), { sameSite });
    expect(page.error).toBeUndefined();
    expect(page.tickers).toContainEqual({ kind: 'css', text: 'CHÀO MỪNG NĂM HỌC MỚI 2026-2027' });
    expect(page.tickers).toContainEqual({ kind: 'marquee', text: 'Lịch công tác tuần 9 đã được đăng' });
    expect(page.tickers).toContainEqual({ kind: 'js', text: 'Tuyển sinh lớp 6 năm học 2026-2027 | Thực đơn tuần 4 tháng 9' });
    expect(page.tickers).toHaveLength(3);
    const texts = page.tickers.map((t) => t.text).join('\n');
    expect(texts).not.toContain('Long Biên');
    expect(texts).not.toContain('Nhà giáo');
  });

  it('reports no ticker on a page where nothing moves', async () => {
    const page = await pool.render(url('/danh-sach'), { sameSite });
    expect(page.tickers).toEqual([]);
  });
});

describe('evidence: layout and screenshot', () => {
  it('measures the overflow of a 1200 px table at 390 px and none at 1366 px', async () => {
    const shot = await pool.capture(url('/bang-rong'), { sameSite, file: join(dir, 'bang-rong.jpg'), widths: [1366, 390] });
    expect(shot.error).toBeUndefined();
    const [desk, phone] = shot.layout!.overflow;
    expect(desk).toEqual({ width: 1366, px: 0 });
    expect(phone!.width).toBe(390);
    expect(phone!.px).toBeGreaterThanOrEqual(1200 - 390);
    expect(phone!.px).toBeLessThan(1200);
  });

  it('measures no overflow on a responsive page at either width', async () => {
    const shot = await pool.capture(url('/gon'), { sameSite, file: join(dir, 'gon.jpg'), widths: [1366, 390] });
    expect(shot.layout?.overflow).toEqual([
      { width: 1366, px: 0 },
      { width: 390, px: 0 },
    ]);
  });

  it('lists images that failed (404, not an image) and skips empty, placeholder, lazy and blocked ones', async () => {
    const shot = await pool.capture(url('/album'), { sameSite, file: join(dir, 'album.jpg'), widths: [1366] });
    expect(shot.error).toBeUndefined();
    expect(shot.layout?.brokenImages.sort()).toEqual([url('/anh-hong.jpg'), url('/anh-mat.png')]);
    expect(seen('/anh-luoi.png')).toBe(0);
  });

  it('writes a JPEG screenshot at the first width, cut at 3000 px on a tall page', async () => {
    const file = join(dir, 'nested', 'album.jpg');
    const shot = await pool.capture(url('/album'), { sameSite, file, widths: [1024, 390] });
    expect(shot.screenshot).toBe(true);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(statSync(file).size).toBeGreaterThan(5000);
    expect(jpegSize(bytes)).toEqual({ width: 1024, height: 3000 });
    expect(pool.stats.captured).toBeGreaterThanOrEqual(5);
  });
});

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(b: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    const length = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  return null;
}
