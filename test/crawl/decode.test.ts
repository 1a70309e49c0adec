import { describe, expect, it } from 'vitest';
import { charsetFromContentType, charsetFromMeta, decodeHtml } from '../../src/crawl/decode.js';
import { encodeWindows1258 } from './helpers/windows-1258.js';

const SCHOOL = 'Trường Tiểu học Đình Bảng 2 — Lịch công tác tuần';

describe('decodeHtml', () => {
  it('writes "Trường" in windows-1258 as ư, ơ and a combining grave (the test encoder is honest)', () => {
    const bytes = encodeWindows1258('Trường');
    expect(bytes.length).toBe(7);
    expect(new TextDecoder('windows-1258').decode(bytes)).not.toBe('Trường'); // decomposed before NFC
    expect(new TextDecoder('windows-1258').decode(bytes).normalize('NFC')).toBe('Trường');
  });

  it('decodes a windows-1258 page named by Content-Type to NFC Vietnamese', () => {
    const html = `<html><head><title>${SCHOOL}</title></head><body>Giới thiệu chung</body></html>`;
    const { html: out, charset } = decodeHtml(encodeWindows1258(html), 'text/html; charset=windows-1258');
    expect(charset).toBe('windows-1258');
    expect(out).toContain(`<title>${SCHOOL}</title>`);
    expect(out).toContain('Giới thiệu chung');
    expect(out).toBe(out.normalize('NFC'));
  });

  it('takes the charset from <meta http-equiv> when the header names none', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"><title>${SCHOOL}</title></head></html>`;
    const { html: out, charset } = decodeHtml(encodeWindows1258(html), 'text/html');
    expect(charset).toBe('windows-1258');
    expect(out).toContain(SCHOOL);
  });

  it('takes the charset from <meta charset>', () => {
    const html = `<html><head><meta charset='windows-1258'><title>${SCHOOL}</title></head></html>`;
    expect(decodeHtml(encodeWindows1258(html), '').html).toContain(SCHOOL);
  });

  it('prefers the Content-Type charset over a contradicting meta tag, like a browser', () => {
    const html = `<html><head><meta charset="windows-1258"><title>${SCHOOL}</title></head></html>`;
    expect(decodeHtml(Buffer.from(html, 'utf-8'), 'text/html; charset=UTF-8').html).toContain(SCHOOL);
  });

  it('ignores a meta charset beyond the first 2 KB and reads UTF-8', () => {
    const html = `<html><head><!-- ${'x'.repeat(2100)} --><meta charset="windows-1258"><title>${SCHOOL}</title></head></html>`;
    const { html: out, charset } = decodeHtml(Buffer.from(html, 'utf-8'), 'text/html');
    expect(charset).toBe('utf-8');
    expect(out).toContain(SCHOOL);
  });

  it('falls back to UTF-8 for labels that are not charsets ("vni", a font trick)', () => {
    const { html, charset } = decodeHtml(Buffer.from(`<title>${SCHOOL}</title>`), 'text/html; charset=vni');
    expect(charset).toBe('utf-8');
    expect(html).toContain(SCHOOL);
  });

  it('composes decomposed UTF-8 text typed with "Unicode tổ hợp" into NFC', () => {
    const typed = 'GIƠ\u0301I THIÊ\u0323U CHUNG';
    const { html } = decodeHtml(Buffer.from(`<h2>${typed}</h2>`), 'text/html; charset=utf-8');
    expect(html).toBe('<h2>GIỚI THIỆU CHUNG</h2>');
  });

  it('follows a byte-order mark and drops it', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<title>${SCHOOL}</title>`)]);
    expect(decodeHtml(bom, 'text/html; charset=windows-1252').html).toBe(`<title>${SCHOOL}</title>`);
  });
});

describe('charset sniffing', () => {
  it.each([
    ['text/html; charset=UTF-8', 'utf-8'],
    ['text/html;charset="windows-1258"', 'windows-1258'],
    ['text/html', undefined],
  ])('Content-Type %s → %s', (ct, expected) => {
    expect(charsetFromContentType(ct)).toBe(expected);
  });

  it('reads the HTTrack-added meta of the real Đình Bảng 2 mirror', () => {
    const head = '<!DOCTYPE html><html lang="vi"><!-- Added by HTTrack --><meta http-equiv="content-type" content="text/html;charset=UTF-8" />';
    expect(charsetFromMeta(Buffer.from(head))).toBe('utf-8');
  });
});
