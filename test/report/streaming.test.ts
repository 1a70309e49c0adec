/**
 * Reports written as schools finish: the incremental writer gives the same files as writing the
 * whole results at once, holds only a slim copy of each school, and cleans up after itself; and an
 * audit run through it returns slim results while results.json keeps every school whole.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/cli/pipeline.js';
import type { RunProgress } from '../../src/cli/progress.js';
import { reportHtml } from '../../src/report/html.js';
import { resultsJson, resultsJsonParts } from '../../src/report/json.js';
import { junitXml } from '../../src/report/junit.js';
import { openReportWriter, slimSchool, writeReports } from '../../src/report/write.js';
import { loadRulePack, type LoadedRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import type { AuditResults, SchoolConfig, SchoolResult } from '../../src/types.js';
import { startSlowPortal, type SlowPortal } from '../e2e/slow-portal.js';
import { allSchools, compliantSchool, failingSchool, results } from './factory.js';
import { readWorkbook } from './read-back.js';

let rules: LoadedRulePack;
let pack: RulePack;

beforeAll(async () => {
  rules = await loadRulePack();
  pack = rules.pack;
});

const header = (r: AuditResults) => {
  const { schools: _, ...rest } = r;
  return rest;
};

/** Every cell of every sheet: value and style, in order. */
async function cells(file: string): Promise<string[]> {
  const wb: ExcelJS.Workbook = await readWorkbook(file);
  const out: string[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => out.push(`${ws.name}!${r}:${c} ${JSON.stringify(cell.value)} ${JSON.stringify(cell.style)}`)),
    );
  return out;
}

const tmpFiles = async (dir: string) => (await readdir(dir)).filter((n) => n.startsWith('.'));

describe('resultsJsonParts', () => {
  it.each([
    ['no school', () => results(pack, [])],
    ['four schools', () => results(pack, allSchools(pack))],
    ['schools not audited and a field of a newer version', () => ({ ...results(pack, [failingSchool(pack)]), notAudited: [{ id: 'x', name: 'Trường "X"\n', url: 'http://127.0.0.1:9/' }], extra: { a: [1, { b: '' }] } })],
  ])('puts together results.json byte for byte as resultsJson does (%s)', (_, make) => {
    const r = make();
    const parts = resultsJsonParts(header(r), r.schools.length);
    expect(`${parts.head}${r.schools.map((s, i) => parts.school(s, i)).join('')}${parts.tail}`).toBe(resultsJson(r));
  });
});

describe('openReportWriter', () => {
  it('writes the same results.json, report.html, junit.xml and workbooks as writeReports, whatever order the schools come in', async () => {
    const all = results(pack, allSchools(pack));
    for (const lang of ['vi', 'en'] as const) {
      const whole = await mkdtemp(join(tmpdir(), 'pa-stream-whole-'));
      const streamed = await mkdtemp(join(tmpdir(), 'pa-stream-'));
      const a = await writeReports(all, { outDir: whole, pack, lang });
      const writer = await openReportWriter({ outDir: streamed, pack, lang, header: header(all), order: all.schools.map((s) => s.id) });
      // Finishing order, not the list's: the last school of the list first.
      await Promise.all([...all.schools].reverse().map((s) => writer.addSchool(s)));
      const b = await writer.finish();
      expect(b.files.map((f) => f.slice(streamed.length))).toEqual(a.files.map((f) => f.slice(whole.length)));
      // The documents as the in-memory functions write them from the whole results.
      const expected: Record<string, string> = { 'results.json': resultsJson(all), 'report.html': reportHtml(all, pack, lang), 'junit.xml': junitXml(all, pack, lang) };
      for (const [name, text] of Object.entries(expected)) {
        expect(await readFile(join(streamed, name), 'utf8'), `${lang} ${name}`).toBe(text);
        expect(await readFile(join(whole, name), 'utf8'), `${lang} ${name}`).toBe(text);
      }
      for (const name of ['summary.xlsx', 'th-bo-de.xlsx', 'mn-hostile.xlsx']) {
        expect(await cells(join(streamed, name)), `${lang} ${name}`).toEqual(await cells(join(whole, name)));
      }
      expect(await tmpFiles(streamed)).toEqual([]);
    }
  });

  it('keeps a slim copy of each school in memory while results.json gets the whole result', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-stream-'));
    const school = compliantSchool(pack);
    const writer = await openReportWriter({ outDir: dir, pack, header: header(results(pack, [])) });
    await writer.addSchool(failingSchool(pack));
    await writer.addSchool(school);
    const { results: kept } = await writer.finish();
    expect(kept.schools.map((s) => s.id)).toEqual(['th-bo-de', 'thcs-gia-thuy']);
    const slim = kept.schools[1]!;
    expect(slim.pages).toEqual([]);
    expect(slim.sections.every((s) => s.mapping.length === 0 && s.pages.length === 0 && s.findings.length === 0)).toBe(true);
    expect(slim.summary).toEqual(school.summary);
    // The failures and warnings the annotations and the common faults read stay, without evidence.
    const album = kept.schools[0]!.sections.find((s) => s.id === 'album-anh')!;
    expect(album.findings.map((f) => [f.check, f.status, f.evidence])).toEqual([
      ['freshness', 'fail', []],
      ['freshness', 'warn', []],
    ]);
    const doc = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as AuditResults;
    expect(doc.schools[1]!.pages).toEqual(school.pages);
    expect(doc.schools[1]!.sections[0]!.mapping).toEqual(school.sections[0]!.mapping);
    expect(JSON.stringify(slimSchool(school)).length).toBeLessThan(JSON.stringify(school).length / 2);
  });

  it('names the workbooks of two ids that differ only in case in the list\'s order, whichever finishes first', async () => {
    const a = { ...compliantSchool(pack), id: 'TH-A' };
    const b = { ...compliantSchool(pack), id: 'th-a' };
    const names: string[][] = [];
    for (const first of [a, b]) {
      const dir = await mkdtemp(join(tmpdir(), 'pa-stream-'));
      const writer = await openReportWriter({ outDir: dir, pack, header: header(results(pack, [])), order: ['TH-A', 'th-a'] });
      await writer.addSchool(first);
      await writer.addSchool(first === a ? b : a);
      names.push((await writer.finish()).files.slice(4).map((f) => f.slice(dir.length + 1)));
    }
    expect(names[0]).toEqual(['TH-A.xlsx', 'th-a-2.xlsx']);
    expect(names[1]).toEqual(names[0]);
  });

  it('leaves no district report and no spool file when discarded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-stream-'));
    const writer = await openReportWriter({ outDir: dir, pack, header: header(results(pack, [])) });
    await writer.addSchool(compliantSchool(pack));
    expect((await tmpFiles(dir)).length).toBe(1);
    await writer.discard();
    expect(await readdir(dir)).toEqual(['thcs-gia-thuy.xlsx']);
  });

  it('removes the spool of a killed run, and leaves a running process\'s alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-stream-'));
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const dead = `.results-schools.${gone}.0a0b0c0d.jsonl.tmp`;
    const live = `.results-schools.${process.ppid}.0a0b0c0d.jsonl.tmp`;
    await writeFile(join(dir, dead), '{}\n');
    await writeFile(join(dir, live), '{}\n');
    await (await openReportWriter({ outDir: dir, pack, header: header(results(pack, [])) })).finish();
    const left = await readdir(dir);
    expect(left).not.toContain(dead);
    expect(left).toContain(live);
  });
});

describe('runAudit through the writer', () => {
  let fast: SlowPortal;
  let slow: SlowPortal;

  beforeAll(async () => {
    fast = await startSlowPortal({ pages: 3, delayMs: 0, title: 'Trường Tiểu học Nhanh' });
    slow = await startSlowPortal({ pages: 5, delayMs: 60_000, title: 'Trường THCS Chậm' });
  });

  afterAll(async () => {
    await fast?.close();
    await slow?.close();
  });

  it('writes each finished school, returns slim results, and lists the schools a stop left out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-stream-run-'));
    const config = (id: string, name: string, url: string): SchoolConfig => ({ id, name, url, level: 'TH', boarding: false, startUrls: [], sectionUrls: {} });
    const schools = [config('thcs-cham', 'Trường THCS Chậm', slow.url), config('th-nhanh', 'Trường Tiểu học Nhanh', fast.url)];
    const stop = new AbortController();
    const quiet = () => undefined;
    const progress: RunProgress = {
      info: quiet,
      warn: quiet,
      error: quiet,
      runStart: quiet,
      schoolStart: quiet,
      schoolProgress: quiet,
      tick: quiet,
      runEnd: quiet,
      // The fast school done, the run is stopped: the slow one is left for --resume.
      schoolDone: (r: SchoolResult) => {
        if (r.id === 'th-nhanh') stop.abort();
      },
    };
    const started = Date.now();
    const out = await runAudit({
      schools,
      rules,
      asOf: new Date('2026-10-30T15:00:00+07:00'),
      outDir: dir,
      crawl: { allowPrivate: true, render: 'never', maxPages: 10, robots: false, sitemaps: false },
      log: progress,
      progress,
      now: new Date('2026-10-30T15:05:00+07:00'),
      screenshots: false,
      signal: stop.signal,
    });
    expect(Date.now() - started).toBeLessThan(30_000); // a hang guard, not a speed test
    expect(out.schools.map((s) => s.id)).toEqual(['th-nhanh']);
    expect(out.notAudited).toEqual([{ id: 'thcs-cham', name: 'Trường THCS Chậm', url: slow.url }]);
    expect(out.schools[0]!.pages).toEqual([]);
    const doc = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as AuditResults;
    expect(doc.schools[0]!.pages.length).toBe(out.schools[0]!.pagesCrawled);
    expect(doc.schools[0]!.pagesCrawled).toBe(4);
    expect(doc.notAudited?.map((s) => s.id)).toEqual(['thcs-cham']);
    const files = await readdir(dir);
    expect(files).toContain('th-nhanh.xlsx');
    expect(files).not.toContain('thcs-cham.xlsx');
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('Chưa rà soát (lần chạy bị dừng)');
    expect(files.filter((n) => n.startsWith('.'))).toEqual([]);
  }, 60_000);
});
