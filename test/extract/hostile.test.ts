/**
 * Whatever the crawler hands over, extraction returns facts and never throws: empty and binary
 * documents, broken and deeply nested markup, 5 MB pages, random text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/page.js';
import type { PageFacts } from '../../src/types.js';
import { page } from './real-pages.js';

function expectWellFormed(f: PageFacts) {
  for (const k of ['headings', 'breadcrumb', 'navLinks', 'links', 'lists', 'tables', 'images', 'videos', 'attachments', 'people', 'tickers', 'dates'] as const) {
    expect(Array.isArray(f[k])).toBe(true);
  }
  expect(typeof f.text).toBe('string');
  expect(f.text.length).toBeLessThanOrEqual(20_000);
  expect(f.links.length).toBeLessThanOrEqual(3000);
  expect(f.dates.length).toBeLessThanOrEqual(400);
  expect(JSON.parse(JSON.stringify(f))).toEqual(f); // plain data, savable in crawl.json
}

describe('hostile input', () => {
  it('says why an empty or blank document could not be read', () => {
    for (const html of ['', '   \n\t ']) {
      const f = extractPage(page(html));
      expect(f.error).toMatch(/empty/);
      expectWellFormed(f);
    }
  });

  it('says why binary junk could not be read', () => {
    const junk = String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256));
    const f = extractPage(page(`%PDF-1.4\u0000${junk}`));
    expect(f.error).toMatch(/not an HTML document/);
    expectWellFormed(f);
  });

  it('keeps the crawl fields as given even for a non-string body', () => {
    const f = extractPage({ ...page(''), html: undefined as unknown as string, status: 503 });
    expect(f).toMatchObject({ status: 503, url: 'https://thcs-demo.longbien.edu.vn/tin-tuc/c/1', error: expect.any(String) });
  });

  it('reads plain text without tags', () => {
    const f = extractPage(page('Trường THCS Gia Thụy — Điện thoại: 024 3872 4033'));
    expect(f.error).toBeUndefined();
    expect(f.contacts.phones).toEqual(['02438724033']);
    expect(f.wordCount).toBeGreaterThan(3);
  });

  it('reads unclosed and misnested tags', () => {
    // (htmlparser2 does not close an open <a> at the next <li> as a browser would: links are closed here.)
    const f = extractPage(page('<html><body><ul class="menu"><li><a href="/a">Giới thiệu</a><li><a href="/b">Tin tức</a></ul><table><tr><td>Ngày ban hành<td>09/10/2017<p><b>Đậm <i>nghiêng</b> hết</i>'));
    expect(f.links.map((l) => l.label)).toEqual(['Giới thiệu', 'Tin tức']);
    expect(f.dates).toContainEqual(expect.objectContaining({ date: '2017-10-09', role: 'issued' }));
    expectWellFormed(f);
  });

  it('survives 30,000 unclosed nested elements', () => {
    const deep = '<div><span><a href="/x">'.repeat(10_000) + 'Sâu 09/10/2017';
    const f = extractPage(page(`<html><body>${deep}</body></html>`));
    expect(f.error).toBeUndefined();
    expect(f.dates.map((d) => d.date)).toContain('2017-10-09');
    expectWellFormed(f);
  }, 60_000);

  it('reads a 5 MB page within the caps', () => {
    const block = (i: number) =>
      `<div class="item"><h3><a href="/bai-${i}.html">Bài viết số ${i}</a></h3><span class="date">(${(i % 28) + 1}/${(i % 12) + 1}/${2000 + (i % 23)})</span><p>${'Nội dung bài viết dài. '.repeat(20)}</p><img src="/anh/${i}.jpg" alt="Ảnh ${i}"></div>`;
    let html = '<html><head><title>Trang lớn</title></head><body><nav class="menu"><ul><li><a href="/">Trang chủ</a></li></ul></nav><div class="list">';
    for (let i = 0; html.length < 5_000_000; i++) html += block(i);
    html += '</div></body></html>';
    const f = extractPage(page(html));
    expect(f.title).toBe('Trang lớn');
    expect(f.links).toHaveLength(3000);
    expect(f.dates.length).toBe(400);
    expect(f.lists[0]!.items.length).toBe(500);
    expectWellFormed(f);
  }, 120_000);

  it('never throws on random text and markup fragments', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('<div>', '</div>', '<a href="', '">', '<table><tr><td>', '<li>', '<time datetime="', '09/10/2017', '<marquee>', '<!--', '<script>', '&nbsp', '<img src=', 'Chức vụ:', 'ĐT: 0912 345 678', '<base href="::">'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom('https://a.edu.vn/x', 'not a url', ''), (parts, url) => {
        const f = extractPage({ ...page(parts.join('')), url, finalUrl: url });
        expectWellFormed(f);
      }),
      { numRuns: 300 },
    );
  });
});
