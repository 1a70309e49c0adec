/**
 * Dates on copies of real school pages (test/data/real-sites, facts from its README.md).
 */
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { findDateRanges, findDates, findSchoolYears, parseIsoDateTime } from '../../src/calendar/dates.js';
import { cleanText } from '../../src/normalise.js';

const load = (file: string) =>
  cheerio.load(readFileSync(new URL(`../data/real-sites/${file}`, import.meta.url), 'utf8'));

describe('Quảng Ích (QI) posts', () => {
  const DATE_LINES: [file: string, date: string | null, time?: string][] = [
    ['1410805.html', '2026-09-18', '20:22'],
    ['1411103.html', '2026-09-21', '10:12'],
    ['1411331.html', '2026-09-21', '15:59'],
    ['759529.html', '2026-09-14', '12:19'],
    ['759673.html', '2026-09-15', '10:08'],
    ['759822.html', '2026-09-16', '10:54'],
    ['760311.html', '2026-09-20', '17:58'],
    ['760791.html', '2026-09-23', '09:32'],
    ['760970.html', '2026-09-20', '07:46'],
    ['888995.html', '2026-09-14', '15:22'],
    ['1410758.html', null], // the date span is empty
  ];

  it.each(DATE_LINES)('reads the date line of %s with the view counter glued on', (file, date, time) => {
    const line = load(`qi-posts/${file}`)('span.color_gray.fs-15').first().text();
    const found = findDates(line);
    if (date === null) expect(found).toEqual([]);
    else expect(found.map((d) => [d.date, d.time])).toEqual([[date, time]]);
  });

  const TITLES: [file: string, range: [string, string] | null, schoolYear: number | null][] = [
    ['1410758.html', ['2026-09-21', '2026-09-25'], null], // từ ngày 21/9/2026 đến ngày 25/9/2026
    ['1410805.html', ['2026-09-21', '2026-09-25'], null], // (21/09/2026 -25/09/2026)
    ['1411331.html', ['2026-09-21', '2026-09-25'], null], // (21.9.2026 - 25.9.2026)
    ['888995.html', ['2026-09-14', '2026-09-18'], null], // (từ ngày 14/9 đến ngày 18/9/2026)
    ['760311.html', null, 2026], // Tuần 2 (2026-2027): no dates, only the school year
    ['760970.html', null, 2026], // Thực đơn Tuần 3 - Năm học 2026-2027
    ['1411103.html', null, null], // Thực đơn bán trú ngày 21/9/2026: one day, not a range
  ];

  it.each(TITLES)('reads the week or school year in the title of %s', (file, range, schoolYear) => {
    const title = cleanText(load(`qi-posts/${file}`)('h1.heading_title').first().text());
    expect(findDateRanges(title).map((r) => [r.from, r.to])).toEqual(range ? [range] : []);
    expect(findSchoolYears(title).map((y) => y.startYear)).toEqual(schoolYear ? [schoolYear] : []);
    if (!range) expect(findDates(title).length).toBe(file === '1411103.html' ? 1 : 0);
  });

  it('reads the week from the audio text that drops the separators (2192026 - 2592026)', () => {
    const html = readFileSync(new URL('../data/real-sites/qi-posts/1411331.html', import.meta.url), 'utf8');
    const audio = /PlayAudioContent\('([^']*)'/.exec(html)![1]!;
    expect(audio).toContain('2192026 - 2592026');
    expect(findDateRanges(audio).map((r) => [r.from, r.to])).toEqual([['2026-09-21', '2026-09-25']]);
  });

  it('reads the weeks written in related-post slugs and link texts', () => {
    const $ = load('qi-posts/760791.html');
    const links = $('a[href*="tu-ngay"]')
      .toArray()
      .map((a) => ({ href: $(a).attr('href')!, text: cleanText($(a).text()) }));
    expect(links.length).toBeGreaterThan(0);
    for (const { href, text } of links) {
      const fromSlug = findDateRanges(href).map((r) => [r.from, r.to]);
      expect(fromSlug).toEqual(findDateRanges(text).map((r) => [r.from, r.to]));
      expect([
        [['2026-09-21', '2026-09-25']],
        [['2026-09-14', '2026-09-18']],
      ]).toContainEqual(fromSlug);
    }
  });

  it('reads related-list dates without a time', () => {
    const $ = load('qi-posts/759529.html');
    const dates = $('span.fs-15:not(.color_gray)')
      .toArray()
      .flatMap((el) => findDates($(el).text()));
    expect(dates.slice(0, 3).map((d) => [d.date, d.time])).toEqual([
      ['2026-09-24', undefined],
      ['2026-09-23', undefined],
      ['2026-09-22', undefined],
    ]);
  });
});

describe('Viettel portal (thdinhbang2)', () => {
  it('reads one issue date per document row, none from the document numbers', () => {
    const $ = load('thdinhbang2/van-ban-cong-van.html');
    const rows = $('table tr')
      .toArray()
      .slice(1)
      .map((tr) => cleanText($(tr).text()));
    expect(rows[0]).toContain('12/CT-UBND');
    expect(rows[1]).toContain('1084/SGDĐT-GDTH');
    expect(rows.map((r) => findDates(r).map((d) => d.date))).toEqual([
      ['2017-08-22'],
      ['2017-08-30'],
      ['2017-09-18'],
      ['2017-09-18'],
    ]);
    expect(rows.map((r) => findSchoolYears(r).map((y) => y.startYear))).toEqual([[2017], [2017], [2017], [2017]]);
  });

  it('finds no date in the visitor counter (Tháng trước : 4.377)', () => {
    const $ = load('thdinhbang2/index.html');
    const counter = cleanText($('.statistic-content').first().text());
    expect(counter).toContain('4.377');
    expect(findDates(counter, { defaultYear: 2021 })).toEqual([]);
  });

  it('reads <time> texts with two-digit years the same as their datetime attribute', () => {
    const $ = load('thdinhbang2/index.html');
    const times = $('time[datetime]').toArray();
    expect(times.length).toBeGreaterThan(0);
    for (const el of times) {
      const [found] = findDates(cleanText($(el).text()));
      const machine = parseIsoDateTime($(el).attr('datetime')!);
      expect(found?.date).toBe(machine?.date);
    }
    const short = times.find((el) => $(el).text().includes('06/09/21'))!;
    expect(findDates($(short).text())).toEqual([{ date: '2021-09-06', time: '10:32', text: '06/09/21', index: 0 }]);
  });

  it('reads the article date line "Thứ 6, 22/03/2019 | 14:14"', () => {
    const $ = load('thdinhbang2/tin-tuc-su-kien/hoat-dong-chuyen-mon/doi-moi-giang-day-tieng-anh-o-truong-tieu-hoc-dinh-bang-2.html');
    const text = cleanText($('body').text());
    const at = text.indexOf('Thứ 6, 22/03/2019');
    expect(at).toBeGreaterThan(-1);
    expect(findDates(text.slice(at, at + 40)).map((d) => [d.date, d.time])).toEqual([['2019-03-22', '14:14']]);
    expect(parseIsoDateTime($('meta[itemprop="datePublished"]').attr('content')!)).toEqual({ date: '2019-03-22', time: '14:14' });
  });
});
