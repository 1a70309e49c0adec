/**
 * Posts of Quảng Ích (QI) school portals in Hồ Chí Minh City (test/data/real-sites/qi-posts):
 * what its README states about each page, read back from PageFacts.
 */
import { describe, expect, it } from 'vitest';
import { facts, qiPage } from './real-pages.js';

const SITE = 'https://school.hcm.edu.vn';

describe('QI article date line', () => {
  it('reads "Thứ sáu, 18/9/2026, 20:22 , Lượt đọc : 600" as published 2026-09-18 20:22', () => {
    const f = facts(qiPage('1410805'));
    expect(f.dates).toContainEqual({ date: '2026-09-18', time: '20:22', text: 'Thứ sáu, 18/9/2026, 20:22 , Lượt đọc : 600', source: 'text', role: 'published' });
    // The view counter glued on is neither a date nor a phone.
    expect(f.contacts.phones).toEqual([]);
    expect(f.dates.filter((d) => d.role === 'published')).toHaveLength(1);
  });

  it('reads the other weekdays of the date line ("Thứ hai", "Thứ ba", "Chủ nhật")', () => {
    expect(facts(qiPage('1411103')).dates).toContainEqual(expect.objectContaining({ date: '2026-09-21', time: '10:12', role: 'published' }));
    expect(facts(qiPage('759673')).dates).toContainEqual(expect.objectContaining({ date: '2026-09-15', time: '10:08', role: 'published' }));
    expect(facts(qiPage('760311')).dates).toContainEqual(expect.objectContaining({ date: '2026-09-20', time: '17:58', role: 'published' }));
  });

  it('gives no publication date when the date span is empty', () => {
    const f = facts(qiPage('1410758'));
    const own = f.dates.filter((d) => d.role === 'published' && !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(d.text));
    expect(own).toEqual([]);
  });

  it('keeps the dates of the title, dots included, as other dates', () => {
    const f = facts(qiPage('1411331'));
    expect(f.title).toBe('Thực đơn học sinh bán trú Tuần 3 (21.9.2026 - 25.9.2026)');
    expect(f.dates.filter((d) => d.role === 'other').map((d) => d.date)).toEqual(expect.arrayContaining(['2026-09-21', '2026-09-25']));
  });

  it('takes the title from og:title when the trimmed post has no <title>', () => {
    expect(facts(qiPage('888995')).title).toBe('THỰC ĐƠN TUẦN 2 (từ ngày 14/9 đến ngày 18/9/2026)');
  });
});

describe('QI attachments and viewers', () => {
  it('reads the /ViewFilePdf viewer: the file is urlgoc, the viewer is the iframe', () => {
    const f = facts(qiPage('760311'));
    expect(f.attachments).toEqual([
      {
        url: 'https://filethcs.hcm.shieldix.app/data/doc/2026/thcsngosilien/danghoan83/2026_9/20/thcs-ngo-si-lien_209202617.pdf',
        label: 'Tải file : thcs-ngo-si-lien.pdf',
        ext: 'pdf',
        viewerUrl: `${SITE}/ViewFilePdf?urlpdf=upload/pdf/2026_9_2/thcsngosilien_760311_thcs-ngo-si-lien_209202617.pdf&urlgoc=https%3A%2F%2Ffilethcs.hcm.shieldix.app%2Fdata%2Fdoc%2F2026%2Fthcsngosilien%2Fdanghoan83%2F2026_9%2F20%2Fthcs-ngo-si-lien_209202617.pdf`,
      },
    ]);
  });

  it('reads the /XemTaiLieu viewer of a .docx', () => {
    const f = facts(qiPage('1410758'));
    expect(f.attachments).toHaveLength(1);
    expect(f.attachments[0]).toMatchObject({
      url: 'https://fileth.hcm.shieldix.app/data/doc/2026/thphanchutrinhgovap/2026_9/18/thuc-don-trong-tuan-tu-21-9-den-25-9-2026_189202616.docx',
      ext: 'docx',
      label: 'Tải file : thuc-don-trong-tuan-tu-21-9-den-25-9-2026.docx',
    });
    expect(f.attachments[0]!.viewerUrl).toMatch(/^https:\/\/school\.hcm\.edu\.vn\/XemTaiLieu\?f=upload%2Ftailieu%2F.*&ext=docx&/);
  });

  it('reads the Office Online viewer of a .doc', () => {
    const f = facts(qiPage('760970'));
    expect(f.attachments).toEqual([
      {
        url: 'https://filethcs.hcm.shieldix.app/data/doc/2026/thcslethanhcong/tuan-3_24920268.doc',
        label: 'Tải file : tuan-3.doc',
        ext: 'doc',
        viewerUrl: 'https://view.officeapps.live.com/op/embed.aspx?src=https%3A%2F%2Ffilethcs.hcm.shieldix.app%2Fdata%2Fdoc%2F2026%2Fthcslethanhcong%2Ftuan-3_24920268.doc',
      },
    ]);
  });

  it('reads the meal photo inside div.qi-tep-dinhkem as an attached image and as content', () => {
    const f = facts(qiPage('759529'));
    const photo = 'https://filethcs.hcm.shieldix.app/data/doc/2026/thcsnguyenthaibinhq6/2026_9/14/14092026_149202612.jpg';
    expect(f.attachments).toEqual([{ url: photo, label: '14092026_149202612.jpg', ext: 'jpg' }]);
    expect(f.images.filter((i) => i.inContent).map((i) => i.src)).toEqual([photo]);
  });

  it('counts the cover image ("Ảnh đại diện") of a post with an empty body as content', () => {
    for (const id of ['1411103', '888995']) {
      const f = facts(qiPage(id));
      expect(f.images.filter((i) => i.inContent).map((i) => i.alt)).toEqual(['Ảnh đại diện']);
      expect(f.people).toEqual([]); // "Tác giả:" / "Nguồn tin:" lines are not staff cards
    }
  });

  it('counts the menu image of the article body as content, the share and font buttons not', () => {
    const f = facts(qiPage('1410805'));
    const inContent = f.images.filter((i) => i.inContent);
    expect(inContent).toHaveLength(1);
    expect(inContent[0]!.src).toMatch(/^https:\/\/fileth\.hcm\.shieldix\.app\/UploadImages\/news\/\/2026\/thlevansi\//);
    expect(f.images.find((i) => i.src.endsWith('/Images/share1.png'))?.inContent).toBe(false);
    expect(f.wordCount).toBe(0); // the body is the image only
  });
});

describe('QI full pages (header, ticker, sidebar, footer)', () => {
  it('reads the CSS ticker div.scrolling-text with its &nbsp;|&nbsp; separators as " | "', () => {
    const t = facts(qiPage('760970')).tickers;
    expect(t).toHaveLength(1);
    expect(t[0]!.kind).toBe('css');
    expect(t[0]!.text.startsWith('Thực đơn Tuần 3 - Năm học 2026-2027 | Thực đơn Tuần 2 - Năm học 2026-2027 | ')).toBe(true);
    expect(t[0]!.text).not.toMatch(/\u00a0|\s{2}/);
  });

  it('normalises the decomposed letter of a ticker title to NFC', () => {
    const t = facts(qiPage('760791')).tickers[0]!;
    expect(t.text).toContain('Giám sát công tác huy động');
    expect(t.text).toBe(t.text.normalize('NFC'));
  });

  it('reads the breadcrumb_list', () => {
    expect(facts(qiPage('760970')).breadcrumb).toEqual(['Trang chủ', 'Thực đơn']);
    expect(facts(qiPage('760791')).breadcrumb).toEqual(['Trang chủ', 'Thực đơn bán trú']);
  });

  it('reads the mega-menu under its column titles and the sidebar tree with its parents', () => {
    const nav = facts(qiPage('760791')).navLinks;
    expect(nav).toContainEqual({ url: `${SITE}/to-toan-tin/c/104539`, label: 'Tổ Toán - Tin', parents: ['Hoạt động chuyên môn'], region: 'nav' });
    expect(nav).toContainEqual({ url: `${SITE}/thuc-don-ban-tru/c/107163`, label: 'Thực đơn bán trú', parents: ['Tin tức sự kiện', 'Hoạt động Bán Trú'], region: 'sidebar' });
    expect(nav.some((n) => n.url.includes('#mndoc'))).toBe(false);
  });

  it('reads "Đọc nhiều nhất" and "Tin cùng chuyên mục" as side lists with their headings and dates', () => {
    const lists = facts(qiPage('760791')).lists;
    expect(lists.some((l) => l.main)).toBe(false);
    const most = lists.find((l) => l.heading === 'Đọc nhiều nhất')!;
    expect(most.items).toHaveLength(6);
    const related = lists.find((l) => l.heading === 'Tin cùng chuyên mục')!;
    // The third post's title says 2025; its list date is 2026.
    expect(related.items[2]).toMatchObject({
      title: 'Suất ăn bán trú ngày 21/09/2025',
      url: `${SITE}/thuc-don-ban-tru/suat-an-ban-tru-ngay-21092025/ct/107163/760540`,
      date: { date: '2026-09-21', role: 'published', source: 'text', text: '21/9/2026' },
    });
  });

  it('never reads the visitor table (1,442 / 13,248, the digit counter) as phones or dates', () => {
    const f = facts(qiPage('760791'));
    expect(f.contacts.phones).toEqual(['02839612245', '02862743939']);
    expect(f.contacts.emails).toEqual(['c2hungvuong.tanphu@moet.edu.vn']);
    expect(f.dates.some((d) => /Hôm nay|Tuần này|1,442/.test(d.text))).toBe(false);
    expect(f.tables.find((t) => t.caption === 'Thống kê truy cập')).toBeDefined();
  });

  it('reads the hotline tel: link and the school e-mail of the footer', () => {
    const f = facts(qiPage('1410758'));
    expect(f.contacts.phones).toContain('02838947992');
    expect(f.contacts.emails).toContain('thphanchutrinh.govap@hcm.edu.vn');
  });

  it('reads the footer phone of the related-list layout', () => {
    expect(facts(qiPage('759529')).contacts.phones).toEqual(['02836223596']);
  });
});
