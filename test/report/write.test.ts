import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { schoolFileName, writeAtomic, writeReports } from '../../src/report/write.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import { allSchools, compliantSchool, results } from './factory.js';
import { readWorkbook } from './read-back.js';

let pack: RulePack;

beforeAll(async () => {
  pack = (await loadRulePack()).pack;
});

describe('writeReports', () => {
  it('creates the folder and writes results.json, junit.xml, summary.xlsx and one workbook per school', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'pa-write-')), 'reports', '2026-10-30');
    const { files } = await writeReports(results(pack, allSchools(pack)), { outDir: dir, pack });
    const names = ['results.json', 'junit.xml', 'summary.xlsx', 'report.html', 'thcs-gia-thuy.xlsx', 'th-bo-de.xlsx', 'mn-hoa-sua.xlsx', 'mn-hostile.xlsx'];
    expect(files).toEqual(names.map((n) => join(dir, n)));
    expect((await readdir(dir)).sort()).toEqual([...names].sort()); // no temporary files left behind
  });

  it('replaces the files of an earlier run in the same folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-write-'));
    await writeReports(results(pack, allSchools(pack)), { outDir: dir, pack });
    await writeReports(results(pack, [compliantSchool(pack)]), { outDir: dir, pack });
    const doc = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
    expect(doc.schools.map((s: { id: string }) => s.id)).toEqual(['thcs-gia-thuy']);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('never lets a school id overwrite the run\'s own files or leave the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-write-'));
    const a = { ...compliantSchool(pack), id: 'summary' };
    const b = { ...compliantSchool(pack), id: '../../evil' };
    const { files } = await writeReports(results(pack, [a, b]), { outDir: dir, pack });
    expect(files.slice(4)).toEqual([join(dir, 'school-summary.xlsx'), join(dir, 'evil.xlsx')]);
    const summary = await readWorkbook(join(dir, 'summary.xlsx'));
    expect(summary.getWorksheet('Tổng hợp')).toBeDefined();
  });

  it('gives two ids that differ only in case two files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-write-'));
    const a = { ...compliantSchool(pack), id: 'TH-A' };
    const b = { ...compliantSchool(pack), id: 'th-a' };
    const { files } = await writeReports(results(pack, [a, b]), { outDir: dir, pack });
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
  });
});

describe('schoolFileName', () => {
  it.each([
    ['thcs-gia-thuy', 'thcs-gia-thuy.xlsx'],
    ['mn.hoa_sua', 'mn.hoa_sua.xlsx'],
    ['Summary', 'school-Summary.xlsx'],
    ['a/b\\c', 'a-b-c.xlsx'],
    ['..', 'school.xlsx'],
  ])('names the workbook of %j %j', (id, name) => {
    expect(schoolFileName(id)).toBe(name);
  });
});

describe('writeAtomic', () => {
  it('leaves the old file and no temporary file when the new one cannot take its place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pa-atomic-'));
    await mkdir(join(dir, 'busy'));
    await writeFile(join(dir, 'busy', 'keep.txt'), 'old');
    await expect(writeAtomic(join(dir, 'busy'), 'new')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['busy']);
    expect(await readFile(join(dir, 'busy', 'keep.txt'), 'utf8')).toBe('old');
  });
});
