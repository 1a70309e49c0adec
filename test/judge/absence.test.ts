/**
 * Absence is a finding: a section is missing when every menu entry was read and none of them (nor
 * any page read) is the section, whatever the page limit cut further down; it is unknown only while
 * a page that could hold it was not read. Every such verdict names what was read.
 */
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { loadWorkingCalendar } from '../../src/calendar/working-days.js';
import { extractPage, emptyFacts } from '../../src/extract/page.js';
import { judgeSchool } from '../../src/judge/judge.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { PageFacts, SchoolCrawl, SectionResult } from '../../src/types.js';

const SITE = 'https://thcs-demo.longbien.edu.vn';
const AS_OF = '2026-10-30T10:00:00+07:00';

const menu = (entries: [string, string][]) =>
  `<nav class="menu"><ul>${entries.map(([href, label]) => `<li><a href="${href}">${label}</a></li>`).join('')}</ul></nav>`;

function read(path: string, body: string): PageFacts {
  const url = `${SITE}${path}`;
  return extractPage({ url, finalUrl: url, status: 200, contentType: 'text/html', html: `<html><head><title>${path}</title></head><body>${body}</body></html>`, fetchedAt: '2026-10-30T03:00:00Z', depth: path === '/' ? 0 : 1 });
}

function dead(path: string, status = 404): PageFacts {
  const url = `${SITE}${path}`;
  return { ...emptyFacts({ url, finalUrl: url, status, contentType: 'text/html', depth: 1, fetchedAt: '2026-10-30T03:00:00Z' }), error: `HTTP ${status}` };
}

function crawlOf(pages: PageFacts[], pageLimitReached = false): SchoolCrawl {
  return {
    school: { id: 'thcs-demo', name: 'Trường THCS Demo', url: `${SITE}/`, level: 'THCS', boarding: false, startUrls: [], sectionUrls: {} },
    startedAt: '2026-10-30T03:00:00Z',
    finishedAt: '2026-10-30T03:01:00Z',
    reachable: true,
    error: null,
    homeUrl: `${SITE}/`,
    pages,
    attachments: [],
    stats: { requests: pages.length, pages: pages.length, bytes: 0, errors: 0, pageLimitReached, durationMs: 1 },
  };
}

async function judge(crawl: SchoolCrawl) {
  const result = judgeSchool(crawl, { asOf: parseInstant(AS_OF), rules: await loadRulePack(), calendar: loadWorkingCalendar() });
  return (id: string): SectionResult => result.sections.find((s) => s.id === id)!;
}

const news = (n: number) =>
  `<h1>Tin tức</h1><ul class="list-news">${Array.from({ length: n }, (_, i) => `<li class="item"><h3><a href="/tin-tuc/${i}">Bài ${i}</a></h3><span class="date">${20 + i}/10/2026</span></li>`).join('')}</ul>`;
const MENU: [string, string][] = [
  ['/gioi-thieu', 'Giới thiệu'],
  ['/tin-tuc', 'Tin tức'],
  ['/van-ban', 'Văn bản'],
  ['/tuyen-dung', 'Tuyển dụng'],
  ['/lien-he', 'Liên hệ'],
];

describe('a section no page is', () => {
  it('fails, naming the menu entries read, when every menu entry was read (even with the page limit reached)', async () => {
    const pages = [
      read('/', menu(MENU)),
      read('/gioi-thieu', '<h1>Giới thiệu</h1><p>Trường THCS Demo …</p>'),
      read('/tin-tuc', news(3)),
      read('/van-ban', '<h1>Văn bản</h1><p>Đang cập nhật</p>'),
      read('/tuyen-dung', '<h1>Tuyển dụng</h1><p>Tuyển giáo viên Toán.</p>'),
    ];
    const section = await judge(crawlOf(pages, true));
    const s = section('lich-cong-tac-tuan');
    expect(s.status).toBe('fail');
    expect(s.findings[0]!.message.vi).toMatch(/^Không có chuyên mục "Lịch công tác tuần": đã đọc cả 4 mục menu \(Giới thiệu, Tin tức, Văn bản, Tuyển dụng\) và 5 trang/);
    expect(s.findings[0]!.message.en).toMatch(/all 4 menu entries \(Giới thiệu, Tin tức, Văn bản, Tuyển dụng\) and 5 pages were read/);
  });

  it('is unknown while a menu entry was not read, and names it', async () => {
    const pages = [read('/', menu(MENU)), read('/gioi-thieu', '<h1>Giới thiệu</h1>'), read('/tin-tuc', news(3))];
    const s = (await judge(crawlOf(pages, true)))('lich-cong-tac-tuan');
    expect(s.status).toBe('unknown');
    expect(s.findings[0]!.message.en).toMatch(/2 menu entries were not read \(Văn bản; Tuyển dụng\): check by hand/);
  });

  it('is unknown when a link naming the section leads to a page that was not read', async () => {
    const pages = [
      read('/', menu(MENU)),
      read('/gioi-thieu', '<h1>Giới thiệu</h1>'),
      read('/tin-tuc', news(3)),
      read('/van-ban', '<h1>Văn bản</h1><div class="col-left"><ul><li><a href="/van-ban/lich-cong-tac">Lịch công tác tuần</a></li></ul></div>'),
      read('/tuyen-dung', '<h1>Tuyển dụng</h1>'),
    ];
    const s = (await judge(crawlOf(pages, true)))('lich-cong-tac-tuan');
    expect(s.status).toBe('unknown');
    expect(s.findings[0]!.message.en).toMatch(/links to section "Weekly work schedule" exist but their pages were not read \(5 pages read\): "Lịch công tác tuần" \(https:\/\/thcs-demo\.longbien\.edu\.vn\/van-ban\/lich-cong-tac\)/);
    expect(s.findings[0]!.evidence).toContain(`${SITE}/van-ban/lich-cong-tac`);
  });

  it('ignores the entries that hold no section (Liên hệ, Đăng nhập) when telling whether the menu was read', async () => {
    const pages = [read('/', menu([...MENU, ['/dang-nhap', 'Đăng nhập']])), read('/gioi-thieu', '<h1>x</h1>'), read('/tin-tuc', news(2)), read('/van-ban', '<h1>x</h1>'), read('/tuyen-dung', '<h1>x</h1>')];
    expect((await judge(crawlOf(pages)))('lich-cong-tac-tuan').status).toBe('fail');
  });

  it('fails when its menu entry leads to a page that does not open, even where a weaker page matches', async () => {
    const pages = [
      read('/', menu([['/gioi-thieu-chung', 'Giới thiệu chung'], ['/bao-chi', 'Báo chí nói về chúng tôi'], ['/thanh-tich', 'Thành tích']])),
      dead('/gioi-thieu-chung'),
      read('/bao-chi', `<h1>Báo chí nói về chúng tôi</h1>${news(3)}`),
      read('/thanh-tich', '<h1>Thành tích</h1>'),
    ];
    const s = (await judge(crawlOf(pages)))('gioi-thieu');
    expect(s.status).toBe('fail');
    expect(s.findings[0]!.message.en).toMatch(/leads to a page that does not open \(HTTP 404\): https:\/\/thcs-demo\.longbien\.edu\.vn\/gioi-thieu-chung/);
  });
});

describe('where a section is found', () => {
  it('counts a home-page column named after a section as that section (THƯ VIỆN ẢNH over albums)', async () => {
    const albums = [1, 2, 3].map((i) => `<li class="item"><a href="/album/${i}"><img src="/img/a${i}.jpg" width="200"></a><h3><a href="/album/${i}">Album ${i}</a></h3><span class="date">(${20 + i}/10/2026)</span></li>`).join('');
    const pages = [read('/', `${menu(MENU)}<div class="col-right"><h3 class="title">THƯ VIỆN ẢNH</h3><ul>${albums}</ul></div>`), read('/gioi-thieu', '<h1>x</h1>'), read('/tin-tuc', news(2)), read('/van-ban', '<h1>x</h1>'), read('/tuyen-dung', '<h1>x</h1>')];
    const s = (await judge(crawlOf(pages)))('album-anh');
    expect(s.status).toBe('pass');
    expect(s.mapping[0]!.reasons[0]).toMatch(/cột "THƯ VIỆN ẢNH" trên trang chủ/);
  });

  it('takes school-made sections only from the students\' and parents\' corners', async () => {
    const pages = [
      read(
        '/',
        menu(MENU).replace(
          '</ul></nav>',
          '<li class="dropdown"><a href="#">Góc học sinh</a><ul class="dropdown-menu"><li><a href="/goc-hoc-sinh/cau-lac-bo">Câu lạc bộ tiếng Anh</a></li></ul></li></ul></nav>',
        ),
      ),
      read('/gioi-thieu', '<h1>x</h1>'),
      read('/tin-tuc', news(2)),
      read('/van-ban', '<h1>x</h1>'),
      read('/tuyen-dung', `<h1>Tuyển dụng</h1>${news(2)}`),
      read('/goc-hoc-sinh/cau-lac-bo', `<h1>Câu lạc bộ tiếng Anh</h1>${news(2)}`),
    ];
    const s = (await judge(crawlOf(pages)))('khac-hoc-sinh');
    expect(s.pages).toEqual([`${SITE}/goc-hoc-sinh/cau-lac-bo`]);
    expect(s.status).toBe('pass');
  });

  it('gives the labels of links to a URL that repeated a page to the page it repeated', async () => {
    const pages = [
      read('/', menu([['/lich?sid=77', 'Lịch công tác tuần'], ['/tin-tuc', 'Tin tức']])),
      read('/lich?sid=7', '<h1>Trang</h1><h3>Lịch công tác tuần từ 02/11/2026 đến 08/11/2026</h3><p>Đăng ngày 30/10/2026</p>'),
      { ...dead('/lich?sid=77', 200), error: undefined, duplicateOf: `${SITE}/lich?sid=7` } as PageFacts,
      read('/tin-tuc', news(2)),
    ];
    const s = (await judge(crawlOf(pages)))('lich-cong-tac-tuan');
    expect(s.pages).toContain(`${SITE}/lich?sid=7`);
  });
});
