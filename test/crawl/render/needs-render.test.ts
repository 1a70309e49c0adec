/**
 * Which fetched pages need a browser. Every copied page of a real portal (test/data/real-sites:
 * Viettel and QI platforms, content in the HTML) must say null; the shells of single-page apps
 * must say why, with their numbers.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { needsRender } from '../../../src/crawl/render/needs-render.js';
import { extractPage } from '../../../src/extract/page.js';
import type { PageFacts } from '../../../src/types.js';

const REAL_SITES = fileURLToPath(new URL('../../data/real-sites', import.meta.url));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

function factsOf(html: string, extra: Partial<PageFacts> = {}): PageFacts {
  const facts = extractPage({
    url: 'https://thcs-thu-nghiem.longbien.edu.vn/',
    finalUrl: 'https://thcs-thu-nghiem.longbien.edu.vn/',
    status: 200,
    contentType: 'text/html; charset=utf-8',
    html,
    fetchedAt: '2026-10-30T08:00:00.000Z',
    depth: 0,
  });
  return { ...facts, ...extra };
}

const why = (html: string, extra: Partial<PageFacts> = {}): string | null => needsRender(html, factsOf(html, extra));

const BUNDLES = ['runtime', 'polyfills', 'vendor', 'main', 'chunk-1', 'chunk-2']
  .map((n) => `<script src="/static/js/${n}.js"></script>`)
  .join('');

describe('needsRender on real school portals', () => {
  const files = htmlFiles(REAL_SITES);

  it('has the 77 copied pages to look at', () => {
    expect(files).toHaveLength(77);
  });

  it.each(files.map((f) => [relative(REAL_SITES, f), f]))('says null for %s', (_name, file) => {
    expect(why(readFileSync(file, 'utf8'))).toBeNull();
  });
});

describe('needsRender on single-page-app shells', () => {
  it('names a React root with no text', () => {
    const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Trường Tiểu học Thử Nghiệm</title></head>
<body><div id="root"></div><script src="/static/js/main.3f2a.js"></script></body></html>`;
    expect(why(html)).toBe('khung ứng dụng #root chỉ có 0 ký tự chữ / app root #root with only 0 characters of text');
  });

  it('names a Vue, Next.js, Nuxt or Angular root with little text', () => {
    const shell = (body: string) => `<html><head><title>Cổng TTĐT</title></head><body>${body}<script src="/app.js"></script></body></html>`;
    expect(why(shell('<div id="app">Đang tải…</div>'))).toMatch(/^khung ứng dụng #app chỉ có 9 ký tự chữ \/ app root #app with only 9 characters/);
    expect(why(shell('<div id="__next"></div>'))).toMatch(/#__next/);
    expect(why(shell('<div id="__nuxt"><div class="loading"></div></div>'))).toMatch(/#__nuxt/);
    expect(why(shell('<app-root></app-root>'))).toMatch(/<app-root>/);
    expect(why(shell('<div ng-app="truongApp"><div ng-view></div></div>'))).toMatch(/\[ng-app\]/);
  });

  it('counts many scripts with few links and little text', () => {
    const html = `<html><head><title>Trường MN Hoa Sen</title>${BUNDLES}</head><body><div class="wrapper"><a href="/">Trang chủ</a></div></body></html>`;
    expect(why(html)).toBe('6 script, 1 liên kết, 9 ký tự chữ / 6 scripts, 1 links, 9 characters of text');
  });

  it('reads a <noscript> that asks to enable JavaScript, in English or Vietnamese', () => {
    const cra = `<html><body><noscript>You need to enable JavaScript to run this app.</noscript><main class="shell"></main></body></html>`;
    expect(why(cra)).toMatch(/^thẻ <noscript> yêu cầu bật JavaScript, 0 ký tự chữ \/ a <noscript> asks to enable JavaScript, 0 characters of text$/);
    const vi = `<html><body><noscript><p>Vui lòng bật JavaScript để xem cổng thông tin.</p></noscript><div class="khung"></div></body></html>`;
    expect(why(vi)).toMatch(/<noscript>/);
  });

  it('says null for an app root that the server already filled (server-side rendering)', () => {
    const items = Array.from({ length: 20 }, (_, i) => `<li><a href="/tin/${i}">Hoạt động chào mừng ngày Nhà giáo Việt Nam 20/11 lần ${i}</a></li>`).join('');
    expect(why(`<html><body><div id="__next"><nav><a href="/gioi-thieu">Giới thiệu</a></nav><ul>${items}</ul></div>${BUNDLES}</body></html>`)).toBeNull();
  });

  it('says null for a page whose <noscript> only holds a tracking pixel', () => {
    const html = `<html><body><noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-X"></iframe></noscript>
<div id="app-header"><a href="/">Trang chủ</a></div><p>Trường THCS Gia Thụy</p></body></html>`;
    expect(why(html)).toBeNull();
  });

  it('says null for error pages and files that are not HTML', () => {
    const shell = '<html><body><div id="root"></div></body></html>';
    expect(why(shell, { status: 404 })).toBeNull();
    expect(why(shell, { contentType: 'application/pdf' })).toBeNull();
  });
});
