/**
 * Faults of a site met while crawling (a trap, a bad certificate) reach every report: the school
 * workbook's findings sheet, report.html, the terminal table and the GitHub annotations.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { githubAnnotations } from '../../src/report/annotations.js';
import { junitXml } from '../../src/report/junit.js';
import { sectionTable } from '../../src/report/console.js';
import { reportHtml } from '../../src/report/html.js';
import { commonFaults } from '../../src/report/summary-workbook.js';
import { writeReports } from '../../src/report/write.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import type { CrawlIssue, SchoolResult } from '../../src/types.js';
import { compliantSchool, results } from './factory.js';
import { schemaProblems } from './junit-schema.js';
import { readWorkbook, sheet } from './read-back.js';
import { childrenNamed, parseXml } from './xml-check.js';

const TRAP: CrawlIssue = {
  kind: 'trap',
  severity: 'warn',
  message: {
    vi: 'Bẫy liên kết vô tận: /lich?ngay=… — đã bỏ qua 120 địa chỉ <script>',
    en: 'Endless link trap: /lich?ngay=… — 120 URLs skipped <script>',
  },
  urls: ['http://truong.test/lich?ngay=2026-11-05', 'javascript:alert(1)'],
  count: 120,
};
const ROBOTS: CrawlIssue = {
  kind: 'robots',
  severity: 'info',
  message: { vi: 'robots.txt không cho phép 3 trang', en: 'robots.txt disallows 3 pages' },
  urls: ['http://truong.test/admin/'],
  count: 3,
};

let pack: RulePack;
let school: SchoolResult;
beforeAll(async () => {
  pack = (await loadRulePack()).pack;
  school = { ...compliantSchool(pack), crawlIssues: [TRAP, ROBOTS] };
});

describe('crawl issues in the reports', () => {
  it('are rows of the school workbook’s findings sheet, in both languages, after the sections', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pa-crawl-issues-'));
    await writeReports(results(pack, [school]), { outDir: out, pack });
    const ws = sheet(await readWorkbook(join(out, `${school.id}.xlsx`)), 'Phát hiện');
    const rows: string[][] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push([1, 2, 3, 4, 5, 6, 7, 8].map((c) => row.getCell(c).text));
    });
    const trap = rows.find((r) => r[2] === 'crawl:trap');
    expect(trap).toBeDefined();
    expect(trap!.slice(0, 6)).toEqual(['—', 'Sự cố khi thu thập dữ liệu', 'crawl:trap', 'Cần lưu ý', TRAP.message.vi, TRAP.message.en]);
    expect(trap![7]).toContain('http://truong.test/lich?ngay=2026-11-05');
    const robots = rows.find((r) => r[2] === 'crawl:robots');
    expect(robots?.[3]).toBe('Không áp dụng');
    // after every section finding
    expect(rows.findIndex((r) => r[2] === 'crawl:trap')).toBe(rows.length - 2);
  });

  it('are listed in report.html, escaped, with only http(s) links', () => {
    const $ = cheerio.load(reportHtml(results(pack, [school]), pack, 'vi'));
    const block = $('.crawl-issues');
    expect(block.find('h3').text()).toBe('Sự cố khi thu thập dữ liệu');
    expect(block.find('li')).toHaveLength(2);
    expect(block.text()).toContain('Bẫy liên kết vô tận');
    expect(block.find('script')).toHaveLength(0);
    const hrefs = block.find('a').map((_, a) => $(a).attr('href')).get();
    expect(hrefs).toContain('http://truong.test/lich?ngay=2026-11-05');
    expect(hrefs.some((h) => h.startsWith('javascript:'))).toBe(false);
  });

  it('end the terminal table, in the chosen language', () => {
    const vi = sectionTable(school, { color: false, lang: 'vi' });
    expect(vi).toMatch(/Sự cố khi thu thập dữ liệu:\n {2}! Bẫy liên kết vô tận/);
    const en = sectionTable(school, { color: false, lang: 'en' });
    expect(en).toContain('Crawl issues:');
    expect(en).toContain('– robots.txt disallows 3 pages');
  });

  it('give a GitHub warning for a fault, none for a note', () => {
    const lines = githubAnnotations(results(pack, [school]));
    const crawl = lines.filter((l) => l.includes('Sự cố khi thu thập'));
    expect(crawl).toHaveLength(1);
    expect(crawl[0]).toMatch(/^::warning title=.*::Bẫy liên kết vô tận/);
  });

  it('are the school suite’s output in junit.xml, which stays valid', () => {
    const root = parseXml(junitXml(results(pack, [school]), pack));
    expect(schemaProblems(root)).toEqual([]);
    const out = childrenNamed(childrenNamed(root, 'testsuite')[0]!, 'system-out')[0];
    expect(out?.text).toContain('[trap] Bẫy liên kết vô tận');
    expect(out?.text).toContain('<script>');
  });

  it('count among the district’s common faults when they are faults, ranked with the sections', () => {
    const other = { ...compliantSchool(pack), id: 'th-khac', crawlIssues: [TRAP] };
    const faults = commonFaults(results(pack, [school, other]), pack);
    const trap = faults.find((f) => f.check === 'crawl:trap');
    expect(trap).toMatchObject({ code: '—', worst: 'warn', schools: [school.id, 'th-khac'], title: { vi: 'Sự cố khi thu thập dữ liệu' } });
    expect(faults.some((f) => f.check === 'crawl:robots')).toBe(false);
    expect(faults[0]).toBe(trap); // two schools: the district's most common fault here
  });

  it('leave a school without them as it was', () => {
    const plain = { ...school, crawlIssues: [] };
    expect(reportHtml(results(pack, [plain]), pack)).not.toContain('crawl-issues');
    expect(sectionTable(plain, { color: false, lang: 'vi' })).not.toContain('Sự cố khi thu thập');
  });
});
