/**
 * Portals A (thcs-sen-hong, QI, compliant) and B (th-hoa-ban, Viettel, known faults) show what
 * their expected.yaml promises at ANY anchor instant: rendered in-process with the server's own
 * answer() at instants chosen around the calendar's edges.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { parse } from 'yaml';
import { answer } from '../../src/demo/fixture-server.js';
import { type LoadedPortal, defaultFixturesDir, loadPortal } from '../../src/demo/fixture-portal.js';
import { dueMonday } from '../../src/demo/template-dates.js';

const SECTION_IDS = [
  'gioi-thieu', 'co-cau-to-chuc', 'tin-tuc-tu-phong', 'hoat-dong-chung', 'hoat-dong-chuyen-mon',
  'hoat-dong-doan-the', 'giao-an-dien-tu', 'bai-giang-elearning', 'album-anh', 'video', 'nhac',
  'goc-hoc-tap', 'guong-mat-tieu-bieu', 'khac-hoc-sinh', 'thong-bao', 'khac-phu-huynh',
  'van-ban-cap-tren', 'van-ban-truong', 'tuyen-sinh', 'ba-cong-khai', 'cong-khai-thu-chi',
  'thoi-khoa-bieu', 'thuc-don', 'lich-cong-tac-tuan', 'dong-chu-chay',
];

/** Instants around the calendar's edges (all Hà Nội time). */
const ANCHORS = [
  '2026-10-30T15:59:00+07:00', // Friday, a minute before the weekly deadline
  '2026-10-30T16:00:00+07:00', // Friday, the deadline itself
  '2026-11-01T23:59:00+07:00', // Sunday night
  '2026-11-02T00:00:00+07:00', // Monday midnight
  '2026-09-05T00:01:00+07:00', // first minute of the school year
  '2026-09-04T23:59:00+07:00', // last minute of the previous one
  '2027-01-01T16:30:00+07:00', // New Year's Day, a Friday, after 16:00
  '2027-01-15T07:00:00+07:00', // first morning of semester II
  '2027-07-15T10:00:00+07:00', // summer holidays
].map((s) => new Date(s));

const A = await loadPortal(path.join(defaultFixturesDir(), 'thcs-sen-hong'));
const B = await loadPortal(path.join(defaultFixturesDir(), 'th-hoa-ban'));

const pad = (n: number) => String(n).padStart(2, '0');
/** YYYY-MM-DD of an instant in Hà Nội. */
const localDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** "27/10/2026" or "2/11/2026" → "2026-10-27". */
const dmy = (s: string) => {
  const m = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(s);
  return m ? `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}` : undefined;
};
const dm = (day: string) => `${Number(day.slice(8))}/${Number(day.slice(5, 7))}/${day.slice(0, 4)}`;
const ddmm = (day: string) => `${day.slice(8)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

function page(portal: LoadedPortal, key: string, anchor: Date): cheerio.CheerioAPI {
  const r = answer(portal, key, anchor);
  expect(r.status, key).toBe(200);
  return cheerio.load(r.body.toString('utf8'));
}

const rendered = new Map<string, Map<string, string>>();

/** Every HTML page of a portal, rendered at `anchor` (once per portal and anchor). */
function allPages(portal: LoadedPortal, anchor: Date): Map<string, string> {
  const memo = `${portal.info.id} ${anchor.toISOString()}`;
  if (rendered.has(memo)) return rendered.get(memo)!;
  const out = new Map<string, string>();
  rendered.set(memo, out);
  for (const r of portal.routes.values()) {
    if (!r.template || r.status !== 200) continue;
    const reply = answer(portal, r.key, anchor);
    if (reply.headers['content-type']?.startsWith('text/html')) out.set(r.key, reply.body.toString('utf8'));
  }
  return out;
}

/**
 * Publication and issue dates a crawler reads as "when this was posted", with where they came from.
 * Read with regular expressions (parsing every page at every anchor with cheerio is too slow).
 */
function postedDates(html: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of html.matchAll(/datetime="(\d{4}-\d\d-\d\d)/g)) out.push([m[1]!, 'time']);
  for (const m of html.matchAll(/(?:itemprop="datePublished"|property="article:published_time") content="(\d{4}-\d\d-\d\d)/g)) out.push([m[1]!, 'meta']);
  for (const m of html.matchAll(/<span class="(color_gray fs-15|fs-15|time-news|publish-time)">([^<]*)<\/span>/g)) {
    const d = dmy(m[2]!);
    if (d) out.push([d, m[1]!]);
  }
  // Table cells holding only a date: issue and posting dates of documents, giáo án, e-learning.
  for (const m of html.matchAll(/<td[^>]*>\s*(\d{1,2}\/\d{1,2}\/\d{4})\s*<\/td>/g)) out.push([dmy(m[1]!)!, 'table cell']);
  return out;
}

describe('expected.yaml of portals A and B', () => {
  for (const id of ['thcs-sen-hong', 'th-hoa-ban']) {
    it(`${id}: gives a status and a reason for every section of the rule table`, () => {
      const doc = parse(readFileSync(path.join(defaultFixturesDir(), id, 'expected.yaml'), 'utf8')) as {
        sections: Record<string, { status: string; reason: string }>;
      };
      expect(Object.keys(doc.sections)).toEqual(SECTION_IDS);
      for (const [section, v] of Object.entries(doc.sections)) {
        expect(['pass', 'fail', 'warn', 'unknown', 'n/a'], section).toContain(v.status);
        expect(v.reason.length, section).toBeGreaterThan(10);
      }
    });
  }
});

describe.each(ANCHORS.map((a) => [a.toISOString(), a] as const))('at %s', (_, anchor) => {
  const today = localDay(anchor);
  const due = dueMonday(anchor);
  const dueDay = `${due.y}-${pad(due.m)}-${pad(due.d)}`;

  it('no page of A or B shows a publication date after the anchor', () => {
    for (const portal of [A, B]) {
      let seen = 0;
      for (const [key, html] of allPages(portal, anchor)) {
        for (const [day, where] of postedDates(html)) {
          seen++;
          expect(day <= today, `${portal.info.id}${key} ${where} ${day} > ${today}`).toBe(true);
        }
      }
      expect(seen, portal.info.id).toBeGreaterThan(150); // the check is not vacuous
    }
    for (const m of answer(A, '/sitemap.xml', anchor).body.toString().matchAll(/<lastmod>([^<]+)<\/lastmod>/g)) {
      expect(Date.parse(m[1]!)).toBeLessThanOrEqual(anchor.getTime());
    }
  });

  it('A: the newest weekly schedule and menu cover the due week and were posted before its deadline', () => {
    const deadline = Date.parse(`${addDays(dueDay, -3)}T16:00:00+07:00`);
    for (const [list, newest, firstDay, lastDay] of [
      ['/lich-cong-tac/c/21073', '/lich-cong-tac/lich-cong-tac-tuan-moi/ct/21073/880731', ddmm(dueDay), ddmm(addDays(dueDay, 6))],
      ['/thuc-don-tuan/c/21072', '/thuc-don-tuan/thuc-don-tuan-moi/ct/21072/880721', dm(dueDay), dm(addDays(dueDay, 4))],
    ] as const) {
      const first = page(A, list, anchor)('ul.qi-danhsach-tin li').first();
      expect(first.find('h2 a').attr('href')).toBe(newest);
      expect(first.find('h2').text()).toContain(`${firstDay} đến`);
      expect(first.find('h2').text()).toContain(lastDay);
      const line = page(A, newest, anchor)('span.color_gray').text();
      const [, d, mo, y, hh, mm] = /(\d+)\/(\d+)\/(\d{4}), (\d\d):(\d\d)/.exec(line)!;
      expect(Date.parse(`${y}-${pad(+mo!)}-${pad(+d!)}T${hh}:${mm}:00+07:00`)).toBeLessThan(deadline);
    }
  });

  it('B: the newest menu covers the week before the due week, while the schedule is on time', () => {
    const menu = page(B, '/ke-hoach-giao-duc/thuc-don-ban-tru.html', anchor)('h4.entry-title').first().text();
    expect(menu).toContain(`từ ${ddmm(addDays(dueDay, -7))} đến ${ddmm(addDays(dueDay, -3))}`);
    const schedule = page(B, '/ke-hoach-giao-duc/lich-cong-tac.html', anchor)('h4.entry-title').first().text();
    expect(schedule).toContain(`từ ${ddmm(dueDay)} đến ${ddmm(addDays(dueDay, 6))}`);
  });

  it('A has a video in every month from the school-year start to the anchor; B has no video at all', () => {
    const $ = page(A, '/video/c/21024', anchor);
    const months = new Set($('.qi-video-item span.fs-15').map((_, el) => dmy($(el).text())!.slice(0, 7)).get());
    expect($('.qi-video-item iframe[src^="https://www.youtube.com/embed/"]').length).toBe(15);
    const syYear = today.slice(5) >= '09-05' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
    for (let m = new Date(Date.UTC(syYear, 8, 1)); m.toISOString().slice(0, 7) <= today.slice(0, 7); m.setUTCMonth(m.getUTCMonth() + 1)) {
      expect(months, m.toISOString().slice(0, 7)).toContain(m.toISOString().slice(0, 7));
    }
    for (const [key, html] of allPages(B, anchor)) {
      expect(/<video|youtube\.com|vimeo\.com/i.test(html), key).toBe(false);
    }
  });

  it('B: the newest photo album is 75 days old', () => {
    const $ = page(B, '/tai-nguyen/thu-vien-anh.html', anchor);
    const newest = $('time.post-date').map((_, el) => $(el).attr('datetime')!.slice(0, 10)).get().sort().at(-1);
    expect(newest).toBe(addDays(today, -75));
  });

  it('both timetables name the current semester and school year and cover every grade', () => {
    const sem2 = today.slice(5) >= '01-15' && today.slice(5) < '09-05';
    const syStart = today.slice(5) >= '09-05' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
    const title = `Thời khóa biểu học kỳ ${sem2 ? 'II' : 'I'} năm học ${syStart}-${syStart + 1}`;
    const a = page(A, '/thoi-khoa-bieu/thoi-khoa-bieu-hoc-ky-nam-hoc/ct/21071/880711', anchor);
    expect(a('h1').text()).toContain(title);
    expect(a('.qicontentdetail h3').map((_, el) => a(el).text()).get()).toEqual(['Khối 6', 'Khối 7', 'Khối 8', 'Khối 9']);
    const b = page(B, '/ke-hoach-giao-duc/thoi-khoa-bieu/thoi-khoa-bieu-hoc-ky.html', anchor);
    expect(b('h1.title-detail').text()).toBe(title);
    expect(b('.content-detail strong').map((_, el) => b(el).text()).get()).toEqual(['KHỐI 1', 'KHỐI 2', 'KHỐI 3', 'KHỐI 4', 'KHỐI 5']);
  });

  it('A: school documents are posted the day they are issued; công khai documents belong to the current school year', () => {
    for (const cat of [2, 3, 5]) {
      const $ = page(A, `/van-ban/vbplus/${cat}/0/0/0`, anchor);
      $('table.qi-vbplus tbody tr').each((_, tr) => {
        const cells = $(tr).find('td').map((_, td) => $(td).text().trim()).get();
        expect(cells[4], cells[2]).toBe(cells[1]); // Ngày đăng = Ngày ban hành
      });
    }
    const syStart = today.slice(5) >= '09-05' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
    const $ = page(A, '/van-ban/vbplus/4/0/0/0', anchor);
    $('table.qi-vbplus tbody tr').each((_, tr) => {
      const cells = $(tr).find('td').map((_, td) => $(td).text().trim()).get();
      expect(cells[2]).toContain(`năm học ${syStart}-${syStart + 1}`);
      expect(dmy(cells[1]!)! >= `${syStart}-09-05`).toBe(true);
    });
  });
});

describe('fixed facts of A and B', () => {
  const anchor = new Date('2026-10-30T17:00:00+07:00');

  it('A: the introduction is a full article with photos; B still shows the platform placeholder', () => {
    const a = page(A, '/gioi-thieu/gioi-thieu-chung-ve-truong-thcs-sen-hong/ct/21001/880101', anchor);
    const words = a('.qicontentdetail').text().trim().split(/\s+/).length;
    expect(words).toBeGreaterThanOrEqual(400);
    expect(a('.qicontentdetail img').length).toBeGreaterThanOrEqual(1);
    for (const topic of ['Lịch sử', 'Cơ sở vật chất', 'Định hướng', 'Thành tích']) expect(a('.qicontentdetail').text()).toContain(topic);
    const b = page(B, '/gioi-thieu.html', anchor);
    const text = b('section.intro-type1 .post-content').text();
    expect(text.trim().split(/\s+/).length).toBeLessThan(200);
    expect(text.toLowerCase()).not.toContain('thành tích');
    expect(b('section.intro-type1 img').length).toBe(0);
  });

  it('A: all four groups with complete cards; B: no Tổ bảo vệ, 3 cards without e-mail, 2 without photo', () => {
    const a = page(A, '/co-cau-to-chuc/cctc/0', anchor);
    expect(a('h2.qi-cctc-tennhom').map((_, el) => a(el).text()).get()).toEqual([
      'Ban giám hiệu', 'Tổ văn phòng', 'Tổ Khoa học tự nhiên (Toán - Tin - KHTN)', 'Tổ Khoa học xã hội (Ngữ văn - Ngoại ngữ - LS&ĐL)', 'Tổ bảo vệ',
    ]);
    a('.qi-cctc-item').each((_, el) => {
      expect(a(el).find('img').attr('src')).toMatch(/\.jpg$/);
      expect(a(el).text()).toMatch(/Điện thoại: 0900 000 \d{3}/);
      expect(a(el).text()).toMatch(/Email: \S+@thcssenhong\.edu\.vn/);
    });
    const units = ['ban-giam-hieu', 'to-van-phong', 'to-chuyen-mon'].map((u) => page(B, `/co-cau-to-chuc/${u}.html`, anchor));
    const cards = units.flatMap(($) => $('.person-type1').map((_, el) => $(el)).get());
    expect(cards).toHaveLength(12);
    expect(cards.filter((c) => !c.text().includes('Email:')).map((c) => c.find('.person-name').text())).toEqual([
      'Hoàng Văn Nam', 'Đào Thị Ngọc Bích', 'Trương Minh Quân',
    ]);
    expect(cards.filter((c) => c.find('img').length === 0).map((c) => c.find('.person-name').text())).toEqual(['Lý Thị Mai Anh', 'Trương Minh Quân']);
    const menu = page(B, '/index.html', anchor)('ul.nav.navbar-nav').text().toLowerCase();
    expect(menu).not.toContain('bảo vệ');
    expect(menu).not.toContain('video');
  });

  it('A: the ct, ctmb and ctfull URLs of a post are the same page, and are all linked', () => {
    const base = '/hoat-dong-chung/le-chao-co-va-phat-dong-phong-trao-thi-dua/%s/21012/880121';
    const bodies = ['ct', 'ctmb', 'ctfull'].map((v) => answer(A, base.replace('%s', v), anchor).body.toString());
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain(`href="${base.replace('%s', 'ctmb')}"`);
    expect(bodies[0]).toContain(`href="${base.replace('%s', 'ctfull')}"`);
  });

  it('A: QI markup — date line with the view counter, empty date span on one post, tickers and menus', () => {
    const post = page(A, '/hoat-dong-chuyen-mon/chuyen-de-day-hoc-mon-khoa-hoc-tu-nhien-lop-6/ct/21013/880131', anchor);
    expect(post('span.color_gray').text()).toBe('Thứ bảy, 24/10/2026, 16:30   , Lượt đọc : 215');
    expect(post('.qicontentdetail').text()).toContain('Sáng ngày 24/10/2026');
    expect(post('nav#sidebar ul.qimenudoc').length).toBe(1);
    expect(page(A, '/tin-tuc-tu-phong/huong-dan-phong-chong-dich-benh-mua-mua-trong-truong-hoc/ct/21011/880112', anchor)('span.color_gray').text().trim()).toBe('');
    const raw = answer(A, '/', anchor).body.toString();
    expect(raw).toContain('@keyframes scroll-text');
    expect(raw).toMatch(/&nbspGiới thiệu chung/); // mega-menu entity without its semicolon
    const home = cheerio.load(raw);
    expect(home('.qiChuChay .scrolling-text span').text()).toContain('CHÀO MỪNG');
    expect(home('.qi-thongbao li').length).toBe(3);
    expect(home('ul.navbar-nav > li.dropdown > ul.dropdown-menu').length).toBe(8);
  });

  it('B: Viettel markup — relative links, three menus, hidden document ticker, files in onclick', () => {
    const raw = answer(B, '/tin-tuc-su-kien/hoat-dong-chuyen-mon/chuyen-de-day-hoc-toan-lop-3.html', anchor).body.toString();
    const $ = cheerio.load(raw);
    expect($('ul.nav.navbar-nav a').first().attr('href')).toBe('../../index.html');
    expect($('ul.dd-nav li.dd-item[data-id]').length).toBeGreaterThan(20);
    expect($('ul.navi-list li').length).toBeGreaterThan(5);
    expect($('header time').text()).toBe('Chủ nhật, 25/10/2026 | 17:01');
    expect($('header time').attr('datetime')).toBe('2026-10-25T17:01:00+07:00');
    const home = page(B, '/index.html', anchor);
    expect(home('ul#list-legalddocument-marquee11').attr('style')).toContain('display:none');
    expect(home('ul#list-legalddocument-marquee11 li').length).toBe(4);
    expect(home('.list-news-type2 .time-news').text()).toBe('(21/10)');
    const docs = page(B, '/van-ban-cong-van/van-ban-nha-truong.html', anchor);
    expect(docs('thead th').map((_, el) => docs(el).text()).get()).toEqual(['STT', 'Tên văn bản', 'Số hiệu', 'Ngày ban hành', 'File đính kèm']);
    expect(docs('tbody a[onclick]').first().attr('onclick')).toMatch(/^downloadFile\('[0-9a-f]+','\.\.\/upload\/63921\/vanban\/45-kh-thhb\.pdf'\)$/);
    const doc = page(B, '/van-ban-cong-van/van-ban/ke-hoach-to-chuc-ngay-hoi-doc-sach.html', anchor);
    expect(doc('iframe#iframe22').attr('src')).toBe('../../upload/63921/vanban/45-kh-thhb.pdf#zoom=100');
  });
});
