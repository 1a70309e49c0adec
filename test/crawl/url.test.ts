import { describe, expect, it } from 'vitest';
import { canonicalUrl, isSameSite, pageKey, siteKey } from '../../src/crawl/url.js';
import { classifyLink, urlExtension } from '../../src/crawl/link-kinds.js';

describe('canonicalUrl', () => {
  it.each([
    // scheme, host, default port, fragment
    ['HTTP://THCS-GiaThuy.LongBien.EDU.vn:80/gioi-thieu#top', 'http://thcs-giathuy.longbien.edu.vn/gioi-thieu'],
    ['https://mnhoasua.longbien.edu.vn:443/', 'https://mnhoasua.longbien.edu.vn/'],
    ['http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/a'],
    // tracking and session parameters
    ['https://x.edu.vn/tin?utm_source=zalo&id=5&utm_medium=social', 'https://x.edu.vn/tin?id=5'],
    ['https://x.edu.vn/tin?id=5&fbclid=IwAR0abc&gclid=Cj0K&zarsrc=30', 'https://x.edu.vn/tin?id=5'],
    ['https://x.edu.vn/index.php?PHPSESSID=3f2a9c&cat=4', 'https://x.edu.vn/index.php?cat=4'],
    ['https://x.edu.vn/a.jsp;jsessionid=ABC123?x=1', 'https://x.edu.vn/a.jsp?x=1'],
    ['https://x.edu.vn/p?sid=a8f5f167f44f4964e6c998dee827110c&p=2', 'https://x.edu.vn/p?p=2'],
    // a short sid is a section or school id, not a session
    ['https://x.edu.vn/p?sid=12&p=2', 'https://x.edu.vn/p?p=2&sid=12'],
    // sorted query, original encoding kept
    ['https://x.edu.vn/van-ban?page=2&cat=7', 'https://x.edu.vn/van-ban?cat=7&page=2'],
    [
      'https://x.hcm.edu.vn/ViewFilePdf?urlpdf=upload/pdf/a.pdf&urlgoc=https%3A%2F%2Ff.vn%2Fa.pdf',
      'https://x.hcm.edu.vn/ViewFilePdf?urlgoc=https%3A%2F%2Ff.vn%2Fa.pdf&urlpdf=upload/pdf/a.pdf',
    ],
    ['https://x.edu.vn/tin?', 'https://x.edu.vn/tin'],
    // NukeViet and Joomla: one index.php, parameters in any order
    ['http://x.edu.vn:80/index.php?nv=news&language=vi&op=thong-bao', 'http://x.edu.vn/index.php?language=vi&nv=news&op=thong-bao'],
    ['https://x.edu.vn/index.php?option=com_content&id=5&utm_source=fb#comments', 'https://x.edu.vn/index.php?id=5&option=com_content'],
    // percent escapes in either case are the same bytes
    ['https://x.edu.vn/gi%e1%bb%9bi-thi%e1%bb%87u?q=%c3%a1', 'https://x.edu.vn/gi%E1%BB%9Bi-thi%E1%BB%87u?q=%C3%A1'],
    // index.php and / may be different pages: not merged
    ['https://x.edu.vn/index.php', 'https://x.edu.vn/index.php'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('folds the Quảng Ích post variants ct, ctmb and ctfull, with or without slug, into one ct URL', () => {
    const canonical = 'https://thcslethanhcong.hcm.edu.vn/thong-bao/ct/75569/756558';
    for (const variant of [
      'https://thcslethanhcong.hcm.edu.vn/thong-bao/thong-bao-lich-kham-suc-khoe-cho-hoc-sinh-nam-hoc-2026-2027-tai-truong-thcs-le/ctfull/75569/756558',
      'https://thcslethanhcong.hcm.edu.vn/thong-bao/thong-bao-lich-kham-suc-khoe/ct/75569/756558',
      'https://thcslethanhcong.hcm.edu.vn/thong-bao/thong-bao-lich-kham-suc-khoe/ctmb/75569/756558',
      'https://thcslethanhcong.hcm.edu.vn/thong-bao/ctmb/75569/756558',
      'https://thcslethanhcong.hcm.edu.vn/thong-bao/ct/75569/756558',
    ]) {
      expect(canonicalUrl(variant)).toBe(canonical);
    }
  });

  it('leaves QI category pages and paths that only look alike unchanged', () => {
    expect(canonicalUrl('https://x.hcm.edu.vn/thuc-don/c/109317')).toBe('https://x.hcm.edu.vn/thuc-don/c/109317');
    expect(canonicalUrl('https://x.edu.vn/tin/ct/abc')).toBe('https://x.edu.vn/tin/ct/abc');
  });

  it('gives one URL for a Vietnamese path typed raw or percent-encoded', () => {
    expect(canonicalUrl('https://x.edu.vn/giới-thiệu')).toBe(canonicalUrl('https://x.edu.vn/gi%E1%BB%9Bi-thi%E1%BB%87u'));
  });

  it('is idempotent', () => {
    const once = canonicalUrl('HTTP://www.X.edu.vn:80/a/b/ctmb/1/2?z=1&utm_campaign=k&a=%20b#f');
    expect(canonicalUrl(once)).toBe(once);
  });

  it('returns text that is not a URL unchanged', () => {
    expect(canonicalUrl('not a url')).toBe('not a url');
  });
});

describe('siteKey and isSameSite', () => {
  it('names the site by host without www, plus a non-default port', () => {
    expect(siteKey('https://www.thcs-ngoclam.longbien.edu.vn/gioi-thieu')).toBe('thcs-ngoclam.longbien.edu.vn');
    expect(siteKey('http://127.0.0.1:8080/')).toBe('127.0.0.1:8080');
    expect(siteKey('http://x.edu.vn:80/')).toBe(siteKey('https://x.edu.vn:443/'));
  });

  it.each([
    ['http://www.x.edu.vn/a', 'https://x.edu.vn/b', true],
    ['http://x.edu.vn/a', 'https://x.edu.vn/b', true],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8081/', false],
    ['https://x.edu.vn/', 'https://thcs.x.edu.vn/', false],
    ['https://x.edu.vn/', 'mailto:hieutruong@x.edu.vn', false],
    ['not a url', 'not a url', false],
  ])('%s and %s: same site %s', (a, b, same) => {
    expect(isSameSite(a, b)).toBe(same);
  });

  it('keys http and https, www and no www, of one page alike', () => {
    expect(pageKey('http://www.x.edu.vn/a?b=1&a=2')).toBe(pageKey('https://x.edu.vn/a?a=2&b=1#top'));
  });
});

describe('classifyLink', () => {
  it.each([
    ['https://x.edu.vn/gioi-thieu', 'page'],
    ['https://x.edu.vn/thuc-don/c/109317', 'page'],
    ['http://x.edu.vn/van-ban-cong-van.html', 'page'],
    ['https://x.edu.vn/upload/63377/ke-hoach.PDF', 'document'],
    ['https://fileth.hcm.shieldix.app/data/doc/2026/thuc-don.docx', 'document'],
    ['https://x.edu.vn/upload/anh.jpg', 'file'],
    ['https://x.edu.vn/upload/video.mp4', 'file'],
    ['mailto:c2giathuy@longbien.edu.vn', 'skip'],
    ['tel:0243827xxxx', 'skip'],
    ['javascript:void(0)', 'skip'],
    ['https://x.hcm.edu.vn/Timkiem?tukhoa=thuc+don', 'skip'],
    ['https://x.hcm.edu.vn/rss', 'skip'],
    ['https://x.edu.vn/lich-su-kien?month=10&year=2026', 'skip'],
    ['https://x.edu.vn/dang-nhap', 'skip'],
    ['https://x.edu.vn/Login.aspx?ReturnUrl=%2f', 'skip'],
    ['http://127.0.0.1:8080/index6f31.html?page=login', 'skip'],
    ['https://x.edu.vn/?s=tuyen+sinh', 'skip'],
    ['https://thcsngosilien.hcm.edu.vn/ViewFilePdf?urlpdf=upload/pdf/a.pdf&urlgoc=https%3A%2F%2Ff.vn%2Fa.pdf', 'skip'],
    ['https://thphanchutrinhgovap.hcm.edu.vn/XemTaiLieu?f=upload%2Fa.docx&ext=docx', 'skip'],
  ])('%s is a %s', (url, kind) => {
    expect(classifyLink(url)).toBe(kind);
  });

  it('reads the extension of the last path segment only', () => {
    expect(urlExtension('https://x.edu.vn/a.b/file.DOCX?v=2')).toBe('docx');
    expect(urlExtension('https://x.edu.vn/ViewFilePdf?urlpdf=a.pdf')).toBe('');
  });
});
