/**
 * Small pages in the shape of each platform of PORTALS.md: Quảng Ích (QI, and its older .aspx
 * generation), the Viettel portal, NukeViet, WordPress with a document plugin.
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/page.js';
import { page } from './real-pages.js';

const QI = 'https://thcs-gia-thuy.longbien.edu.vn';

describe('Quảng Ích (QI)', () => {
  const home = `<!DOCTYPE html><html><head><title>Trường THCS Gia Thụy</title>
    <style>.scrolling-text{white-space:nowrap;animation:scroll-text 30s linear infinite}
    @keyframes scroll-text{0%{transform:translateX(100%)}100%{transform:translateX(-100%)}}</style></head><body>
    <header><div class="qimenu"><nav class="navbar"><ul class="navbar-nav">
      <li class="nav-item dropdown"><a class="nav-link" href="/gioi-thieu/c/1">GIƠ\u0301I THIÊ\u0323U</a>
        <ul class="dropdown-menu"><li><a href="/co-cau-to-chuc/cctc/0">Cơ cấu tổ chức</a></li></ul></li>
      <li class="nav-item dropdown"><a class="nav-link" href="/tin-tuc/c/2">Tin tức - Sự kiện</a>
        <ul class="dropdown-menu"><li><a href="/hoat-dong-chuyen-mon/c/3">Hoạt động chuyên môn</a></li>
        <li style="display:none"><a href="/hoat-dong-doan-the/c/4">Hoạt động đoàn thể</a></li></ul></li>
    </ul></nav></div></header>
    <div class="qiChuChay"><div class="scrolling-text"><span>CHÀO MỪNG NĂM HỌC MỚI 2026-2027</span>&nbsp;|&nbsp;<span>Hội khỏe Phù Đổng</span></div></div>
    <div class="row">
      <div class="col-md-8"><div class="qiContainer"><div class="qihome_tieudebg"><p class="qihome_tieude">TIN TỨC</p></div>
        <ul><li><a href="/tin-tuc/hoi-giang/ct/2/101">Hội giảng chào mừng 20/11</a> <span class="fs-15">10/10/2026</span></li>
            <li><a href="/tin-tuc/khai-giang/ct/2/100">Lễ khai giảng năm học mới</a> <span class="fs-15">5/9/2026</span></li></ul></div></div>
      <div class="col-md-4"><div class="qiContainer"><div class="qihome_tieudebg"><p class="qihome_tieude">THÔNG BÁO</p></div>
        <ul><li><a href="/thong-bao/lich-nghi/ct/5/201">Lịch nghỉ lễ 2/9</a> <span class="fs-15">28/8/2026</span></li>
            <li><a href="/thong-bao/hop-phu-huynh/ct/5/202">Họp phụ huynh đầu năm</a> <span class="fs-15">12/9/2026</span></li>
            <li><a href="/thong-bao/lich-thi/ct/5/203">Lịch thi giữa kỳ I</a> <span class="fs-15">1/10/2026</span></li></ul></div></div>
    </div></body></html>`;

  it('reads the home page blocks with their .qihome_tieude headings, none main', () => {
    const f = extractPage(page(home, `${QI}/`));
    expect(f.lists.map((l) => [l.heading, l.main, l.items.length])).toEqual([
      ['TIN TỨC', false, 2],
      ['THÔNG BÁO', false, 3],
    ]);
    expect(f.lists[1]!.items[2]).toEqual({
      title: 'Lịch thi giữa kỳ I',
      url: `${QI}/thong-bao/lich-thi/ct/5/203`,
      date: { date: '2026-10-01', text: '1/10/2026', source: 'text', role: 'published' },
    });
  });

  it('reads the CSS ticker once, its separator folded', () => {
    const f = extractPage(page(home, `${QI}/`));
    expect(f.tickers).toEqual([{ kind: 'css', text: 'CHÀO MỪNG NĂM HỌC MỚI 2026-2027 | Hội khỏe Phù Đổng' }]);
  });

  it('cleans the decomposed menu label to NFC and keeps a hidden item with its parent', () => {
    const f = extractPage(page(home, `${QI}/`));
    expect(f.navLinks).toContainEqual({ url: `${QI}/gioi-thieu/c/1`, label: 'GIỚI THIỆU', parents: [], region: 'nav' });
    expect(f.navLinks).toContainEqual({ url: `${QI}/co-cau-to-chuc/cctc/0`, label: 'Cơ cấu tổ chức', parents: ['GIỚI THIỆU'], region: 'nav' });
    expect(f.navLinks).toContainEqual({ url: `${QI}/hoat-dong-doan-the/c/4`, label: 'Hoạt động đoàn thể', parents: ['Tin tức - Sự kiện'], region: 'nav' });
  });

  it('reads a category page: its post list is the main list, named by the breadcrumb', () => {
    const html = `<html><body><h1>THCS Gia Thụy</h1>
      <section class="bread"><ul class="breadcrumb_list"><li><a href="/">Trang chủ</a></li><li><a href="/hoat-dong-chuyen-mon/c/3">Hoạt động chuyên môn</a></li></ul></section>
      <div class="right_detail_content"><ul class="list-news">
        <li class="item"><a href="/hoat-dong-chuyen-mon/chuyen-de-toan/ct/3/11"><img src="/anh/toan.jpg" alt=""></a><h2><a href="/hoat-dong-chuyen-mon/chuyen-de-toan/ct/3/11">Chuyên đề Toán 8</a></h2><span class="fs-15">9/10/2026</span><p class="mota">Sáng ngày 08/10/2026, tổ Toán tổ chức chuyên đề…</p></li>
        <li class="item"><a href="/hoat-dong-chuyen-mon/thao-giang/ct/3/10"><img src="/anh/van.jpg" alt=""></a><h2><a href="/hoat-dong-chuyen-mon/thao-giang/ct/3/10">Thao giảng Ngữ văn</a></h2><span class="fs-15">2/10/2026</span></li>
      </ul></div>
      <div class="left_detail_content"><div class="qiContainer"><div class="qihome_tieudebg"><p class="qihome_tieude">Đọc nhiều nhất</p></div>
        <ul><li><a href="/a/ct/1/1">Bài một</a></li><li><a href="/b/ct/1/2">Bài hai</a></li></ul></div></div></body></html>`;
    const f = extractPage(page(html, `${QI}/hoat-dong-chuyen-mon/c/3`));
    const main = f.lists.find((l) => l.main)!;
    expect(main.heading).toBe('Hoạt động chuyên môn');
    expect(main.items[0]).toEqual({
      title: 'Chuyên đề Toán 8',
      url: `${QI}/hoat-dong-chuyen-mon/chuyen-de-toan/ct/3/11`,
      date: { date: '2026-10-09', text: '9/10/2026', source: 'text', role: 'published' },
      // every date the item shows, with its role: the event its summary names too
      dates: [
        { date: '2026-10-09', text: '9/10/2026', source: 'text', role: 'published' },
        { date: '2026-10-08', text: 'Sáng ngày 08/10/2026, tổ Toán tổ chức chuyên đề…', source: 'text', role: 'event' },
      ],
      image: `${QI}/anh/toan.jpg`,
      summary: 'Sáng ngày 08/10/2026, tổ Toán tổ chức chuyên đề…',
    });
    expect(f.lists.find((l) => l.heading === 'Đọc nhiều nhất')?.main).toBe(false);
    expect(f.dates).toContainEqual(expect.objectContaining({ date: '2026-10-08', role: 'event' }));
  });

  it('reads the older .aspx generation (.abctitle .title a lists, detail links with ids)', () => {
    const html = `<html><body><table><tr><td><table><tr><td><img src="/images/logo.gif"></td></tr></table></td>
      <td><div class="abctitle"><div class="title"><a href="/lich-cong-tac-c5129.aspx">LỊCH CÔNG TÁC</a></div></div>
      <div class="abclist"><div class="news"><div class="title"><a href="/lich-cong-tac-tuan-9-tndetail2436-50379.aspx">Lịch công tác tuần 9 (từ 30/10 đến 04/11/2017)</a></div><span class="date">(27/10/2017)</span></div>
      <div class="news"><div class="title"><a href="/lich-cong-tac-tuan-8-tndetail2436-50301.aspx">Lịch công tác tuần 8</a></div><span class="date">(20/10/2017)</span></div></div>
      </td></tr></table></body></html>`;
    const f = extractPage(page(html, 'http://thcsgiathuy.edu.vn/lich-cong-tac-c5129.aspx', '2017-10-31T02:00:00Z'));
    expect(f.tables).toEqual([]); // layout tables only
    const main = f.lists.find((l) => l.main)!;
    expect(main.heading).toBe('LỊCH CÔNG TÁC');
    expect(main.items.map((i) => [i.url, i.date?.date])).toEqual([
      ['http://thcsgiathuy.edu.vn/lich-cong-tac-tuan-9-tndetail2436-50379.aspx', '2017-10-27'],
      ['http://thcsgiathuy.edu.vn/lich-cong-tac-tuan-8-tndetail2436-50301.aspx', '2017-10-20'],
    ]);
  });
});

describe('Viettel school portal', () => {
  it('reads staff cards with label/value rows, a missing e-mail row and the unit heading', () => {
    const card = (name: string, rows: string) =>
      `<div class="person-type1" itemtype="http://schema.org/Person"><ul><li><div class="row"><div class="col-sm-2"><figure><img src="upload/${name.length}.jpg" alt="${name}"></figure></div>
       <div class="col-sm-10"><ul class="info"><li><div class="col-sm-4">Họ và tên:</div><div class="col-sm-8"><h2 class="person-name"><a href="co-cau-to-chuc/${name}.html">${name}</a></h2></div></li>${rows}</ul></div></div></li></ul></div>`;
    const row = (k: string, v: string) => `<li><div class="col-sm-4">${k}</div><div class="col-sm-8">${v}</div></li>`;
    const html = `<html><body><div class="col-center"><h3 class="title">Tổ bảo vệ</h3><section class="section-person">
      ${card('Nguyễn Văn An', row('Chức vụ:', 'Bảo vệ') + row('Điện thoại:', '0912.345.678'))}
      ${card('Trần Văn Bình', row('Chức vụ:', 'Bảo vệ') + row('Điện thoại:', '+84 98 765 4321') + row('Email:', 'Binh.TV@Gmail.com'))}
      </section></div></body></html>`;
    const f = extractPage(page(html, 'https://thdinhbang2.bacninh.edu.vn/co-cau-to-chuc/to-bao-ve.html'));
    expect(f.people).toEqual([
      { name: 'Nguyễn Văn An', position: 'Bảo vệ', phones: ['0912345678'], emails: [], photo: 'https://thdinhbang2.bacninh.edu.vn/co-cau-to-chuc/upload/13.jpg', group: 'Tổ bảo vệ' },
      expect.objectContaining({ name: 'Trần Văn Bình', phones: ['0987654321'], emails: ['binh.tv@gmail.com'], group: 'Tổ bảo vệ' }),
    ]);
  });

  it('infers the year of "(09/10)" list dates from the fetch date', () => {
    const html = (d: string) =>
      `<html><body><section class="section-list"><article class="item"><h3><a href="a.html">Tin A</a><span class="time-news">(${d})</span></h3></article><article class="item"><h3><a href="b.html">Tin B</a></h3></article></section></body></html>`;
    const at = (d: string, fetched: string) => extractPage(page(html(d), 'https://x.edu.vn/tin-tuc.html', fetched)).lists[0]!.items[0]!.date;
    expect(at('09/10', '2026-10-12T03:00:00Z')).toMatchObject({ date: '2026-10-09', yearInferred: true, role: 'published' });
    // Up to 2 days after the fetch stays in the year; later means last year.
    expect(at('14/10', '2026-10-12T03:00:00Z')).toMatchObject({ date: '2026-10-14' });
    expect(at('20/10', '2026-10-12T03:00:00Z')).toMatchObject({ date: '2025-10-20' });
    expect(at('28/12', '2026-01-05T03:00:00Z')).toMatchObject({ date: '2025-12-28' });
  });

  it('reads a YouTube iframe and a <time datetime> with its visible text', () => {
    const html = `<html><body><article><h1>Video hoạt động</h1><time datetime="2021-02-27T17:01:02+07:00">Thứ 7, 27/02/2021 | 16:59</time>
      <iframe src="https://www.youtube.com/embed/abc123?rel=0" title="Văn nghệ 8/3"></iframe></article></body></html>`;
    const f = extractPage(page(html, 'https://x.edu.vn/video.html'));
    expect(f.videos).toEqual([{ kind: 'youtube', src: 'https://www.youtube.com/embed/abc123?rel=0', title: 'Văn nghệ 8/3' }]);
    expect(f.dates).toContainEqual({ date: '2021-02-27', time: '17:01', text: 'Thứ 7, 27/02/2021 | 16:59', source: 'time', role: 'published' });
  });
});

describe('NukeViet', () => {
  const html = `<html><head><title>Văn bản - THCS Demo</title></head><body>
    <div class="breadcrumbs-wrap"><ol class="breadcrumb"><li><a href="/">Trang nhất</a></li><li><a href="/van-ban/">Văn bản</a></li></ol></div>
    <div class="news_column"><h1 class="title">Công văn số 123/PGDĐT</h1><span class="time">Thứ hai - 09/10/2017 16:00</span>
    <table class="table"><tbody>
      <tr><td>Số kí hiệu</td><td>123/PGDĐT-THCS</td></tr>
      <tr><td>Trích yếu</td><td>V/v rà soát cổng thông tin điện tử</td></tr>
      <tr><td>Ngày ban hành</td><td>09/10/2017</td></tr>
      <tr><td>Ngày bắt đầu hiệu lực</td><td>10/10/2017</td></tr>
      <tr><td>Ngày hết hiệu lực</td><td>31/12/2018</td></tr>
      <tr><td>Tệp đính kèm</td><td><a href="/savefile/VB/cv-123-pgddt.pdf">cv-123-pgddt.pdf</a></td></tr>
    </tbody></table></div></body></html>`;
  const f = () => extractPage(page(html, 'http://thcsdemo.edu.vn/van-ban/savefile/VB/cong-van-123-5.html', '2017-10-10T02:00:00Z'));

  it('reads the date line "Thứ hai - 09/10/2017 16:00" as published', () => {
    expect(f().dates).toContainEqual(expect.objectContaining({ date: '2017-10-09', time: '16:00', role: 'published', text: 'Thứ hai - 09/10/2017 16:00' }));
  });

  it('gives issue, effective and expiry dates their roles from the row labels', () => {
    const roles = f().dates.filter((d) => d.source === 'text' && d.role !== 'published').map((d) => [d.date, d.role]);
    expect(roles).toEqual([
      ['2017-10-09', 'issued'],
      ['2017-10-10', 'effective'],
      ['2018-12-31', 'expires'],
    ]);
  });

  it('reads the savefile attachment and the breadcrumb', () => {
    expect(f().attachments).toEqual([{ url: 'http://thcsdemo.edu.vn/savefile/VB/cv-123-pgddt.pdf', label: 'cv-123-pgddt.pdf', ext: 'pdf' }]);
    expect(f().breadcrumb).toEqual(['Trang nhất', 'Văn bản']);
  });
});

describe('WordPress with a document plugin', () => {
  const html = `<html><head><title>Tin tức &#8211; Trường Tiểu học Demo</title><base href="https://thdemo.edu.vn/blog/">
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":2,"name":"Tin tức"},{"@type":"ListItem","position":1,"name":"Trang chủ"}]}]}</script>
    </head><body>
    <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/gioi-thieu/">Giới thiệu</a></li>
      <li class="menu-item-has-children"><a href="/tin-tuc/">Tin tức</a><ul class="sub-menu"><li><a href="/tin-tuc/thong-bao/">Thông báo</a></li></ul></li></ul></nav>
    <main id="main" class="site-main"><h1 class="page-title">Tin tức</h1>
      <article class="post"><header class="entry-header"><h2 class="entry-title"><a href="hoi-thi-ve-tranh/">Hội thi vẽ tranh</a></h2>
        <time class="entry-date published" datetime="2026-10-05T08:00:00+07:00">05/10/2026</time></header>
        <a href="hoi-thi-ve-tranh/"><img class="wp-post-image" data-src="/wp-content/uploads/2026/10/ve-tranh.jpg" src="data:image/gif;base64,R0lGOD" alt="Vẽ tranh"></a>
        <div class="entry-summary"><p>Các em học sinh khối 4 tham gia hội thi.</p></div></article>
      <article class="post"><header class="entry-header"><h2 class="entry-title"><a href="trung-thu/">Vui Tết Trung thu</a></h2>
        <time class="entry-date published" datetime="2026-09-25T08:00:00+07:00">25/09/2026</time></header></article>
      <iframe src="https://www.youtube-nocookie.com/embed/xyz"></iframe>
      <iframe src="https://player.vimeo.com/video/42"></iframe>
      <iframe src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fthdemo%2Fvideos%2F1%2F"></iframe>
      <video controls><source src="/media/le-khai-giang.mp4" type="video/mp4"><source src="/media/le-khai-giang.mp4"></video>
      <a href="/media/truc-tiep.m3u8">Xem trực tiếp</a>
      <a href="/wp-content/uploads/ke-hoach.xlsx#sheet1">Kế hoạch tháng 10</a>
      <iframe src="https://docs.google.com/viewer?url=https%3A%2F%2Fthdemo.edu.vn%2Fwp-content%2Fuploads%2Fke-hoach.xlsx&embedded=true"></iframe>
      <object data="/wp-content/uploads/thuc-don.pdf#zoom=100" type="application/pdf"></object>
      <a href="/edoc-category/van-ban/">Văn bản</a>
    </main>
    <aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Tin mới</h2>
      <ul><li><a href="/tin-1/">Tin một</a></li><li><a href="/tin-2/">Tin hai</a></li></ul></section></aside></body></html>`;
  const f = () => extractPage(page(html, 'https://thdemo.edu.vn/tin-tuc/'));

  it('resolves links against <base href> and reads the JSON-LD breadcrumb in position order', () => {
    expect(f().title).toBe('Tin tức – Trường Tiểu học Demo');
    expect(f().breadcrumb).toEqual(['Trang chủ', 'Tin tức']);
    expect(f().lists.find((l) => l.main)?.items[0]?.url).toBe('https://thdemo.edu.vn/blog/hoi-thi-ve-tranh/');
  });

  it('reads the post list as the main list (heading from h1) and the widget as a side list', () => {
    const main = f().lists.find((l) => l.main)!;
    expect(main.heading).toBe('Tin tức');
    expect(main.items[0]).toEqual({
      title: 'Hội thi vẽ tranh',
      url: 'https://thdemo.edu.vn/blog/hoi-thi-ve-tranh/',
      date: { date: '2026-10-05', time: '08:00', text: '05/10/2026', source: 'time', role: 'published' },
      image: 'https://thdemo.edu.vn/wp-content/uploads/2026/10/ve-tranh.jpg',
      summary: 'Các em học sinh khối 4 tham gia hội thi.',
    });
    expect(f().lists.find((l) => l.heading === 'Tin mới')).toMatchObject({ main: false, items: [{ title: 'Tin một' }, { title: 'Tin hai' }] });
  });

  it('reads lazy images, every kind of video once, and viewers merged with their file', () => {
    expect(f().images).toContainEqual({ src: 'https://thdemo.edu.vn/wp-content/uploads/2026/10/ve-tranh.jpg', alt: 'Vẽ tranh', inContent: true });
    expect(f().videos.map((v) => v.kind)).toEqual(['youtube', 'vimeo', 'facebook', 'html5', 'file']);
    expect(f().attachments).toEqual([
      {
        url: 'https://thdemo.edu.vn/wp-content/uploads/ke-hoach.xlsx',
        label: 'Kế hoạch tháng 10',
        ext: 'xlsx',
        viewerUrl: 'https://docs.google.com/viewer?url=https%3A%2F%2Fthdemo.edu.vn%2Fwp-content%2Fuploads%2Fke-hoach.xlsx&embedded=true',
      },
      { url: 'https://thdemo.edu.vn/wp-content/uploads/thuc-don.pdf', label: 'thuc-don.pdf', ext: 'pdf', viewerUrl: 'https://thdemo.edu.vn/wp-content/uploads/thuc-don.pdf' },
    ]);
  });

  it('keeps WordPress sub-menus with their parent item', () => {
    expect(f().navLinks).toContainEqual({ url: 'https://thdemo.edu.vn/tin-tuc/thong-bao/', label: 'Thông báo', parents: ['Tin tức'], region: 'nav' });
  });
});
