/**
 * Judging the copy of a real Viettel-platform portal (TH Đình Bảng 2, mirrored 08/10/2021) end to end:
 * crawled from 127.0.0.1, mapped and judged at the mirror's date. Real markup, real data-entry errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { loadWorkingCalendar } from '../../src/calendar/working-days.js';
import { createCrawler } from '../../src/crawl/crawler.js';
import { judgeSchool } from '../../src/judge/judge.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { SchoolResult, SectionResult } from '../../src/types.js';
import { school, startPortal, type Portal } from '../crawl/helpers/portal-server.js';
import { serveMirror } from '../helpers/mirror.js';

describe('judging the copy of TH Đình Bảng 2 (Viettel platform) at the mirror date', () => {
  let site: Portal;
  let result: SchoolResult;
  const section = (id: string): SectionResult => result.sections.find((s) => s.id === id)!;
  const path = (u: string) => new URL(u).pathname;
  const messages = (id: string) => section(id).findings.map((f) => `${f.status}: ${f.message.en}`).join('\n');

  beforeAll(async () => {
    site = await startPortal({}, { fallback: serveMirror });
    const crawler = createCrawler({ maxAttachmentProbes: 0 }); // its files name live hosts
    const crawl = await crawler
      .crawlSchool(school(site.url('/index.html'), { id: 'th-dinh-bang-2', name: 'Trường Tiểu học Đình Bảng 2', level: 'TH' }))
      .finally(() => crawler.close());
    result = judgeSchool(crawl, { asOf: parseInstant('2021-10-08T09:30:00+07:00'), rules: await loadRulePack(), calendar: loadWorkingCalendar() });
  });
  afterAll(() => site.close());

  it('finds the introduction and flags the placeholder text that names another school', () => {
    expect(section('gioi-thieu').pages.map(path)).toEqual(['/gioi-thieu.html']);
    expect(section('gioi-thieu').status).toBe('fail');
    expect(messages('gioi-thieu')).toMatch(/warn: The introduction does not name the school "Trường Tiểu học Đình Bảng 2"/);
    expect(messages('gioi-thieu')).toMatch(/fail: The introduction was last updated 27\/02\/2019, not reviewed before school year 2021-2022/);
  });

  it('reads the staff cards of the units and names the incomplete ones, birth dates typed as names included', () => {
    const s = section('co-cau-to-chuc');
    expect(s.pages.map(path)).toEqual(expect.arrayContaining(['/co-cau-to-chuc.html', '/co-cau-to-chuc/ban-giam-hieu.html']));
    expect(s.status).toBe('fail');
    expect(messages('co-cau-to-chuc')).toMatch(/Missing unit\(s\): Security/);
    expect(messages('co-cau-to-chuc')).toMatch(/21\/12\/1989 \(no name/);
  });

  it('maps "Văn bản - Công văn" to the higher authorities\' documents, each with its PDF', () => {
    const s = section('van-ban-cap-tren');
    expect(s.mapping[0]!.url).toMatch(/van-ban-cong-van\.html$/);
    expect(s.mapping[0]!.reasons).toContain('nhãn menu / menu label "Văn bản - Công văn"');
    expect(messages('van-ban-cap-tren')).toMatch(/4\/4 documents have a file viewable inline/);
  });

  it('judges the teaching activities stale (newest post 30/03/2020)', () => {
    expect(section('hoat-dong-chuyen-mon').pages.map(path)[0]).toBe('/tin-tuc-su-kien/hoat-dong-chuyen-mon.html');
    expect(section('hoat-dong-chuyen-mon').latestDate).toBe('2020-03-30');
    expect(section('hoat-dong-chuyen-mon').status).toBe('warn');
  });

  it('reports a menu entry whose page answers 404 instead of "not found"', () => {
    expect(section('video').status).toBe('fail');
    expect(messages('video')).toMatch(/menu entry .* leads to a page that does not open \(HTTP 404\): .*video-hoat-dong\.html/);
  });

  it('sees the home page announcements column and the hidden simplyScroll ticker', () => {
    expect(section('thong-bao').status).toBe('pass');
    expect(section('thong-bao').mapping[0]!.reasons[0]).toMatch(/THÔNG BÁO-PHỔ BIẾN/);
    expect(section('dong-chu-chay').status).toBe('pass');
    expect(messages('dong-chu-chay')).toMatch(/1455\/SGDĐT-GDTH/);
  });
});
