import { beforeAll, describe, expect, it } from 'vitest';
import { runSummary, sectionTable } from '../../src/report/console.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import type { AuditResults } from '../../src/types.js';
import { allSchools, results } from './factory.js';

let pack: RulePack;
let audit: AuditResults;
const ESC = '\x1b';

beforeAll(async () => {
  pack = (await loadRulePack()).pack;
  audit = results(pack, allSchools(pack));
});

const school = (id: string) => audit.schools.find((s) => s.id === id)!;
/** Columns on screen: escape sequences take none. */
const visible = (line: string) => [...line.replace(/\x1b\[[\d;]*m/g, '')].length;

describe('sectionTable', () => {
  it('shows one line per section with code, name, status and the first reason', () => {
    const out = sectionTable(school('th-bo-de'), { color: false, lang: 'vi', width: 120 });
    const album = out.split('\n').find((l) => l.startsWith('III.3 '))!;
    expect(album).toMatch(/^III\.3\s+Album ảnh\s+✗ Không đạt\s+Album ảnh mới nhất ngày 20\/08\/2026, quá 1 tháng\.$/);
    expect(out.split('\n').filter((l) => /^[IVX]+\.\d /.test(l)).length).toBe(25);
    expect(out).toContain('? Cần kiểm tra thủ công');
    expect(out).not.toContain(ESC);
  });

  it('lists the notes ("due in N hours") and ends with the summary line', () => {
    const out = sectionTable(school('th-bo-de'), { color: false, lang: 'en' });
    expect(out).toContain('Notes:\n  VIII.1 Weekly work schedule: Next week is due in 5 hours.');
    expect(out.trimEnd().split('\n').pop()).toBe('Passed 17/21 mandatory sections; failed 2; warnings 1; to check by hand 1.');
    expect(out).toMatch(/^III\.3\s+Photo albums\s+✗ Fail\s+Newest album/m);
  });

  it('keeps every line within the width, cutting long names and reasons with an ellipsis', () => {
    for (const width of [60, 80, 100]) {
      for (const color of [false, true]) {
        const out = sectionTable(school('th-bo-de'), { color, lang: 'vi', width });
        const rows = out.split('\n').filter((l) => /^[IVX]+\.\d /.test(l.replace(/\x1b\[[\d;]*m/g, '')));
        for (const line of rows) expect(visible(line)).toBeLessThanOrEqual(width);
      }
    }
    expect(sectionTable(school('th-bo-de'), { color: false, lang: 'vi', width: 60 })).toContain('…');
  });

  it('colours statuses with ANSI codes only when asked', () => {
    const out = sectionTable(school('th-bo-de'), { color: true, lang: 'vi' });
    expect(out).toContain(`${ESC}[31m✗ Không đạt`);
    expect(out).toContain(`${ESC}[32m✓ Đạt`);
    expect(out).toContain(`${ESC}[33m! Cần lưu ý`);
  });

  it('says when the portal could not be reached', () => {
    const out = sectionTable(school('mn-hoa-sua'), { color: false, lang: 'vi' });
    expect(out).toContain('Không truy cập được: connect ECONNREFUSED 127.0.0.1:9');
  });

  it('strips control characters, so page text cannot send escape sequences to the terminal', () => {
    const s = structuredClone(school('mn-hostile'));
    s.sections[0]!.findings = [{ check: 'x', status: 'fail', message: { vi: `\x1b[2J\x1b]0;owned\x07Tiêu đề`, en: 'x' }, evidence: [] }];
    s.name = `Trường\x1b[31m đỏ`;
    const out = sectionTable(s, { color: false, lang: 'vi' });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\x07');
  });
});

describe('runSummary', () => {
  it('gives one line per school with its counts, the unreachable error, and a total line', () => {
    const lines = runSummary(audit, { color: false, lang: 'vi' }).trimEnd().split('\n');
    expect(lines.length).toBe(5);
    expect(lines[1]).toMatch(/^th-bo-de\s+✓ 21\s+✗  2\s+!  1\s+\?  1$/);
    expect(lines[2]).toMatch(/^mn-hoa-sua .*Không truy cập được: connect ECONNREFUSED 127\.0\.0\.1:9$/);
    expect(lines[4]).toMatch(/^Tổng: 4 trường, 1 không truy cập được\s+✓ 69\s+✗  3\s+!  1\s+\? 26$/);
  });

  it('speaks English when asked', () => {
    const out = runSummary(audit, { color: true, lang: 'en' });
    expect(out).toContain('Unreachable: connect ECONNREFUSED');
    expect(out).toContain('Total: 4 schools, 1 unreachable');
    expect(out).toContain(`${ESC}[31m✗  3`);
  });
});
