/**
 * A stopped run's reports say they are partial and name the schools left out: report.html (a line
 * under the title and a list), summary.xlsx (a row per school and a note), junit.xml (a skipped
 * suite per school, valid against the schema) and results.json (`notAudited`).
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/report/html.js';
import { junitXml } from '../../src/report/junit.js';
import { SUMMARY_SHEETS, summaryWorkbook } from '../../src/report/summary-workbook.js';
import { writeReports } from '../../src/report/write.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import type { AuditResults } from '../../src/types.js';
import { compliantSchool, failingSchool, results } from './factory.js';
import { schemaProblems } from './junit-schema.js';
import { findCell, sheet } from './read-back.js';
import { childrenNamed, parseXml } from './xml-check.js';

let pack: RulePack;
let stopped: AuditResults;

beforeAll(async () => {
  pack = (await loadRulePack()).pack;
  stopped = {
    ...results(pack, [compliantSchool(pack), failingSchool(pack)]),
    notAudited: [
      { id: 'thcs-cham', name: 'Trường THCS <Chậm> & "Muộn"', url: 'https://thcscham.longbien.edu.vn/' },
      { id: 'mn-sau', name: 'Trường Mầm non Sau', url: 'javascript:alert(1)' },
    ],
  };
});

describe('report.html of a stopped run', () => {
  it('says under the title that the report is partial, and lists the schools not audited with their portals', () => {
    const html = reportHtml(stopped, pack);
    const title = html.indexOf('<h1>');
    const partial = html.indexOf('Báo cáo chưa đầy đủ: 2/4 trường chưa được rà soát');
    expect(partial).toBeGreaterThan(title);
    expect(partial).toBeLessThan(html.indexOf('id="matrix"'));
    expect(html).toContain('Partial report: 2 of 4 schools were not audited');
    const list = html.slice(html.indexOf('<h2 id="not-audited">Chưa rà soát (lần chạy bị dừng)</h2>'));
    expect(list).toMatch(/^<h2 id="not-audited">[^]*Trường THCS &#60;Chậm&#62; &#38; &#34;Muộn&#34; \(thcs-cham\) — <a href="https:\/\/thcscham\.longbien\.edu\.vn\/"/);
    // A portal address that is not http(s) is shown, never linked.
    expect(list).toContain('<span class="nolink">javascript:alert(1)</span>');
    expect(html).not.toContain('href="javascript:');
  });

  it('puts the English first with --lang en', () => {
    const html = reportHtml(stopped, pack, 'en');
    expect(html).toContain('<h2 id="not-audited">Not audited (the run was stopped)</h2>');
    expect(html).toMatch(/<span class="primary">Partial report: 2 of 4 schools[^<]*<\/span><br><small lang="vi">Báo cáo chưa đầy đủ/);
  });

  it('says nothing of the kind when every school was audited', () => {
    const { notAudited: _, ...complete } = stopped;
    const html = reportHtml(complete, pack);
    expect(html).not.toContain('not-audited');
    expect(html).not.toContain('chưa đầy đủ');
  });
});

describe('summary.xlsx of a stopped run', () => {
  it('gives each school not audited a row in the matrix and notes that the report is partial', async () => {
    const ws = sheet(await summaryWorkbook(stopped, pack), SUMMARY_SHEETS.vi.summary);
    const row = ws.getRow(4);
    expect(row.getCell(1).text).toBe('thcs-cham');
    expect(row.getCell(2).text).toBe('Trường THCS <Chậm> & "Muộn"');
    expect(row.getCell(5).text).toBe('Chưa rà soát');
    expect(row.getCell(6).text).toBe('');
    expect(ws.getRow(5).getCell(1).text).toBe('mn-sau');
    // The filter covers them, so they sort and filter with the others.
    expect(ws.autoFilter).toMatchObject({ to: { row: 5 } });
    expect(findCell(ws, /^Báo cáo chưa đầy đủ: 2\/4 trường chưa được rà soát/)).toBeDefined();
    // The totals count only the schools audited.
    const faults = sheet(await summaryWorkbook(stopped, pack), SUMMARY_SHEETS.vi.faults);
    expect(findCell(faults, '2 trường chưa được rà soát (lần chạy bị dừng), không tính ở đây.')).toBeDefined();
  });

  it('speaks English with --lang en', async () => {
    const wb = await summaryWorkbook(stopped, pack, 'en');
    const ws = sheet(wb, SUMMARY_SHEETS.en.summary);
    expect(ws.getRow(4).getCell(5).text).toBe('Not audited');
    expect(findCell(ws, /^Partial report: 2 of 4 schools were not audited/)).toBeDefined();
  });
});

describe('junit.xml of a stopped run', () => {
  it('has a suite per school not audited with one skipped case "audited", counted in the totals and valid against the schema', () => {
    const root = parseXml(junitXml(stopped, pack));
    expect(schemaProblems(root)).toEqual([]);
    const suites = childrenNamed(root, 'testsuite');
    expect(suites).toHaveLength(4);
    const cham = suites[2]!;
    expect(cham.attrs).toMatchObject({ name: 'thcs-cham — Trường THCS <Chậm> & "Muộn"', tests: '1', failures: '0', skipped: '1' });
    const [test] = childrenNamed(cham, 'testcase');
    expect(test!.attrs).toMatchObject({ classname: 'thcs-cham', name: 'audited' });
    expect(childrenNamed(test!, 'skipped')[0]!.attrs.message).toMatch(/^Chưa rà soát: lần chạy bị dừng.* \/ Not audited: the run was stopped/);
    const { notAudited: _, ...complete } = stopped;
    const before = parseXml(junitXml(complete, pack)).attrs;
    expect(Number(root.attrs.tests)).toBe(Number(before.tests) + 2);
    expect(Number(root.attrs.skipped)).toBe(Number(before.skipped) + 2);
    expect(root.attrs.failures).toBe(before.failures);
  });
});

describe('results.json of a stopped run', () => {
  it('keeps notAudited after the SPEC keys', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-not-audited-'));
    await writeReports(stopped, { outDir: dir, pack });
    const doc = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as AuditResults;
    expect(Object.keys(doc)).toEqual(['tool', 'rulePack', 'asOf', 'schools', 'generatedAt', 'notAudited']);
    expect(doc.notAudited).toEqual(stopped.notAudited);
  });
});
