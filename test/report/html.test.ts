/**
 * report.html: read as a string (escaping, links, matrix cells) and opened from disk in real Chromium
 * at a phone's and a laptop's width, with every request that is not file: or data: blocked and recorded.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/report/html.js';
import { STATUS_COLOURS, mandatoryTally } from '../../src/report/labels.js';
import { writeReports } from '../../src/report/write.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import type { AuditResults, SchoolResult } from '../../src/types.js';
import { HOSTILE, allSchools, compliantSchool, failingSchool, hostileSchool, results, unreachableSchool } from './factory.js';

const CHROMIUM = '/usr/lib/chromium/chromium';
const SCRIPT_TITLE = '<script>window.__pwned = 1</script>Trường <b>THCS</b>';
const LONG_URL = `https://thcsgiathuy.longbien.edu.vn/${'tin-tuc-su-kien-'.repeat(30)}`;
const HOME_SHOT = 'screenshots/th-bo-de/home.png';
const SECTION_SHOT = 'screenshots/th-bo-de/album-anh.png';
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

let pack: RulePack;

beforeAll(async () => {
  pack = (await loadRulePack()).pack;
});

/** The four factory schools, the failing one with screenshots (one refused), plus a school whose page title is a script. */
function district(): AuditResults {
  const failing = failingSchool(pack);
  failing.screenshot = { file: HOME_SHOT, takenAt: '2026-10-30T16:51:00+07:00', width: 1366 };
  failing.sections = failing.sections.map((s) =>
    s.id === 'album-anh'
      ? { ...s, screenshot: { file: SECTION_SHOT, takenAt: '2026-10-30T16:51:30+07:00', width: 1366 } }
      : s.id === 'video'
        ? { ...s, screenshot: { file: 'file:///etc/passwd.png', takenAt: '2026-10-30T16:51:30+07:00', width: 1366 } }
        : s,
  );
  const scripted: SchoolResult = {
    ...compliantSchool(pack),
    id: 'thcs-script',
    name: SCRIPT_TITLE,
    sections: compliantSchool(pack).sections.map((s, i) =>
      i === 0 ? { ...s, findings: [{ ...s.findings[0]!, message: { vi: '<img src=x onerror="window.__pwned=2">', en: SCRIPT_TITLE }, evidence: [LONG_URL] }] } : s,
    ),
  };
  return results(pack, [compliantSchool(pack), failing, unreachableSchool(pack), hostileSchool(pack), scripted]);
}

describe('reportHtml as text', () => {
  it('is one self-contained page: viewport meta, inline CSS, no scripts and nothing fetched from outside', () => {
    const html = reportHtml(district(), pack);
    const $ = cheerio.load(html);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect($('html').attr('lang')).toBe('vi');
    expect($('meta[name="viewport"]').attr('content')).toBe('width=device-width, initial-scale=1');
    expect($('meta[http-equiv="Content-Security-Policy"]').attr('content')).toContain("default-src 'none'");
    expect($('script').length).toBe(0);
    expect($('link').length).toBe(0);
    expect($('style').length).toBe(1);
    // Images only from the output folder.
    expect($('img').toArray().map((i) => $(i).attr('src'))).toEqual([HOME_SHOT, SECTION_SHOT]);
  });

  it('shows the title and the audit instant in Hà Nội time', () => {
    const $ = cheerio.load(reportHtml(district(), pack));
    expect($('title').text()).toBe('Kết quả rà soát cổng thông tin điện tử các trường — 30/10/2026 17:00');
    expect($('header time').attr('datetime')).toBe('2026-10-30T17:00:00+07:00');
    expect($('header').text()).toContain('289/VP-CNTT');
  });

  it('escapes every text from pages: the hostile strings, markup in a school name and a <script> title', () => {
    const html = reportHtml(district(), pack);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>THCS</b>');
    expect(html).not.toContain('\u0007');
    expect(html).toContain('Trường Mầm non &#60;Hoa&#62; &#38; &#34;Sen&#34;');
    const $ = cheerio.load(html);
    // The texts come back whole, as text, minus the BEL.
    expect($('#school-thcs-script h2').text()).toBe(SCRIPT_TITLE);
    const messages = $('#school-mn-hostile--gioi-thieu .finding').toArray().map((li) => $(li).find('.primary').text());
    expect(messages).toEqual(HOSTILE.map((h) => h.replace('\u0007', '')));
    expect($('#school-mn-hostile--gioi-thieu .finding small').first().text()).toBe('=HYPERLINK("http://x") </failure><x a="1"> ]]> &amp;');
  });

  it('links only to http(s) pages, escaped, and shows other evidence as plain text', () => {
    const $ = cheerio.load(reportHtml(district(), pack));
    const hrefs = $('a[href]').toArray().map((a) => $(a).attr('href')!);
    for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|#|screenshots\/)/);
    const evidence = $('#school-mn-hostile--gioi-thieu .evidence').first();
    expect(evidence.find('a').toArray().map((a) => $(a).attr('href'))).toEqual(['https://mnhostile.example.edu.vn/a?b=1&c=%3C2%3E']);
    expect(evidence.find('.nolink').text()).toBe('javascript:alert(1)');
    expect($('#school-mn-hostile--gioi-thieu .pages').text()).toContain('javascript:alert(1)');
    expect($('#school-mn-hostile--gioi-thieu .pages a').length).toBe(0);
  });

  it('shows a screenshot only from a plain relative path, as a lazy image linked to the file', () => {
    const $ = cheerio.load(reportHtml(district(), pack));
    const shot = $('#school-th-bo-de--album-anh figure a');
    expect(shot.attr('href')).toBe(SECTION_SHOT);
    expect(shot.find('img').attr('loading')).toBe('lazy');
    expect(shot.find('img').attr('src')).toBe(SECTION_SHOT);
    expect($('#school-th-bo-de--album-anh figcaption').text()).toContain('30/10/2026 16:51');
    expect($('#school-th-bo-de > figure img').attr('src')).toBe(HOME_SHOT);
    expect($('#school-th-bo-de--video figure').length).toBe(0);
  });

  it('puts one matrix row per school with a coloured symbol per section and the mandatory tally', () => {
    const r = district();
    const $ = cheerio.load(reportHtml(r, pack));
    const rows = $('table.matrix tbody tr');
    expect(rows.length).toBe(r.schools.length);
    expect(rows.toArray().map((tr) => $(tr).find('th a').attr('href'))).toEqual(['#school-thcs-gia-thuy', '#school-th-bo-de', '#school-mn-hoa-sua', '#school-mn-hostile', '#school-thcs-script']);
    expect($('table.matrix thead th').length).toBe(pack.sections.length + 2);
    const failing = $(rows[1]);
    const col = pack.sections.findIndex((s) => s.id === 'album-anh');
    const cell = failing.find('td').eq(col);
    expect(cell.attr('class')).toBe('st-fail');
    expect(cell.text()).toBe('✗');
    expect(cell.find('a').attr('href')).toBe('#school-th-bo-de--album-anh');
    expect(cell.attr('title')).toMatch(/Không đạt$/);
    const warn = failing.find('td').eq(pack.sections.findIndex((s) => s.id === 'lich-cong-tac-tuan'));
    expect([warn.attr('class'), warn.text()]).toEqual(['st-warn', '!']);
    const t = mandatoryTally(r.schools[1]!);
    expect(failing.find('td.tally').text()).toBe(`đạt ${t.pass}/${t.total} bắt buộc`);
    // The failing-schools row counts the fails per section.
    expect($('table.matrix tfoot td').eq(col).text()).toBe('1');
    // Status colours are the workbook's.
    expect($('style').text()).toContain(`.st-fail{background:#${STATUS_COLOURS.fail.fill.slice(2)};color:#${STATUS_COLOURS.fail.font.slice(2)}}`);
  });

  it('spells out the section codes of the matrix header, for phones that show no tooltips', () => {
    const $ = cheerio.load(reportHtml(district(), pack));
    const codes = $('details.codes li').toArray().map((li) => $(li).text());
    expect(codes).toEqual(pack.sections.map((s) => `${s.code} ${s.label.vi}`));
  });

  it('lists the unreachable school with its error, in the list and in its own section', () => {
    const $ = cheerio.load(reportHtml(district(), pack));
    expect($('ul.unreachable li').length).toBe(1);
    expect($('ul.unreachable li').text()).toContain('connect ECONNREFUSED 127.0.0.1:9');
    expect($('ul.unreachable a').first().attr('href')).toBe('#school-mn-hoa-sua');
    expect($('#school-mn-hoa-sua .error-box').text()).toBe('Không truy cập được: connect ECONNREFUSED 127.0.0.1:9');
  });

  it('gives each section its status, findings in both languages, notes, remedy and deadline', () => {
    const $ = cheerio.load(reportHtml(district(), pack));
    const album = $('#school-th-bo-de--album-anh');
    expect(album.find('h3 .badge').text()).toBe('✗ Không đạt');
    expect(album.find('.facts').text()).toContain('Cập nhật gần nhất: 20/08/2026');
    expect(album.find('.facts').text()).toContain('Thời hạn: 06/11/2026');
    const second = album.find('.finding').eq(1);
    expect(second.find('.primary').text()).toBe('Album ảnh mới nhất ngày 20/08/2026, quá 1 tháng.');
    expect(second.find('small[lang="en"]').text()).toBe('Newest album 20/08/2026 is older than one month.');
    expect(album.find('.remedy').length).toBe(1);
    expect($('#school-th-bo-de--lich-cong-tac-tuan .notes').text()).toContain('Hạn đăng lịch tuần sau còn 5 giờ.');
  });

  it('puts English first with --lang en', () => {
    const $ = cheerio.load(reportHtml(district(), pack, 'en'));
    expect($('html').attr('lang')).toBe('en');
    expect($('h1').text()).toBe('School portal audit results');
    const second = $('#school-th-bo-de--album-anh .finding').eq(1);
    expect(second.find('.primary').text()).toBe('Newest album 20/08/2026 is older than one month.');
    expect(second.find('small[lang="vi"]').text()).toBe('Album ảnh mới nhất ngày 20/08/2026, quá 1 tháng.');
    expect($('table.matrix tbody tr').eq(1).find('td.tally').text()).toMatch(/^passed \d+\/\d+ mandatory$/);
  });

  it('keeps two school ids that differ only in unsafe characters apart', () => {
    const a = { ...compliantSchool(pack), id: 'th a' };
    const b = { ...compliantSchool(pack), id: 'th/a' };
    const $ = cheerio.load(reportHtml(results(pack, [a, b]), pack));
    expect($('section.school').toArray().map((s) => $(s).attr('id'))).toEqual(['school-th-a', 'school-th-a-2']);
    expect($('table.matrix tbody th a').toArray().map((x) => $(x).attr('href'))).toEqual(['#school-th-a', '#school-th-a-2']);
  });

  it('says so when there are no schools', () => {
    const $ = cheerio.load(reportHtml(results(pack, []), pack));
    expect($('table.matrix').length).toBe(0);
    expect($('main').text()).toContain('Không có trường nào trong kết quả.');
  });
});

describe('writeReports and report.html', () => {
  it('writes report.html beside results.json and returns it with the other files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-html-'));
    const r = results(pack, allSchools(pack));
    const { files } = await writeReports(r, { outDir: dir, pack, lang: 'en' });
    expect(files).toContain(join(dir, 'report.html'));
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toBe(reportHtml(r, pack, 'en'));
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('report.html in Chromium', () => {
  let browser: Browser;
  let url: string;
  const r = () => district();

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-html-browser-'));
    await mkdir(join(dir, 'screenshots', 'th-bo-de'), { recursive: true });
    await writeFile(join(dir, ...HOME_SHOT.split('/')), PNG);
    await writeFile(join(dir, ...SECTION_SHOT.split('/')), PNG);
    await writeFile(join(dir, 'report.html'), reportHtml(r(), pack));
    url = pathToFileURL(join(dir, 'report.html')).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each([390, 1366])('at %i px: no overflow, one row per school, links that scroll, no errors, no network', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const attempted: string[] = [];
    const errors: string[] = [];
    context.on('request', (req) => {
      if (!/^(file|data):/.test(req.url())) attempted.push(req.url());
    });
    await context.route(/.*/, (route) => (/^(file|data):/.test(route.request().url()) ? route.continue() : route.abort()));
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(url, { waitUntil: 'load' });

      // Page code runs in the browser: strings (or casts of globalThis), since the tests' TypeScript has no
      // DOM types; waitForFunction takes functions only, because the page's CSP forbids eval.
      const overflow = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })')) as { scroll: number; inner: number };
      expect(overflow.scroll).toBeLessThanOrEqual(overflow.inner);
      // The matrix scrolls in its own box rather than widening the page.
      const box = (await page.evaluate(`(() => {
        const b = document.querySelector('.matrix-box');
        return { client: b.clientWidth, scroll: b.scrollWidth, overflowX: getComputedStyle(b).overflowX };
      })()`)) as { client: number; scroll: number; overflowX: string };
      expect(box.overflowX).toBe('auto');
      expect(box.client).toBeLessThanOrEqual(width);
      if (width === 390) expect(box.scroll).toBeGreaterThan(box.client);

      const names = await page.locator('table.matrix tbody tr th a').allTextContents();
      expect(names).toEqual(r().schools.map((s) => s.name));

      await page.locator('table.matrix tbody tr').nth(1).locator('th a').click();
      await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash === '#school-th-bo-de');
      const top = (await page.evaluate(`({ top: document.getElementById('school-th-bo-de').getBoundingClientRect().top, y: window.scrollY })`)) as { top: number; y: number };
      expect(top.y).toBeGreaterThan(0);
      expect(Math.abs(top.top)).toBeLessThanOrEqual(2);

      // The screenshot of the section loads from beside the file once it comes into view.
      await page.locator('#school-th-bo-de--album-anh img').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => {
        type Img = { complete: boolean; naturalWidth: number };
        const img = (globalThis as unknown as { document: { querySelector(s: string): Img | null } }).document.querySelector('#school-th-bo-de--album-anh img');
        return !!img && img.complete && img.naturalWidth === 1;
      });

      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(await page.locator('script').count()).toBe(0);
      expect(errors).toEqual([]);
      expect(attempted).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
