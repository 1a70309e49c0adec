import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultsJson } from '../../src/report/json.js';
import { writeReports } from '../../src/report/write.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import type { AuditResults } from '../../src/types.js';
import { allSchools, results } from './factory.js';

let pack: RulePack;
let audit: AuditResults;
let text: string;

beforeAll(async () => {
  pack = (await loadRulePack()).pack;
  audit = results(pack, allSchools(pack));
  const dir = await mkdtemp(join(tmpdir(), 'pa-json-'));
  await writeReports(audit, { outDir: dir, pack });
  text = await readFile(join(dir, 'results.json'), 'utf8');
});

describe('results.json', () => {
  it('round-trips the audit results unchanged', () => {
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(audit)));
  });

  it('starts every object with SPEC\'s keys in SPEC\'s order', () => {
    const doc = JSON.parse(text);
    expect(Object.keys(doc).slice(0, 4)).toEqual(['tool', 'rulePack', 'asOf', 'schools']);
    expect(doc.tool).toEqual({ name: 'portal-audit', version: '1.0.0' });
    expect(doc.rulePack).toEqual({ id: 'longbien-289-2017', title: pack.title.vi });
    expect(doc.asOf).toBe('2026-10-30T17:00:00+07:00');
    const school = doc.schools[1];
    expect(Object.keys(school).slice(0, 9)).toEqual(['id', 'name', 'url', 'level', 'reachable', 'error', 'pagesCrawled', 'sections', 'summary']);
    expect(school.summary).toEqual({ pass: 21, fail: 2, warn: 1, unknown: 1, na: 0 });
    const album = school.sections.find((s: { id: string }) => s.id === 'album-anh');
    expect(Object.keys(album).slice(0, 8)).toEqual(['id', 'code', 'title', 'mandatory', 'status', 'pages', 'latestDate', 'findings']);
    expect(album).toMatchObject({ code: 'III.3', title: 'Album ảnh', mandatory: true, status: 'fail', latestDate: '2026-08-20' });
    expect(Object.keys(album.findings[1]).slice(0, 4)).toEqual(['check', 'status', 'message', 'evidence']);
    expect(album.findings[1].message).toEqual({ vi: 'Album ảnh mới nhất ngày 20/08/2026, quá 1 tháng.', en: 'Newest album 20/08/2026 is older than one month.' });
  });

  it('is indented with two spaces and ends with a newline', () => {
    expect(text.startsWith('{\n  "tool": {\n    "name"')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('keeps an unreachable school\'s error and null latest dates', () => {
    const doc = JSON.parse(resultsJson(audit));
    const down = doc.schools.find((s: { id: string }) => s.id === 'mn-hoa-sua');
    expect(down).toMatchObject({ reachable: false, error: 'connect ECONNREFUSED 127.0.0.1:9', pagesCrawled: 0 });
    expect(down.sections[0].latestDate).toBeNull();
  });
});
