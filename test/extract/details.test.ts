/**
 * One behaviour at a time, on small snippets: contacts, staff tables and cards, tables, tickers,
 * links, date roles and viewer URLs.
 */
import { describe, expect, it } from 'vitest';
import { emailsInText, normalisePhone, phonesInText } from '../../src/extract/contacts.js';
import { extractPage } from '../../src/extract/page.js';
import { downloadFileTargets, fileExtension, viewerTarget } from '../../src/extract/urls.js';
import { page } from './real-pages.js';

const body = (html: string, url?: string, fetchedAt?: string) => extractPage(page(`<html><body>${html}</body></html>`, url, fetchedAt));

describe('phones and e-mails', () => {
  it('reads landlines and mobiles as written on Vietnamese pages, as digits', () => {
    expect(phonesInText('ĐT: 024 3872 4033, 0243.724.033; DĐ 0912-345-678; +84 912 345 678; (84) 243 872 4033')).toEqual([
      '02438724033',
      '0243724033',
      '0912345678',
      '0912345678',
      '02438724033',
    ]);
  });

  it('never reads dates, document numbers, counters, school years or fax lines as phones', () => {
    const text = 'Ngày 21.09.2026-25.09.2026; Số: 1455/SGDĐT-GDTH; 12/CT-UBND; Lượt truy cập 0000276655; năm học 2026-2027; Fax: 024 3872 4034; STK: 0123456789';
    expect(phonesInText(text)).toEqual([]);
    expect(normalisePhone('0000276655')).toBeNull();
    expect(normalisePhone('0612345678')).toBe('0612345678');
  });

  it('drops the next number a phone run swallowed ("0987654321 1. Mô hình")', () => {
    expect(phonesInText('Điện thoại: 0987654321 1. Mô hình hoạt động')).toEqual(['0987654321']);
  });

  it('reads e-mails in lower case, not image names', () => {
    expect(emailsInText('Email: Hanh.NT@Gmail.COM; logo@2x.png; c2hungvuong.tanphu@moet.edu.vn.')).toEqual(['hanh.nt@gmail.com', 'c2hungvuong.tanphu@moet.edu.vn']);
  });

  it('adds tel: and mailto: links and de-duplicates', () => {
    const f = body('<p>Hotline <a href="tel:+84-24-3872-4033">024 3872 4033</a> <a href="mailto:C1@hanoi.edu.vn?subject=Hỏi">Gửi thư</a> c1@hanoi.edu.vn</p>');
    expect(f.contacts).toEqual({ phones: ['02438724033'], emails: ['c1@hanoi.edu.vn'] });
  });
});

describe('staff', () => {
  it('reads a staff table one person per row, with the table caption as the unit', () => {
    const f = body(`<h3>Danh sách cán bộ</h3><table><caption>Ban giám hiệu</caption>
      <tr><th>STT</th><th>Họ và tên</th><th>Chức vụ</th><th>Điện thoại</th><th>Email</th><th>Ảnh</th></tr>
      <tr><td>1</td><td>Lê Văn Hùng</td><td>Hiệu trưởng</td><td>0904 123 456</td><td>hunglv@longbien.edu.vn</td><td><img src="/anh/hung.jpg"></td></tr>
      <tr><td>2</td><td>Đỗ Thị Mai</td><td>Phó hiệu trưởng</td><td></td><td></td><td></td></tr></table>`);
    expect(f.people).toEqual([
      { name: 'Lê Văn Hùng', position: 'Hiệu trưởng', phones: ['0904123456'], emails: ['hunglv@longbien.edu.vn'], photo: 'https://thcs-demo.longbien.edu.vn/anh/hung.jpg', group: 'Ban giám hiệu' },
      { name: 'Đỗ Thị Mai', position: 'Phó hiệu trưởng', phones: [], emails: [], group: 'Ban giám hiệu' },
    ]);
  });

  it('reads generic cards (image, bold name, "Chức vụ:", "ĐT:", "Email:") under their unit headings', () => {
    const card = (n: string, pos: string, tel: string) =>
      `<div class="col-md-4"><img src="/anh/${tel}.jpg" alt="${n}"><p><strong>${n}</strong></p><p>Chức vụ: ${pos}</p><p>ĐT: ${tel}</p><p>Email: ${tel}@gmail.com</p></div>`;
    const f = body(`<div class="noidung"><h3>Ban giám hiệu</h3><div class="row">${card('Nguyễn Văn A', 'Hiệu trưởng', '0911111111')}${card('Trần Thị B', 'Phó hiệu trưởng', '0922222222')}</div>
      <h3>Tổ bảo vệ</h3><div class="row">${card('Phạm Văn C', 'Bảo vệ', '0933333333')}</div></div>`);
    expect(f.people.map((p) => [p.name, p.position, p.phones[0], p.emails[0], p.group])).toEqual([
      ['Nguyễn Văn A', 'Hiệu trưởng', '0911111111', '0911111111@gmail.com', 'Ban giám hiệu'],
      ['Trần Thị B', 'Phó hiệu trưởng', '0922222222', '0922222222@gmail.com', 'Ban giám hiệu'],
      ['Phạm Văn C', 'Bảo vệ', '0933333333', '0933333333@gmail.com', 'Tổ bảo vệ'],
    ]);
    expect(f.people[0]!.photo).toBe('https://thcs-demo.longbien.edu.vn/anh/0911111111.jpg');
  });

  it('cuts a position typed on one line with the phone ("Hiệu trưởng - ĐT: 09…") and keeps the phone', () => {
    const f = body('<div class="card"><p>Họ và tên: Ngô Thị Lan</p><p>Chức vụ: Hiệu trưởng - ĐT: 0988 777 666</p></div>');
    expect(f.people).toEqual([{ name: 'Ngô Thị Lan', position: 'Hiệu trưởng', phones: ['0988777666'], emails: [] }]); // no heading, breadcrumb or title: no unit
  });

  it('finds no people in a footer with an address and a phone', () => {
    expect(body('<footer><p>Địa chỉ: Ngọc Thụy, Long Biên</p><p>Điện thoại: 024 3872 4033</p><p>Email: c2gt@longbien.edu.vn</p></footer>').people).toEqual([]);
  });
});

describe('tables', () => {
  it('skips tables holding tables and one-cell tables, and takes a bold first row as headers', () => {
    const f = body(`<table><tr><td><table><tr><td>Logo</td><td>Banner</td></tr></table></td></tr></table>
      <table><tr><td>Chỉ một ô</td></tr></table>
      <h2>Thời khóa biểu khối 6</h2>
      <table><tr><td><b>Tiết</b></td><td><b>Thứ 2</b></td><td><b>Thứ 3</b></td></tr><tr><td>1</td><td>Toán</td><td>Văn</td></tr></table>`);
    expect(f.tables).toEqual([
      // The inner two-cell table is kept: only the outer one holds a table.
      { caption: '', headers: [], rows: [[{ text: 'Logo', links: [] }, { text: 'Banner', links: [] }]] },
      { caption: 'Thời khóa biểu khối 6', headers: ['Tiết', 'Thứ 2', 'Thứ 3'], rows: [[{ text: '1', links: [] }, { text: 'Toán', links: [] }, { text: 'Văn', links: [] }]] },
    ]);
  });

  it('keeps at most 500 rows', () => {
    const rows = Array.from({ length: 700 }, (_, i) => `<tr><td>${i}</td><td>Văn bản ${i}</td></tr>`).join('');
    const f = body(`<table><thead><tr><th>STT</th><th>Tên</th></tr></thead><tbody>${rows}</tbody></table>`);
    expect(f.tables[0]!.rows).toHaveLength(500);
  });
});

describe('tickers', () => {
  it('reads <marquee>, a JS simplyScroll list hidden until scripts run, and an inline-animated element', () => {
    const f = extractPage(
      page(`<html><head><style>@keyframes chay { from { left: 100% } to { left: -100% } }</style></head><body>
      <marquee behavior="scroll">Chào mừng ngày Nhà giáo Việt Nam 20/11</marquee>
      <ul class="simply-scroll-list" style="display:none"><li><a href="/a">Văn bản A</a></li><li><a href="/b">Văn bản B</a></li></ul>
      <div style="position:relative;animation: chay 20s linear infinite">Thi đua dạy tốt, học tốt</div>
      <div style="animation: chay 2s">   </div></body></html>`),
    );
    expect(f.tickers).toEqual([
      { kind: 'marquee', text: 'Chào mừng ngày Nhà giáo Việt Nam 20/11' },
      { kind: 'js', text: 'Văn bản A | Văn bản B' },
      { kind: 'css', text: 'Thi đua dạy tốt, học tốt' },
    ]);
  });

  it('reads class-named CSS tickers but not a "sticker"', () => {
    const f = body('<div class="news-ticker"><span>Tin 1</span> | <span>Tin 2</span></div><img class="sticker" src="/s.png"><div class="chu-chay">Dòng chữ chạy</div>');
    expect(f.tickers).toEqual([
      { kind: 'css', text: 'Tin 1 | Tin 2' },
      { kind: 'css', text: 'Dòng chữ chạy' },
    ]);
  });
});

describe('links', () => {
  it('labels links by text, else title, aria-label or image alt; drops fragments and scripts; de-duplicates', () => {
    const f = body(`<a href="/gioi-thieu#lich-su">Giới thiệu</a><a href="/gioi-thieu">Giới thiệu</a><a href="/rss" title="RSS"></a>
      <a href="/tim-kiem" aria-label="Tìm kiếm"><i class="fa"></i></a><a href="/"><img src="/logo.png" alt="Trang chủ"></a>
      <a href="javascript:void(0)">In</a><a href="#top">Lên đầu</a><a href="mailto:a@b.vn">Thư</a><a href="ftp://x/y">FTP</a>`);
    expect(f.links).toEqual([
      { url: 'https://thcs-demo.longbien.edu.vn/gioi-thieu', label: 'Giới thiệu' },
      { url: 'https://thcs-demo.longbien.edu.vn/rss', label: 'RSS' },
      { url: 'https://thcs-demo.longbien.edu.vn/tim-kiem', label: 'Tìm kiếm' },
      { url: 'https://thcs-demo.longbien.edu.vn/', label: 'Trang chủ' },
    ]);
  });

  it('keeps at most 3,000 links and 100 headings', () => {
    const links = Array.from({ length: 3500 }, (_, i) => `<a href="/bai-${i}">Bài ${i}</a>`).join(' ');
    const headings = Array.from({ length: 150 }, (_, i) => `<h3>Mục ${i}</h3>`).join('');
    const f = body(`<p>${links}</p>${headings}`);
    expect(f.links).toHaveLength(3000);
    expect(f.headings).toHaveLength(100);
  });
});

describe('date roles', () => {
  it('reads the role from the words before each date', () => {
    const f = body(`<p>Cập nhật: 05/03/2025 08:15</p><p>Ngày đăng: 04/03/2025</p><p>Văn bản có hiệu lực từ ngày 01/01/2026.</p>
      <p>Ngày hết hiệu lực: 31/12/2026</p><p>Sáng ngày 12/10/2026, trường tổ chức hội giảng.</p><p>Năm học 2026-2027 bắt đầu 05/09/2026</p>`, undefined, '2026-10-13T03:00:00Z');
    expect(f.dates.map((d) => [d.date, d.role])).toEqual([
      ['2025-03-05', 'updated'],
      ['2025-03-04', 'published'],
      ['2026-01-01', 'effective'],
      ['2026-12-31', 'expires'],
      ['2026-10-12', 'event'],
      ['2026-09-05', 'other'],
    ]);
    expect(f.dates[0]!.time).toBe('08:15');
  });

  it('reads meta dates, ignores malformed ones, and reads Last-Modified as an updated header date', () => {
    const f = extractPage({
      ...page(`<html><head><meta property="article:modified_time" content="2026-10-01T09:00:00Z"><meta name="DC.date" content="2019-02-27+0717:57:12">
        <meta itemprop="datePublished" content="2026-09-30"></head><body></body></html>`),
      lastModified: 'Fri, 08 Oct 2021 09:09:54 GMT',
    });
    expect(f.dates).toEqual([
      { date: '2026-10-01', time: '16:00', text: 'article:modified_time: 2026-10-01T09:00:00Z', source: 'meta', role: 'updated' },
      { date: '2026-09-30', text: 'datePublished: 2026-09-30', source: 'meta', role: 'published' },
      { date: '2021-10-08', time: '16:09', text: 'Fri, 08 Oct 2021 09:09:54 GMT', source: 'header', role: 'updated' },
    ]);
  });

  it('keeps at most 400 dates, each text at most 160 characters', () => {
    const days = Array.from({ length: 500 }, (_, i) => `<p>Ngày ${(i % 28) + 1}/${(i % 12) + 1}/${2000 + (i % 25)} — ${'x'.repeat(200)}</p>`).join('');
    const f = body(days);
    expect(f.dates.length).toBeLessThanOrEqual(400);
    expect(f.dates.every((d) => d.text.length <= 160)).toBe(true);
  });
});

describe('URLs of files and viewers', () => {
  it('finds the original file behind the viewers', () => {
    expect(viewerTarget('https://a.vn/ViewFilePdf?urlpdf=upload/pdf/x.pdf')).toEqual({ file: 'https://a.vn/upload/pdf/x.pdf' });
    expect(viewerTarget('https://a.vn/XemTaiLieu?f=upload%2Fa.docx&ext=docx&urlgoc=https%3A%2F%2Ff.vn%2Fa.docx')).toEqual({ file: 'https://f.vn/a.docx', ext: 'docx' });
    expect(viewerTarget('https://docs.google.com/viewer?url=https://f.vn/b.xls&embedded=true')).toEqual({ file: 'https://f.vn/b.xls' });
    expect(viewerTarget('https://a.vn/tin-tuc/viewer-stats')).toBeNull();
  });

  it('reads downloadFile() arguments and extensions', () => {
    expect(downloadFileTargets(`downloadFile('5c94','../../upload/a.pdf'); return false;`)).toEqual(['../../upload/a.pdf']);
    expect(fileExtension('https://a.vn/upload/A.PDF?x=1#zoom=100')).toBe('pdf');
    expect(fileExtension('https://a.vn/van-ban/')).toBe('');
  });
});

describe('breadcrumbs and main text', () => {
  it('reads a Vietnamese CMS path written as links and » separators, the current page as plain text', () => {
    const f = body('<div class="duongdan"><a href="/">Trang chủ</a> » <a href="/tin-tuc">Tin tức</a> » Hoạt động chung</div>');
    expect(f.breadcrumb).toEqual(['Trang chủ', 'Tin tức', 'Hoạt động chung']);
  });

  it('reads nav[aria-label=breadcrumb] and leaves it out of the main text', () => {
    const f = body(`<nav aria-label="Breadcrumb"><ol><li><a href="/">Trang chủ</a></li><li>Giới thiệu</li></ol></nav>
      <div class="wrap"><p>${'Trường được thành lập năm 1960 tại Long Biên. '.repeat(10)}</p><p>Cơ sở vật chất khang trang — 20 phòng học.</p></div>`);
    expect(f.breadcrumb).toEqual(['Trang chủ', 'Giới thiệu']);
    expect(f.text.startsWith('Trường được thành lập năm 1960')).toBe(true);
  });

  it('takes the block with the most text outside header, menus, sidebar and footer, and counts its words', () => {
    const f = body(`<header><p>${'Tên trường và khẩu hiệu rất dài. '.repeat(30)}</p></header>
      <div class="col-left sidebar"><p>${'Liên kết website và thống kê. '.repeat(30)}</p></div>
      <div class="content"><h2>Thông báo tuyển sinh</h2><p>Năm học 2026 — 2027, trường tuyển 6 lớp.</p><p>${'Hồ sơ nộp tại văn phòng. '.repeat(12)}</p></div>
      <footer><p>${'Địa chỉ và bản quyền. '.repeat(30)}</p></footer>`);
    expect(f.text.startsWith('Thông báo tuyển sinh Năm học 2026 — 2027, trường tuyển 6 lớp.')).toBe(true);
    expect(f.text).not.toContain('Liên kết website');
    // "—" is not a word; "2026", "2027," and "6" are.
    expect(f.wordCount).toBe(4 + 8 + 12 * 6);
  });
});

describe('audio (III.5 Nhạc)', () => {
  it('finds <audio> players, sound file links and music embeds, not videos', () => {
    const f = body(`
      <h1>Nhạc cho bé</h1>
      <audio controls title="Cháu yêu bà"><source src="/upload/nhac/chau-yeu-ba.mp3" type="audio/mpeg"></audio>
      <audio src="/upload/nhac/ca-nha-thuong-nhau.m4a"></audio>
      <p><a href="/upload/nhac/truong-em.mp3">Tải bài hát Trường em</a></p>
      <iframe src="https://w.soundcloud.com/player/?url=abc" title="Quốc ca"></iframe>
      <video src="/upload/clip.mp4"></video>`);
    expect(f.audio.map((a) => [a.kind, a.src.replace(/^https?:\/\/[^/]+/, ''), a.title ?? ''])).toEqual([
      ['html5', '/upload/nhac/chau-yeu-ba.mp3', 'Cháu yêu bà'],
      ['html5', '/upload/nhac/ca-nha-thuong-nhau.m4a', ''],
      ['file', '/upload/nhac/truong-em.mp3', 'Tải bài hát Trường em'],
      ['embed', '/player/?url=abc', 'Quốc ca'],
    ]);
    expect(f.videos.map((v) => v.kind)).toEqual(['html5']);
  });
});
