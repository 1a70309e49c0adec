/**
 * The Viettel school portal of TH Đình Bảng 2 (HTTrack mirror, test/data/real-sites/thdinhbang2):
 * what its README states about each page, read back from PageFacts.
 */
import { describe, expect, it } from 'vitest';
import { normaliseVi } from '../../src/normalise.js';
import { facts, viettelPage } from './real-pages.js';

const HOST = 'http://thdinhbang2.bacninh.edu.vn/';
const home = () => facts(viettelPage('index.html'));

describe('Viettel home page (index.html)', () => {
  it('keeps the desktop menu three levels deep with the labels of the enclosing items', () => {
    const quocHoi = home().navLinks.find((n) => n.label === 'QUỐC HỘI');
    expect(quocHoi).toMatchObject({
      url: `${HOST}van-ban-cong-van/thong-bao-pho-bien/quoc-hoi.html`,
      parents: ['Văn bản - Công văn', 'Văn bản chỉ đạo - điều hành'],
      region: 'nav',
    });
    const bgh = home().navLinks.find((n) => n.label === 'Ban giám hiệu');
    expect(bgh?.parents).toEqual(['Trang chủ', 'Cơ cấu tổ chức']);
  });

  it('keeps the menu once although desktop, mobile dd-nav and footer repeat it', () => {
    const nav = home().navLinks;
    const keys = nav.map((n) => `${n.url}|${n.label}|${n.parents.join('>')}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(nav.filter((n) => n.label === 'Ban giám hiệu' && n.parents.length === 2)).toHaveLength(1);
  });

  it('counts the top bar of external links and the sidebar application list as menus', () => {
    const nav = home().navLinks;
    expect(nav.find((n) => n.label === 'Xem công văn')?.url).toBe('http://edu.vpdt.com.vn/');
    expect(nav.some((n) => n.region === 'sidebar' && n.label === 'HỆ THỐNG THÔNG TIN QLGD')).toBe(true);
  });

  it('finds each home-page block with its heading, none of them the main list', () => {
    const lists = home().lists;
    expect(lists.every((l) => !l.main)).toBe(true);
    const headings = lists.map((l) => l.heading);
    for (const h of ['THƯ VIỆN ẢNH', 'VIDEO HOẠT ĐỘNG', 'TIN TỨC - SỰ KIỆN', 'HOẠT ĐỘNG NHÀ TRƯỜNG', 'THÔNG BÁO-PHỔ BIẾN', 'TUYÊN TRUYỀN - PHÁT ĐỘNG', 'ĐỐI THOẠI GIÁO DỤC', 'Kế hoạch giáo dục', 'Công tác chủ nhiệm']) {
      expect(headings).toContain(h);
    }
  });

  it('reads list dates from "(07/10/2021)" spans as publication dates', () => {
    const news = home().lists.find((l) => l.heading === 'TIN TỨC - SỰ KIỆN')!;
    expect(news.items.length).toBeGreaterThanOrEqual(10);
    expect(news.items[0]).toMatchObject({
      title: 'TRỰC TUYẾN HỘI NGHỊ THỰC HIỆN CHƯƠNG TRÌNH GIÁO DỤC PHỔ THÔNG CẤP TIỂU HỌC ỨNG PHÓ VỚI DỊCH COVID-19',
      url: `${HOST}tin-tuc-su-kien/hoat-dong-su-kien/truc-tuyen-hoi-nghi-thuc-hien-chuong-trinh-giao-duc-pho-thon.html`,
      date: { date: '2021-10-07', role: 'published', source: 'text' },
    });
    const albums = home().lists.find((l) => l.heading === 'THƯ VIỆN ẢNH')!;
    expect(albums.items[0]!.date?.date).toBe('2021-03-03');
    expect(albums.items[0]!.image).toMatch(/^http:\/\/thdinhbang2\.bacninh\.edu\.vn\/publish\/thumbnail\//);
  });

  it('reads <time datetime> with a two-digit year as 2021-09-06 10:32', () => {
    expect(home().dates).toContainEqual(expect.objectContaining({ date: '2021-09-06', time: '10:32', source: 'time', role: 'published' }));
    expect(home().dates).toContainEqual(expect.objectContaining({ date: '2021-10-07', time: '13:47', source: 'time' }));
  });

  it('reads the hidden simplyScroll list of documents as a JS ticker and as the "THÔNG BÁO" block', () => {
    const ticker = home().tickers.find((t) => t.kind === 'js');
    expect(ticker?.text).toContain('Số: 1455/SGDĐT-GDTH');
    expect(ticker?.text).toContain(' | ');
    const block = home().lists.find((l) => l.heading === 'THÔNG BÁO-PHỔ BIẾN')!;
    expect(block.items).toHaveLength(6);
    expect(block.items[0]).toMatchObject({
      title: 'Hướng dẫn thực hiện nhiệm vụ ứng dụng CNTT và thống kê giáo dục năm học 2021-2022',
      date: { date: '2021-09-24', role: 'issued' },
    });
  });

  it('never takes the visitor counter or document numbers for phones or dates', () => {
    const f = home();
    expect(f.contacts.phones).toEqual([]);
    expect(f.dates.some((d) => /Hôm nay|Tháng trước|4\.377/.test(d.text))).toBe(false);
    expect(f.text).not.toContain('Tháng trước');
  });

  it('reads the footer e-mail and no phone from "Phone: | Fax: Đang cập nhật"', () => {
    expect(home().contacts.emails).toEqual(['nbh-txtuson-thdinhbang2@edu.viettel.vn']);
  });

  it('has no breadcrumb and resolves relative links against the page', () => {
    expect(home().breadcrumb).toEqual([]);
    expect(home().links).toContainEqual({ url: `${HOST}gioi-thieu.html`, label: 'Giới thiệu' });
    expect(home().links.every((l) => /^https?:\/\//.test(l.url) && !l.url.includes('#'))).toBe(true);
  });
});

describe('Viettel introduction page (gioi-thieu.html)', () => {
  const f = () => facts(viettelPage('gioi-thieu.html'));

  it('reads the ol.breadcrumb and the +0700 meta date, and ignores the malformed DC.Date', () => {
    expect(f().breadcrumb).toEqual(['Trang chủ', 'Giới thiệu']);
    expect(f().dates).toContainEqual(expect.objectContaining({ date: '2019-02-27', time: '17:57', source: 'meta', role: 'published' }));
    expect(f().dates.some((d) => d.text.includes('DC.Date'))).toBe(false);
  });

  it('matches the decomposed heading "GIỚI THIỆU CHUNG" after NFC', () => {
    expect(f().text).toContain('GIỚI THIỆU CHUNG');
    expect(f().text).toBe(f().text.normalize('NFC'));
    expect(normaliseVi(f().text)).toContain('gioi thieu chung');
  });

  it('takes the article as the main content, about an A4 page of words', () => {
    expect(f().wordCount).toBeGreaterThan(300);
    expect(f().text.startsWith('Giới thiệu GIỚI THIỆU CHUNG')).toBe(true);
  });

  it('keeps the template contacts as typed (judging decides)', () => {
    expect(f().contacts.phones).toEqual(['0987654321']);
    expect(f().contacts.emails).toContain('admin@vhv.vn');
  });
});

describe('Viettel staff pages (co-cau-to-chuc)', () => {
  it('reads the two Ban giám hiệu cards with phones, e-mails, photos and their unit', () => {
    const f = facts(viettelPage('co-cau-to-chuc/ban-giam-hieu.html'));
    expect(f.breadcrumb).toEqual(['Trang chủ', 'Cơ cấu tổ chức', 'Ban giám hiệu']);
    expect(f.people).toEqual([
      {
        name: 'Nguyễn Thị Du',
        position: 'Hiệu trưởng',
        phones: ['02413842999'],
        emails: ['nguyendu.thdb@gmail.com'],
        photo: `${HOST}upload/63377/20190322/8b04062442f5bdc37d159ffa3978dad101_du_copy_copy.jpg`,
        group: 'Ban giám hiệu',
      },
      {
        name: 'Phạm Thị Thanh Huyền',
        position: 'Phó hiệu trưởng',
        phones: ['02413842998'],
        emails: ['phamhuyenthdb2@gmail.com'],
        photo: `${HOST}upload/63377/20190322/3f5eda5eea9b5641a4364c0d484d937502_thanh_huyen_copy_copy.jpg`,
        group: 'Ban giám hiệu',
      },
    ]);
    expect(f.lists.find((l) => l.main)).toMatchObject({ heading: 'Ban giám hiệu' });
    expect(f.images.filter((i) => i.inContent).map((i) => i.alt)).toEqual(['Nguyễn Thị Du', 'Phạm Thị Thanh Huyền']);
  });

  it('keeps the cards whose name is a birth date, and cards without e-mail rows', () => {
    const f = facts(viettelPage('co-cau-to-chuc.html'));
    // The stored copy holds 12 cards (schema.org Person), all with "Họ và tên".
    expect(f.people).toHaveLength(12);
    expect(f.people.map((p) => p.name)).toContain('21/12/1989');
    const birthDate = f.people.find((p) => p.name === '21/12/1989')!;
    expect(birthDate).toMatchObject({ phones: ['0974658997'], emails: [], group: 'Cơ cấu tổ chức' });
    expect(birthDate.position).toBeUndefined();
    expect(f.people.find((p) => p.name === '20/03/1990')?.position).toBe('Năm sinh');
  });

  it('reads a staff detail table ("Họ và tên", "Chức vụ", "Điện thoại", "Email") as one person', () => {
    const f = facts(viettelPage('co-cau-to-chuc/ban-giam-hieu/nguyen-thi-du.html'));
    expect(f.title).toBe('Nguyễn Thị Du'); // <title> is empty: og:title
    expect(f.people).toEqual([
      {
        name: 'Nguyễn Thị Du',
        position: 'Hiệu trưởng',
        phones: ['02413842999'],
        emails: ['nguyendu.thdb@gmail.com'],
        photo: `${HOST}upload/63377/20190322/8b04062442f5bdc37d159ffa3978dad101_du_copy_copy.jpg`,
        group: 'Ban giám hiệu',
      },
    ]);
    // The birth date 11/08/1975 is older than any date calendar/dates accepts: no text date at all.
    expect(f.dates.filter((d) => d.source === 'text')).toEqual([]);
  });

  it('reads the other detail cards, whose row sets differ', () => {
    const huyen = facts(viettelPage('co-cau-to-chuc/ban-giam-hieu/pham-thi-thanh-huyen.html')).people;
    expect(huyen).toMatchObject([{ name: 'Phạm Thị Thanh Huyền', position: 'Phó hiệu trưởng', phones: ['02413842998'] }]);
    const nhan = facts(viettelPage('co-cau-to-chuc/to-hanh-chinh/vu-thi-nhan.html'));
    expect(nhan.people).toMatchObject([{ name: 'Vũ Thị Nhàn', position: 'Tổ trưởng', phones: ['0912322685'], emails: [], group: 'Tổ hành chính' }]);
    // "Ngày tháng năm sinh 12/07/2017" (a wrong birth date) is a date, but never a publication date.
    expect(nhan.dates.filter((d) => d.source === 'text')).toEqual([expect.objectContaining({ date: '2017-07-12', role: 'other' })]);
  });

  it('reads the one-card "Tổ hành chính" list', () => {
    const f = facts(viettelPage('co-cau-to-chuc/to-hanh-chinh.html'));
    expect(f.people).toMatchObject([{ name: 'Vũ Thị Nhàn', position: 'Tổ trưởng', group: 'Tổ hành chính' }]);
  });

  it('gives no people and no main list for the empty "Tổ văn phòng" unit', () => {
    const f = facts(viettelPage('co-cau-to-chuc/to-van-phong.html'));
    expect(f.people).toEqual([]);
    expect(f.lists.some((l) => l.main)).toBe(false);
    expect(f.breadcrumb.at(-1)).toBe('Tổ văn phòng');
  });
});

describe('Viettel documents (van-ban-cong-van)', () => {
  it('reads the document table columns, rows and the direct PDF links', () => {
    const f = facts(viettelPage('van-ban-cong-van.html'));
    expect(f.tables).toHaveLength(1);
    const t = f.tables[0]!;
    expect(t.headers).toEqual(['STT', 'Tên văn bản', 'Nơi nhận', 'Số hiệu', 'Ngày ban hành', 'File đính kèm']);
    expect(t.rows).toHaveLength(4);
    expect(t.rows[0]!.map((c) => c.text)).toEqual(['1', 'Chỉ thị về việc thực hiện nhiệm vụ trọng tâm năm học 2017-2018', '', '12/CT-UBND', '22/08/2017', '']);
    expect(t.rows[0]![1]!.links).toEqual([`${HOST}van-ban-cong-van/van-ban/chi-thi-ve-viec-thuc-hien-nhiem-vu-trong-tam-nam-hoc-2017-20.html`]);
    expect(t.rows[0]![5]!.links[0]).toMatch(/^http:\/\/thdinhbang2\.bacninh\.edu\.vn\/upload\/63377\/20190322\/.*\.pdf$/);
    expect(f.attachments).toHaveLength(4);
    expect(f.attachments.every((a) => a.ext === 'pdf' && !a.viewerUrl)).toBe(true);
  });

  it('lists the documents as the main list with their issue dates', () => {
    const f = facts(viettelPage('van-ban-cong-van.html'));
    const main = f.lists.find((l) => l.main)!;
    expect(main.heading).toBe('Văn bản - Công văn');
    expect(main.items[1]).toMatchObject({ title: 'Hướng dẫn thực hiện nhiệm vụ năm học 2017-2018 cấp tiểu học', date: { date: '2017-08-30', role: 'issued' } });
    expect(f.dates).toContainEqual(expect.objectContaining({ date: '2017-08-22', role: 'issued', source: 'text' }));
    expect(f.contacts.phones).toEqual([]);
  });

  it('reads the downloadFile() button and the inline PDF iframe of a document as one attachment', () => {
    const f = facts(viettelPage('van-ban-cong-van/van-ban/chi-thi-ve-viec-thuc-hien-nhiem-vu-trong-tam-nam-hoc-2017-20.html'));
    const pdf = `${HOST}upload/63377/20190322/8e8b8c0a0c09d0abb39c638788546ec2ct-ubndsigned2282017725920178_269201715.pdf`;
    expect(f.attachments).toEqual([{ url: pdf, label: 'Tệp đính kèm: ct-ubndsigned2282017725920178_269201715.pdf', ext: 'pdf', viewerUrl: pdf }]);
    expect(f.tables[0]!.rows.flatMap((r) => r.flatMap((c) => c.links))).toContain(pdf);
  });

  it('reads "Ngày hiệu lực 22/08/2017" as the effective date while "Ngày ban hành" is blank', () => {
    const f = facts(viettelPage('van-ban-cong-van/van-ban/chi-thi-ve-viec-thuc-hien-nhiem-vu-trong-tam-nam-hoc-2017-20.html'));
    expect(f.dates.filter((d) => d.source === 'text')).toEqual([expect.objectContaining({ date: '2017-08-22', role: 'effective' })]);
    expect(f.title).toBe('Chỉ thị về việc thực hiện nhiệm vụ trọng tâm năm học ...');
    const related = f.tables.find((t) => t.caption === 'Văn bản liên quan')!;
    expect(related.rows).toEqual([]); // "Không có văn bản"
  });
});

describe('Viettel news (tin-tuc-su-kien)', () => {
  it('reads the category page as the main list with <time> dates, summaries and sub-folder links', () => {
    const f = facts(viettelPage('tin-tuc-su-kien/hoat-dong-chuyen-mon.html'));
    const main = f.lists.find((l) => l.main)!;
    expect(main.heading).toBe('Hoạt động chuyên môn');
    expect(main.items).toHaveLength(6);
    expect(main.items[0]).toMatchObject({
      title: 'Xúc động và tự hào Lễ Báo công dâng lên Bát vị Tiên vương triều Lý',
      url: `${HOST}tin-tuc-su-kien/xuc-dong-va-tu-hao-le-bao-cong-dang-len-bat-vi-tien-vuong-tr.html`,
      date: { date: '2020-03-30', time: '01:31', source: 'time', role: 'published' },
    });
    expect(main.items[0]!.summary).toMatch(/^Chiều ngày 16\/5, tại khu di tích Đền Đô/);
    expect(main.items[1]!.title).toBe('Cuộc sum họp đầu Xuân tại ngôi trường mang tên TIỂU HỌC ĐÌNH BẢNG 2'); // double space folded
    expect(main.items[2]!.url).toBe(`${HOST}tin-tuc-su-kien/ky-nang-song/chao-xuan-2017.html`);
    expect(f.lists.filter((l) => !l.main).map((l) => l.heading)).toContain('Video Clips');
  });

  it('does not take a thumbnail whose src is an .mp4 for a video', () => {
    const f = facts(viettelPage('tin-tuc-su-kien/hoat-dong-chuyen-mon.html'));
    expect(f.videos).toEqual([]);
  });

  it('reads the article date line "Thứ 6, 22/03/2019 | 14:14", its meta date and its HTML5 video', () => {
    const f = facts(viettelPage('tin-tuc-su-kien/hoat-dong-chuyen-mon/doi-moi-giang-day-tieng-anh-o-truong-tieu-hoc-dinh-bang-2.html'));
    expect(f.dates).toContainEqual(expect.objectContaining({ date: '2019-03-22', time: '14:14', source: 'text', role: 'published', text: 'Thứ 6, 22/03/2019 | 14:14' }));
    expect(f.dates).toContainEqual(expect.objectContaining({ date: '2019-03-22', time: '14:14', source: 'meta', role: 'published' }));
    expect(f.videos).toEqual([{ kind: 'html5', src: `${HOST}upload/63377/fck/files/doi_moi_giang_day_tieng_anh_o_truong_tieu_hoc_dinh_bang_2_269201719.mp4` }]);
    expect(f.text).toBe('Một tiết học Tiếng Anh ở trường Tiểu học Đình Bảng 2');
    expect(f.headings).toContainEqual({ level: 1, text: 'Đổi mới giảng dạy Tiếng Anh ở trường Tiểu học Đình Bảng 2' });
  });

  it('reads the "Tin liên quan" box as a side list, its duplicate-titled post included', () => {
    const f = facts(viettelPage('tin-tuc-su-kien/hoat-dong-chuyen-mon/doi-moi-giang-day-tieng-anh-o-truong-tieu-hoc-dinh-bang-2.html'));
    const related = f.lists.find((l) => l.heading === 'Tin liên quan')!;
    expect(related.main).toBe(false);
    expect(related.items.map((i) => i.url)).toEqual([
      `${HOST}tin-tuc-su-kien/tin-video/doi-moi-giang-day-tieng-anh-o-truong-tieu-hoc-dinh-bang-2.html`,
      `${HOST}tin-tuc-su-kien/khai-mac-cac-cau-lac-bo-nam-hoc-2017-2018.html`,
      `${HOST}tin-tuc-su-kien/ky-nang-song/chao-xuan-2017.html`,
    ]);
    expect(f.lists.some((l) => l.main)).toBe(false);
  });
});

describe('Viettel contact page (lien-he.html)', () => {
  it('has no contact in its body, only the footer e-mail, and keeps the hidden footer item', () => {
    const f = facts(viettelPage('lien-he.html'));
    expect(f.contacts).toEqual({ phones: [], emails: ['nbh-txtuson-thdinhbang2@edu.viettel.vn'] });
    expect(f.navLinks.some((n) => n.label === 'Liên hệ' && n.url === `${HOST}lien-he.html`)).toBe(true);
    expect(f.breadcrumb).toEqual(['Trang chủ', 'Liên hệ']);
  });
});
