import { describe, expect, it } from 'vitest';
import type { PersonFact } from '../../src/types.js';
import { evidence, item, page, published, runCheck } from '../helpers/facts.js';

const AS_OF = '2026-10-30T10:00:00+07:00';
const P = (path: string, facts = {}) => page(`http://school.test${path}`, facts);

describe('presence and "no empty section"', () => {
  it('fails a mandatory section that is missing, and says n/a for an optional one', async () => {
    expect((await runCheck('presence', 'hoat-dong-chung', evidence('hoat-dong-chung', []), AS_OF)).status).toBe('fail');
    expect((await runCheck('presence', 'nhac', evidence('nhac', []), AS_OF)).status).toBe('n/a');
  });

  it('fails a menu entry that leads to an empty list', async () => {
    const r = await runCheck('presence', 'guong-mat-tieu-bieu', evidence('guong-mat-tieu-bieu', [P('/guong-mat')]), AS_OF);
    expect(r.status).toBe('fail');
    expect(r.findings[0]!.message.en).toMatch(/exists but is empty/);
  });

  it('never fails an optional section (Tin tức từ phòng) that is empty', async () => {
    expect((await runCheck('presence', 'tin-tuc-tu-phong', evidence('tin-tuc-tu-phong', [P('/tin-phong')]), AS_OF)).status).toBe('warn');
  });

  it('says "check by hand" instead of fail when the page limit stopped the crawl', async () => {
    const r = await runCheck('presence', 'video', evidence('video', []), AS_OF, { pageLimitReached: true });
    expect(r.status).toBe('unknown');
  });
});

describe('freshness', () => {
  const ev = (date: string) => evidence('album-anh', [P('/album')], [item('Album khai giảng', date, { images: 12 })]);
  it('passes an album of exactly one calendar month ago and fails one day older', async () => {
    expect((await runCheck('freshness', 'album-anh', ev('2026-09-30'), AS_OF)).status).toBe('pass');
    expect((await runCheck('freshness', 'album-anh', ev('2026-09-29'), AS_OF)).status).toBe('fail');
  });

  it('warns (general rule) when the newest post is older than 6 months', async () => {
    const r = await runCheck('freshness', 'hoat-dong-doan-the', evidence('hoat-dong-doan-the', [P('/doan-doi')], [item('Đại hội Liên đội', '2026-03-01')]), AS_OF);
    expect(r.status).toBe('warn');
    expect(r.latestDate).toBe('2026-03-01');
  });

  it('ignores dates after the audit instant and says unknown when nothing is dated', async () => {
    const future = await runCheck('freshness', 'hoat-dong-chung', evidence('hoat-dong-chung', [P('/hd')], [item('Kế hoạch', '2026-12-20'), item('Tin cũ', '2025-01-01')]), AS_OF);
    expect(future.latestDate).toBe('2025-01-01');
    expect((await runCheck('freshness', 'hoat-dong-chung', evidence('hoat-dong-chung', [P('/hd')], [item('Không ngày')]), AS_OF)).status).toBe('unknown');
  });

  it('counts e-learning lectures of the last 12 months (at least 3)', async () => {
    const items = [item('Bài giảng Toán 6', '2026-09-10'), item('Bài giảng Văn 7', '2026-02-10'), item('Bài giảng Anh 8', '2025-09-01')];
    const ev = evidence('bai-giang-elearning', [P('/elearning')], items);
    const r = await runCheck('min-count', 'bai-giang-elearning', ev, AS_OF);
    expect(r.status).toBe('fail');
    expect(r.findings[0]!.message.en).toMatch(/Only 2 item\(s\) in the last 12 months, 3 required/);
    ev.items.push(item('Bài giảng Lý 9', '2026-10-01'));
    expect((await runCheck('min-count', 'bai-giang-elearning', ev, AS_OF)).status).toBe('pass');
  });

  it('lists the months of the school year without a video', async () => {
    const videos = [item('Video khai giảng', '2026-09-05'), item('Video 20/10', '2026-10-20')];
    const r = await runCheck('monthly-coverage', 'video', evidence('video', [P('/video')], videos), '2026-12-03T10:00:00+07:00');
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.message.en).toMatch(/: 11\/2026\.$/);
    expect((await runCheck('monthly-coverage', 'video', evidence('video', [P('/video')], videos), AS_OF)).status).toBe('pass');
  });
});

describe('introduction', () => {
  const words = (n: number) => Array.from({ length: n }, () => 'chữ').join(' ');
  const body = `Trường THCS Sen Hồng được thành lập năm 1995, địa chỉ phường Gia Thụy. Cơ sở vật chất khang trang. Định hướng phát triển toàn diện. Nhiều thành tích cao. ${words(320)}`;
  const intro = (facts = {}) =>
    P('/gioi-thieu', { text: body, wordCount: 350, images: [{ src: 'http://school.test/a.jpg', alt: '', inContent: true }], dates: [published('2026-08-20')], ...facts });

  it('passes a full A4 page with the four topics, a photo, reviewed before the school year', async () => {
    const ev = evidence('gioi-thieu', [intro()]);
    expect((await runCheck('intro', 'gioi-thieu', ev, AS_OF)).status).toBe('pass');
    expect((await runCheck('annual-review', 'gioi-thieu', ev, AS_OF)).status).toBe('pass');
  });

  it('fails a short placeholder without achievements or photo, and warns it does not name the school', async () => {
    const ev = evidence('gioi-thieu', [intro({ text: 'Trường tiểu học Nguyễn Du, Tp.Pleiku. Cơ sở vật chất tốt.', wordCount: 150, images: [] })]);
    const r = await runCheck('intro', 'gioi-thieu', ev, AS_OF);
    expect(r.status).toBe('fail');
    const msgs = r.findings.map((f) => `${f.status}: ${f.message.en}`).join('\n');
    expect(msgs).toMatch(/fail: The introduction has only 150 words/);
    expect(msgs).toMatch(/fail: The introduction lacks: .*achievements/);
    expect(msgs).toMatch(/fail: The introduction has no photo/);
    expect(msgs).toMatch(/warn: .*does not name the school/);
  });

  it('says "check by hand" when the page limit kept the article behind a teaser unread', async () => {
    const teaser = P('/gioi-thieu/c/1', { wordCount: 28, lists: [{ heading: 'Giới thiệu', main: true, items: [{ title: 'Giới thiệu chung', url: 'http://school.test/gioi-thieu/ct/1/2' }] }] });
    const ev = evidence('gioi-thieu', [teaser]);
    expect((await runCheck('intro', 'gioi-thieu', ev, AS_OF, { pageLimitReached: true })).status).toBe('unknown');
    expect((await runCheck('intro', 'gioi-thieu', ev, AS_OF)).status).toBe('fail');
  });

  it('fails the yearly review when the article predates 1 June before the school year', async () => {
    const ev = evidence('gioi-thieu', [intro({ dates: [published('2026-05-31')] })]);
    expect((await runCheck('annual-review', 'gioi-thieu', ev, AS_OF)).status).toBe('fail');
    expect((await runCheck('annual-review', 'gioi-thieu', evidence('gioi-thieu', [intro({ dates: [] })]), AS_OF)).status).toBe('unknown');
  });
});

describe('organisation (staff cards)', () => {
  const person = (name: string, group: string, extra: Partial<PersonFact> = {}): PersonFact => ({
    name,
    position: 'Giáo viên',
    phones: ['0912345678'],
    emails: [`${name.split(' ').pop()!.toLowerCase()}@school.test`],
    photo: 'http://school.test/p.jpg',
    group,
    ...extra,
  });
  const full = [
    person('Nguyễn Thị Du', 'Ban giám hiệu', { position: 'Hiệu trưởng' }),
    person('Vũ Thị Nhàn', 'Tổ văn phòng', { position: 'Kế toán' }),
    person('Lê Văn Toán', 'Tổ Toán - Tin'),
    person('Trần Văn Bảo', 'Tổ bảo vệ', { position: 'Bảo vệ' }),
  ];
  it('passes four units with complete cards', async () => {
    const r = await runCheck('staff', 'co-cau-to-chuc', evidence('co-cau-to-chuc', [P('/cctc', { people: full })]), AS_OF);
    expect(r.status).toBe('pass');
  });

  it('fails a missing unit and names incomplete cards with the share', async () => {
    const people = [...full.slice(0, 3), person('21/12/1989', 'Tổ chuyên môn số 3', { emails: [], photo: undefined })];
    const r = await runCheck('staff', 'co-cau-to-chuc', evidence('co-cau-to-chuc', [P('/cctc', { people })]), AS_OF);
    expect(r.status).toBe('fail');
    const en = r.findings.map((f) => f.message.en).join('\n');
    expect(en).toMatch(/Missing unit\(s\): Security/);
    expect(en).toMatch(/Only 3\/4 people \(75%\).*21\/12\/1989 \(no name, e-mail, photo\)/);
  });

  it('groups people listed without a unit by their position', async () => {
    const people = full.map((p) => ({ ...p, group: undefined, position: p.position === 'Giáo viên' ? 'Tổ trưởng' : p.position }));
    expect((await runCheck('staff', 'co-cau-to-chuc', evidence('co-cau-to-chuc', [P('/cctc', { people })]), AS_OF)).status).toBe('pass');
  });
});

describe('lesson plans: subject, grade, semester, author', () => {
  it('passes a table with the four columns', async () => {
    const table = { caption: '', headers: ['STT', 'Tên giáo án', 'Môn', 'Khối', 'Học kỳ', 'Tác giả'], rows: [] };
    const r = await runCheck('item-fields', 'giao-an-dien-tu', evidence('giao-an-dien-tu', [P('/giao-an', { tables: [table] })], [item('Giáo án Toán 6')]), AS_OF);
    expect(r.status).toBe('pass');
  });

  it('fails when semester and author are neither columns nor in the titles', async () => {
    const table = { caption: '', headers: ['STT', 'Tên giáo án', 'Môn', 'Khối'], rows: [] };
    const r = await runCheck('item-fields', 'giao-an-dien-tu', evidence('giao-an-dien-tu', [P('/giao-an', { tables: [table] })], [item('Giáo án Toán lớp 6')]), AS_OF);
    expect(r.status).toBe('fail');
    expect(r.findings[0]!.message.en).toMatch(/does not show semester, author/);
  });

  it('reads the fields from titles when there is no table', async () => {
    const items = [item('Bài giảng Toán 6 - Học kỳ I - GV: Nguyễn Văn A'), item('Bài giảng Ngữ văn lớp 7 HK1 - Tác giả: Lê Thị B')];
    expect((await runCheck('item-fields', 'bai-giang-elearning', evidence('bai-giang-elearning', [P('/elearning')], items), AS_OF)).status).toBe('pass');
  });
});

describe('albums and video', () => {
  it('needs at least two albums with photos', async () => {
    const one = evidence('album-anh', [P('/album')], [item('Album 1', '2026-10-20', { images: 8 }), item('Tin không ảnh', '2026-10-21')]);
    expect((await runCheck('albums', 'album-anh', one, AS_OF)).status).toBe('fail');
    one.items.push(item('Album 2', '2026-10-22', { images: 3 }));
    expect((await runCheck('albums', 'album-anh', one, AS_OF)).status).toBe('pass');
  });

  it('needs a playable video', async () => {
    expect((await runCheck('videos', 'video', evidence('video', [P('/video')], [item('Clip', '2026-10-20')]), AS_OF)).status).toBe('fail');
    const withPlayer = P('/video', { videos: [{ kind: 'youtube', src: 'https://www.youtube.com/embed/abc' }] });
    expect((await runCheck('videos', 'video', evidence('video', [withPlayer]), AS_OF)).status).toBe('pass');
  });
});

describe('home page: announcements column and ticker', () => {
  const home = P('/', { tickers: [{ kind: 'css', text: 'CHÀO MỪNG NGÀY NHÀ GIÁO VIỆT NAM 20/11' }] });
  it('fails when announcements exist only on an inner page', async () => {
    const r = await runCheck('home-column', 'thong-bao', evidence('thong-bao', [P('/thong-bao')]), AS_OF, { home });
    expect(r.status).toBe('fail');
    expect(r.findings[0]!.message.en).toMatch(/inner page only/);
  });

  it('passes a home page column', async () => {
    const ev = evidence('thong-bao', [home]);
    ev.pages[0]!.reasons = ['cột "THÔNG BÁO" trên trang chủ / home page column'];
    const r = await runCheck('home-column', 'thong-bao', ev, AS_OF, { home });
    expect(r.status).toBe('pass');
    expect(r.findings[0]!.message.vi).toMatch(/cột "THÔNG BÁO"/);
  });

  it('checks the ticker and the message the district asked for', async () => {
    expect((await runCheck('ticker', 'dong-chu-chay', evidence('dong-chu-chay', []), AS_OF, { home })).status).toBe('pass');
    expect((await runCheck('ticker', 'dong-chu-chay', evidence('dong-chu-chay', []), AS_OF, { home: P('/') })).status).toBe('fail');
    const asked = await runCheck('ticker', 'dong-chu-chay', evidence('dong-chu-chay', []), AS_OF, {
      home,
      school: { tickerMessage: 'Chào mừng ngày Nhà giáo Việt Nam' },
    });
    expect(asked.status).toBe('pass');
    const missing = await runCheck('ticker', 'dong-chu-chay', evidence('dong-chu-chay', []), AS_OF, { home, school: { tickerMessage: 'An toàn giao thông' } });
    expect(missing.status).toBe('fail');
  });
});
