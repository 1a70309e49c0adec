import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, safeFileLink, safeLink, safeText } from '../../src/report/cells.js';

describe('safeText', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('neutralises the formula-like text %j with an apostrophe', (input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('removes a bell character and then still sees the formula behind it', () => {
    expect(safeText('\u0007=1+1')).toBe("'=1+1");
    expect(safeText('Album\u0007 ảnh')).toBe('Album ảnh');
  });

  it('keeps ordinary Vietnamese text, line breaks and tabs inside the text', () => {
    expect(safeText('Lịch công tác tuần\nTuần 9\t(từ 30/10)')).toBe('Lịch công tác tuần\nTuần 9\t(từ 30/10)');
  });

  it('turns decomposed Vietnamese ("Unicode tổ hợp") into NFC', () => {
    expect(safeText('GIƠ\u0301I THIÊ\u0323U')).toBe('GIỚI THIỆU');
  });

  it('removes lone surrogates and the non-characters U+FFFE and U+FFFF', () => {
    expect(safeText('a\uD800b\uDC00c\uFFFEd\uFFFF')).toBe('abcd');
    expect(safeText('ảnh 📷')).toBe('ảnh 📷');
  });

  it('cuts text longer than 32,767 characters', () => {
    const t = safeText('a'.repeat(40_000));
    expect(t.length).toBe(MAX_CELL_CHARS);
    expect(t.endsWith('…')).toBe(true);
  });

  it('never returns a formula start, a forbidden character or an over-long cell, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const t = safeText(s);
        expect(t).not.toMatch(/^[=+\-@\t\r]/);
        expect(t).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
        expect(t.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
      }),
    );
  });
});

describe('safeLink', () => {
  it('accepts http and https URLs', () => {
    expect(safeLink('https://thcsgiathuy.longbien.edu.vn/album-anh/c/12')).toBe('https://thcsgiathuy.longbien.edu.vn/album-anh/c/12');
    expect(safeLink('http://127.0.0.1:8080/a b')).toBe('http://127.0.0.1:8080/a%20b');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'ftp://x.vn/a', 'mailto:a@b.vn', '\\\\server\\share', 'not a url', '', 'https://user:pw@x.vn/'])(
    'refuses %j',
    (url) => {
      expect(safeLink(url)).toBeNull();
    },
  );

  it('refuses a URL longer than Excel can open', () => {
    expect(safeLink(`https://x.vn/${'a'.repeat(3000)}`)).toBeNull();
  });
});

describe('safeFileLink', () => {
  it('keeps relative links to screenshots beside the workbook', () => {
    expect(safeFileLink('screenshots/thcs-sen-hong/VIII.1-lich-cong-tac-tuan.jpg')).toBe('screenshots/thcs-sen-hong/VIII.1-lich-cong-tac-tuan.jpg');
    expect(safeFileLink('../2026-10-30/screenshots/a/home.png')).toBe('../2026-10-30/screenshots/a/home.png');
  });

  it('refuses anything else: absolute paths, schemes, climbing inside the path, other file types', () => {
    for (const bad of ['/etc/passwd.jpg', 'file:///c/x.jpg', 'C:\\x.jpg', 'screenshots/../../x.jpg', 'screenshots/a/x.exe', 'javascript:alert(1)//.jpg', '\\\\host\\x.jpg', 'a b.jpg']) {
      expect(safeFileLink(bad)).toBeNull();
    }
  });
});
