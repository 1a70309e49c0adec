/**
 * A section's items are any repeated blocks that carry a title and (usually) a date: list entries,
 * cards, table rows, accordion items, tab panes, album and video blocks, with or without a link to
 * a page of their own. One shape per test, on small snippets of the markup real portals use.
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/page.js';
import type { ListFact, PageFacts } from '../../src/types.js';
import { page } from './real-pages.js';

const FETCHED = '2026-10-30T03:00:00Z';
const ORIGIN = 'https://thcs-demo.longbien.edu.vn';
const facts = (body: string, path = '/tin-tuc/c/1', head = '<title>Trường THCS Demo</title>') =>
  extractPage(page(`<html><head>${head}</head><body>${body}</body></html>`, `${ORIGIN}${path}`, FETCHED));
const home = (body: string) => facts(body, '/');
const main = (f: PageFacts): ListFact => f.lists.find((l) => l.main)!;
const named = (f: PageFacts, heading: RegExp): ListFact => f.lists.find((l) => heading.test(l.heading))!;

describe('items without a link', () => {
  it('reads a home-page column of notices typed as text, each with its date', () => {
    const f = home(`<div class="col-right"><h3 class="title">THÔNG BÁO</h3><ul>
      <li><b>Thông báo lịch nghỉ lễ 20/11</b> <i>(28/10/2026)</i></li>
      <li><b>Thông báo họp phụ huynh học kỳ I</b> <i>(21/10/2026)</i></li></ul></div>`);
    const column = named(f, /THÔNG BÁO/);
    expect(column.items.map((i) => [i.title, i.url, i.date?.date])).toEqual([
      ['Thông báo lịch nghỉ lễ 20/11', undefined, '2026-10-28'],
      ['Thông báo họp phụ huynh học kỳ I', undefined, '2026-10-21'],
    ]);
  });

  it('takes the title from the heading of a post block whose only link says "Xem chi tiết", and the time of its date line', () => {
    const f = facts(`<h1>Hoạt động chung</h1><div class="ds-tin">
      <div class="tin"><h3>Lễ kỷ niệm ngày Nhà giáo Việt Nam</h3><p class="ngay">Cập nhật lúc 09:15 ngày 28/10/2026</p><p>Sáng ngày 27/10/2026 …</p><a href="/bai-viet.php?id=153">Xem chi tiết »</a></div>
      <div class="tin"><h3>Hội thi giáo viên dạy giỏi cấp trường</h3><p class="ngay">Cập nhật lúc 14:00 ngày 20/10/2026</p><p>Tóm tắt …</p></div></div>`);
    const list = main(f);
    expect(list.items[0]).toMatchObject({ title: 'Lễ kỷ niệm ngày Nhà giáo Việt Nam', url: `${ORIGIN}/bai-viet.php?id=153`, date: { date: '2026-10-28', time: '09:15', role: 'updated' } });
    expect(list.items[1]).toMatchObject({ title: 'Hội thi giáo viên dạy giỏi cấp trường', date: { date: '2026-10-20', time: '14:00' } });
    expect(list.items[1]!.url).toBeUndefined();
  });

  it('reads album blocks shown in place: a title, a date and their photos', () => {
    const photos = (n: number) => Array.from({ length: n }, (_, i) => `<img src="/upload/album/a${n}-${i}.jpg" width="300">`).join('');
    const f = facts(`<h1>Thư viện ảnh</h1><div class="albums">
      <div class="album"><h4>Hội khỏe Phù Đổng</h4><span>Ngày 20/10/2026</span>${photos(3)}</div>
      <div class="album"><h4>Trải nghiệm nông trại</h4><span>Ngày 02/10/2026</span>${photos(4)}</div></div>`);
    expect(main(f).items.map((i) => [i.title, i.date?.date, i.images])).toEqual([
      ['Hội khỏe Phù Đổng', '2026-10-20', 3],
      ['Trải nghiệm nông trại', '2026-10-02', 4],
    ]);
  });

  it('gives a video block the date written beside its player', () => {
    const f = facts(`<h1>Video</h1><div class="clips">
      <div class="clip"><h4>Ngày hội đọc sách</h4><iframe src="https://www.youtube.com/embed/abc123"></iframe><p>Đăng ngày 25/10/2026</p></div>
      <div class="clip"><h4>Diễn tập phòng cháy</h4><iframe src="https://www.youtube.com/embed/def456"></iframe><p>Đăng ngày 30/09/2026</p></div></div>`);
    expect(main(f).items.map((i) => [i.title, i.date?.date, i.video?.kind])).toEqual([
      ['Ngày hội đọc sách', '2026-10-25', 'youtube'],
      ['Diễn tập phòng cháy', '2026-09-30', 'youtube'],
    ]);
  });

  it('reads the rows of an old layout table of videos, a bold title beside each player', () => {
    const f = facts(`<h1>Video</h1><table><tr><td><iframe src="https://www.youtube.com/embed/a1"></iframe></td><td><b>Ngày hội đọc sách</b><br><span class="ngay">Đăng ngày 28/10/2026</span></td></tr>
      <tr><td><iframe src="https://www.youtube.com/embed/a2"></iframe></td><td><b>Diễn tập phòng cháy</b><br><span class="ngay">Đăng ngày 30/09/2026</span></td></tr></table>`);
    expect(main(f).items.map((i) => [i.title, i.date?.date])).toEqual([
      ['Ngày hội đọc sách', '2026-10-28'],
      ['Diễn tập phòng cháy', '2026-09-30'],
    ]);
  });

  it('dates a plain roll of names by the date of its heading', () => {
    const f = facts(`<h1>Gương mặt tiêu biểu</h1><div class="noidung"><h3>Học sinh tiêu biểu tháng 10 - ngày 28/10/2026</h3>
      <ol><li>Nguyễn Minh An - 9A1 - giải Nhất Toán cấp quận</li><li>Trần Thu Hà - 8A2 - Tấm gương vượt khó</li></ol></div>`);
    expect(main(f).items.map((i) => [i.title, i.date?.date])).toEqual([
      ['Nguyễn Minh An - 9A1 - giải Nhất Toán cấp quận', '2026-10-28'],
      ['Trần Thu Hà - 8A2 - Tấm gương vượt khó', '2026-10-28'],
    ]);
  });

  it('reads documents typed as paragraphs: the title is the text, not "Tải về"; issue and posting dates by their words', () => {
    const f = facts(`<h1>Văn bản trường</h1><div class="vb">
      <p>Số 45/KH-THCS ngày 05/10/2026 — Kế hoạch tổ chức Hội thi giáo viên giỏi (Đăng ngày 06/10/2026) <a href="/upload/45-kh.pdf">[Tải về]</a></p>
      <p>Số 41/QĐ-THCS ngày 01/10/2026 — Quyết định thành lập Ban kiểm tra nội bộ (Đăng ngày 01/10/2026) <a href="/upload/41-qd.pdf">[Tải về]</a></p></div>`);
    const first = main(f).items[0]!;
    expect(first.title).toMatch(/^Số 45\/KH-THCS ngày 05\/10\/2026 — Kế hoạch tổ chức/);
    expect(first.url).toBe(`${ORIGIN}/upload/45-kh.pdf`);
    expect(first.dates?.map((d) => [d.date, d.role])).toEqual([
      ['2026-10-05', 'issued'],
      ['2026-10-06', 'published'],
    ]);
    expect(first.date).toMatchObject({ date: '2026-10-06', role: 'published' });
  });

  it('never reads the paragraphs of an article as a list, nor its title block as one item', () => {
    const f = facts(
      `<h1>Hội giảng chào mừng 20/11</h1><div class="news-detail"><p class="date">Thứ sáu, 30/10/2026, 10:05</p>
      <p>Ngày 26/10/2026, tổ Toán tổ chức dự giờ tiết dạy mẫu.</p><p>Ngày 27/10/2026, tổ Ngữ văn tổ chức chuyên đề đổi mới phương pháp.</p>
      <p>Ngày 28/10/2026, Ban giám hiệu tổng kết đợt thi đua.</p></div>`,
      '/tin-tuc/hoi-giang/ct/1/5',
    );
    expect(f.lists.some((l) => l.main)).toBe(false);
    expect(f.dates.find((d) => d.role === 'published')).toMatchObject({ date: '2026-10-30', time: '10:05' });
  });

  it('leaves out of a post page\'s dates those of the related posts beside it', () => {
    const f = facts(
      `<h1>Thực đơn tuần 10</h1><div class="news-detail"><p class="date">Thứ sáu, 30/10/2026, 15:30</p><p>${'Thực đơn bán trú của các con trong tuần. '.repeat(20)}</p></div>
      <div class="related"><h3>Tin cùng chuyên mục</h3><ul><li><a href="/a/ct/1/1">Thực đơn tuần 9</a> <span>(23/10/2026)</span></li><li><a href="/a/ct/1/2">Thực đơn tuần 8</a> <span>(16/10/2026)</span></li></ul></div>`,
      '/thuc-don/ct/1/3',
    );
    expect(named(f, /cùng chuyên mục/).main).toBe(false);
    expect(f.dates.filter((d) => d.role === 'published').map((d) => d.date)).toEqual(['2026-10-30']);
  });
});

describe('cards, tabs, accordions, single items', () => {
  it('reads a card grid whose title is text under an empty link over the card, and the date in the footer', () => {
    const card = (slug: string, title: string, date: string) =>
      `<div class="col-md-4"><div class="card"><img class="card-img-top" src="/img/${slug}.jpg"><div class="card-body"><h5 class="card-title">${title}</h5><p class="card-text">Tóm tắt ${title}.</p><a href="/bai-viet/${slug}" class="stretched-link"></a></div><div class="card-footer"><small class="text-muted">${date}</small></div></div></div>`;
    const f = facts(`<h1>Tin tức</h1><div class="row g-3">${card('a', 'Ngày hội đọc sách', '28/10/2026')}${card('b', 'Tuyên truyền an toàn giao thông', '21/10/2026')}${card('c', 'Hội thi vẽ tranh', '14/10/2026')}</div>`);
    expect(main(f).items.map((i) => [i.title, i.url, i.date?.date])).toEqual([
      ['Ngày hội đọc sách', `${ORIGIN}/bai-viet/a`, '2026-10-28'],
      ['Tuyên truyền an toàn giao thông', `${ORIGIN}/bai-viet/b`, '2026-10-21'],
      ['Hội thi vẽ tranh', `${ORIGIN}/bai-viet/c`, '2026-10-14'],
    ]);
  });

  it('keeps the fields a card shows ("Môn: Toán", "Khối: 3") with the item', () => {
    const plan = (n: number) =>
      `<div class="col"><div class="card"><div class="card-body"><h5 class="card-title"><a href="/giao-an/${n}">Giáo án bài ${n}</a></h5><ul><li>Môn: Toán</li><li>Khối: 3</li><li>Học kỳ: I</li><li>Tác giả: Nguyễn Thị Lan</li></ul></div><div class="card-footer"><small>2${n}/10/2026</small></div></div></div>`;
    const f = facts(`<h1>Giáo án điện tử</h1><div class="row">${plan(1)}${plan(2)}</div>`);
    expect(main(f).items[0]!.text).toMatch(/Môn: Toán.*Khối: 3.*Học kỳ: I.*Tác giả: Nguyễn Thị Lan/);
  });

  it('names the list of a Bootstrap 5 tab pane after its button, the pane hidden or not', () => {
    const f = home(`<ul class="nav nav-tabs" role="tablist"><li><button class="nav-link active" data-bs-target="#tin-moi">Tin mới</button></li><li><button class="nav-link" data-bs-target="#thong-bao">Thông báo</button></li></ul>
      <div class="tab-content"><div class="tab-pane fade show active" id="tin-moi"><ul><li><a href="/t/1">Tin một</a> <span>(28/10/2026)</span></li><li><a href="/t/2">Tin hai</a> <span>(27/10/2026)</span></li></ul></div>
      <div class="tab-pane fade" id="thong-bao"><ul><li><a href="/tb/1">Thông báo tiêm chủng</a> <span>(29/10/2026)</span></li><li><a href="/tb/2">Thông báo giờ đón trẻ</a> <span>(15/10/2026)</span></li></ul></div></div>`);
    expect(named(f, /^Thông báo$/).items.map((i) => i.title)).toEqual(['Thông báo tiêm chủng', 'Thông báo giờ đón trẻ']);
  });

  it('reads accordion items: the title in the header button, the posting date and time inside, not the week in the title', () => {
    const week = (n: number, from: string, to: string, posted: string) =>
      `<div class="accordion-item"><h2 class="accordion-header"><button class="accordion-button" data-bs-toggle="collapse" data-bs-target="#w${n}">Thực đơn tuần ${n} (${from} - ${to})</button></h2><div id="w${n}" class="accordion-collapse collapse"><div class="accordion-body"><table><tr><td>Thứ hai</td><td>Cơm, canh cua</td></tr><tr><td>Thứ ba</td><td>Phở gà</td></tr></table><p>Đăng lúc ${posted}</p></div></div></div>`;
    const f = facts(`<h1>Thực đơn</h1><div class="accordion">${week(10, '02/11', '06/11/2026', '15:10 ngày 30/10/2026')}${week(9, '26/10', '30/10/2026', '15:05 ngày 23/10/2026')}</div>`);
    expect(main(f).items.map((i) => [i.title, i.date?.date, i.date?.time, i.date?.role])).toEqual([
      ['Thực đơn tuần 10 (02/11 - 06/11/2026)', '2026-10-30', '15:10', 'published'],
      ['Thực đơn tuần 9 (26/10 - 30/10/2026)', '2026-10-23', '15:05', 'published'],
    ]);
  });

  it('reads <details> blocks with their <summary> as items', () => {
    const f = facts(`<h1>Lịch công tác tuần</h1><div class="lich">
      <details><summary>Lịch công tác tuần từ 02/11/2026 đến 08/11/2026</summary><p>Đăng ngày 30/10/2026</p><p>Thứ hai: chào cờ.</p></details>
      <details><summary>Lịch công tác tuần từ 26/10/2026 đến 01/11/2026</summary><p>Đăng ngày 23/10/2026</p><p>Thứ hai: chào cờ.</p></details></div>`);
    expect(main(f).items.map((i) => [i.title, i.date?.date])).toEqual([
      ['Lịch công tác tuần từ 02/11/2026 đến 08/11/2026', '2026-10-30'],
      ['Lịch công tác tuần từ 26/10/2026 đến 01/11/2026', '2026-10-23'],
    ]);
  });

  it('reads a column heading over a single notice as a list, its title bar holding a "Xem tất cả" link', () => {
    const f = home(`<div class="col-lg-4"><section class="home-section"><div class="d-flex"><h2>Thông báo</h2><a href="/danh-muc/thong-bao">Xem tất cả</a></div>
      <ul class="list-unstyled"><li><a href="/bai-viet/hop-phu-huynh">Thông báo họp phụ huynh</a> <small>29/10/2026</small></li></ul></section></div>`);
    expect(named(f, /^Thông báo$/).items).toEqual([expect.objectContaining({ title: 'Thông báo họp phụ huynh', date: expect.objectContaining({ date: '2026-10-29' }) })]);
  });
});

describe('tables and links of documents', () => {
  it('reads a document table without links as a list of its rows, dated by the issue date in the number cell', () => {
    const f = facts(`<h1>Bài giảng E-learning</h1><table><thead><tr><th>STT</th><th>Tên bài giảng</th><th>Môn</th><th>Giáo viên</th><th>Ngày đăng</th></tr></thead>
      <tbody><tr><td>1</td><td>Hàm SUM, AVERAGE</td><td>Tin học</td><td>Đặng Minh Tú</td><td>25/10/2026</td></tr><tr><td>2</td><td>Hệ phương trình</td><td>Toán</td><td>Bùi Quang Huy</td><td>04/10/2026</td></tr></tbody></table>`);
    const list = main(f);
    expect(list.table).toBe(0);
    expect(list.items.map((i) => [i.title, i.date?.date])).toEqual([
      ['Hàm SUM, AVERAGE', '2026-10-25'],
      ['Hệ phương trình', '2026-10-04'],
    ]);
  });

  it('records the file a viewer link of a table cell shows ("Xem" → /van-ban/xem-tep?f=…pdf)', () => {
    const f = facts(`<h1>Ba công khai</h1><table><tr><th>Văn bản</th><th>Ngày đăng</th><th>Xem</th></tr>
      <tr><td>Số 05/TB-THCS ngày 14/09/2026: Cam kết chất lượng</td><td>14/09/2026</td><td><a href="/van-ban/xem-tep?f=/uploads/05-tb.pdf">Xem</a> | <a href="/uploads/05-tb.docx">Tải .docx</a></td></tr></table>`);
    const cell = f.tables[0]!.rows[0]![2]!;
    expect(cell.links).toEqual([`${ORIGIN}/van-ban/xem-tep?f=/uploads/05-tb.pdf`, `${ORIGIN}/uploads/05-tb.pdf`, `${ORIGIN}/uploads/05-tb.docx`]);
    expect(cell.viewers).toEqual([{ file: `${ORIGIN}/uploads/05-tb.pdf`, viewer: `${ORIGIN}/van-ban/xem-tep?f=/uploads/05-tb.pdf` }]);
    // the links of a data table's cells are read with its rows, not as a list of their own
    expect(f.lists.map((l) => l.items.map((i) => i.title))).toEqual([['Số 05/TB-THCS ngày 14/09/2026: Cam kết chất lượng']]);
  });

  it('never reads the key/value details of a document as a list', () => {
    const f = facts(`<h1>Quyết định 38/QĐ</h1><table><tr><td class="td-title">Số hiệu</td><td>38/QĐ-THHB</td></tr>
      <tr><td class="td-title">Ngày ban hành</td><td>10/10/2026</td></tr><tr><td class="td-title">Ngày đăng</td><td>10/10/2026 16:30</td></tr></table>`, '/van-ban/38');
    expect(f.lists).toEqual([]);
  });

  it('reads a QI path bar (div.qi-duongdan) as the breadcrumb, not as a list', () => {
    const f = facts(`<div class="qi-duongdan"><a href="/">Trang chủ</a> / <a href="/album-anh/c/31023">Album ảnh</a></div><h1>Album ảnh</h1>
      <div class="qi-danhsach"><div class="qi-item"><h3><a href="/album-anh/a/ct/31023/1">Album: Đại hội Liên đội</a></h3><p><span>16/10/2026</span></p></div>
      <div class="qi-item"><h3><a href="/album-anh/b/ct/31023/2">Album: Nông trại</a></h3><p><span>28/10/2026</span></p></div></div>`, '/album-anh/c/31023');
    expect(f.breadcrumb).toEqual(['Trang chủ', 'Album ảnh']);
    expect(main(f).items.map((i) => i.title)).toEqual(['Album: Đại hội Liên đội', 'Album: Nông trại']);
  });
});

describe('staff cards without labels', () => {
  it('reads a card that shows the position as a plain line, a phone after "ĐT:" and an e-mail link', () => {
    const card = (name: string, position: string, phone: string, mail: string) =>
      `<div class="col"><div class="card"><img src="/anh/${phone}.jpg" width="120"><div class="card-body"><h5>${name}</h5><p>${position}</p><p>ĐT: ${phone}</p><p><a href="mailto:${mail}">${mail}</a></p></div></div></div>`;
    const f = facts(`<h1>Ban giám hiệu</h1><div class="row">${card('Nguyễn Thị Du', 'Hiệu trưởng', '0912345678', 'du@thdemo.edu.vn')}${card('Phạm Văn Huy', 'Phó hiệu trưởng', '0987654321', 'huy@thdemo.edu.vn')}</div>`, '/co-cau-to-chuc/ban-giam-hieu');
    expect(f.people.map((p) => [p.name, p.position, p.phones, p.emails, !!p.photo])).toEqual([
      ['Nguyễn Thị Du', 'Hiệu trưởng', ['0912345678'], ['du@thdemo.edu.vn'], true],
      ['Phạm Văn Huy', 'Phó hiệu trưởng', ['0987654321'], ['huy@thdemo.edu.vn'], true],
    ]);
  });
});
