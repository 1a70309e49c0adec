import { beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubAnnotations, inGithubActions, MAX_ANNOTATIONS } from '../../src/report/annotations.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import type { SchoolResult } from '../../src/types.js';
import { allSchools, compliantSchool, failingSchool, HOSTILE, results, school, unreachableSchool } from './factory.js';

let pack: RulePack;
beforeAll(async () => {
  pack = (await loadRulePack()).pack;
});

/** How the Actions runner reads a workflow command line (actions/runner ActionCommand.TryParseV2). */
function parseCommand(line: string): { kind: string; props: Record<string, string>; message: string } {
  const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unProp = (s: string) => unData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
  const props: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    props[pair.slice(0, eq)] = unProp(pair.slice(eq + 1));
  }
  return { kind: m[1]!, props, message: unData(m[3]!) };
}

describe('escaping per the workflow-command rules', () => {
  it('escapes %, CR and LF in the message, and also : and , in a property', () => {
    expect(escapeData('50% xong\r\nhết')).toBe('50%25 xong%0D%0Ahết');
    expect(escapeProperty('THCS Gia Thụy: VIII.1, tuần 44 %')).toBe('THCS Gia Thụy%3A VIII.1%2C tuần 44 %25');
  });

  it('escapes % first, so an escape already in page text survives as text', () => {
    expect(escapeData('%0A')).toBe('%250A');
    expect(parseCommand(`::error::${escapeData('%0A and %25')}`).message).toBe('%0A and %25');
  });

  it('drops control characters that mean nothing in an annotation', () => {
    expect(escapeData(HOSTILE[0]!)).toBe('=HYPERLINK("http://x")');
  });

  it('keeps a hostile school name and message whole through the runner’s parser', () => {
    const name = 'Trường "A": lớp 6,7 — 100%\n::warning::x';
    const s = school(pack, {
      id: 'x',
      name,
      url: 'https://x.example/',
      level: 'THCS',
      judge: (rs) => (rs.id === 'video' ? { status: 'fail', findings: [{ check: 'presence', status: 'fail', message: { vi: 'a::b,c\nd %0A', en: 'e' }, evidence: [] }] } : undefined),
    });
    const lines = githubAnnotations(results(pack, [s]), 'vi');
    expect(lines).toHaveLength(1);
    for (const l of lines) expect(l).not.toMatch(/[\r\n]/);
    const cmd = parseCommand(lines[0]!);
    expect(cmd.kind).toBe('error');
    expect(cmd.props.title).toBe(`${name} III.4`);
    expect(cmd.message).toBe('III.4 Video — Không đạt: a::b,c\nd %0A');
  });
});

describe('githubAnnotations', () => {
  it('gives one ::error per failing section and one ::warning per warning section, errors first', () => {
    const lines = githubAnnotations(results(pack, [failingSchool(pack)]), 'vi');
    const cmds = lines.map(parseCommand);
    expect(cmds.map((c) => `${c.kind} ${c.props.title}`)).toEqual([
      'error Trường Tiểu học Bồ Đề III.3',
      'error Trường Tiểu học Bồ Đề III.4',
      'warning Trường Tiểu học Bồ Đề VIII.1',
    ]);
    // Only the reasons of the section's own status: the album's extra warning stays out of its error.
    expect(cmds[0]!.message).toBe('III.3 Album ảnh — Không đạt: Album ảnh mới nhất ngày 20/08/2026, quá 1 tháng.');
    expect(cmds[2]!.message).toMatch(/^VIII\.1 Lịch công tác tuần — Cần lưu ý: Lịch tuần 44 đăng muộn/);
  });

  it('speaks English with lang en', () => {
    const [first] = githubAnnotations(results(pack, [failingSchool(pack)]), 'en').map(parseCommand);
    const label = pack.sections.find((s) => s.id === 'album-anh')!.label.en;
    expect(first!.message).toBe(`III.3 ${label} — Fail: Newest album 20/08/2026 is older than one month.`);
  });

  it('says nothing for a compliant school and one error for an unreachable one', () => {
    expect(githubAnnotations(results(pack, [compliantSchool(pack)]))).toEqual([]);
    const lines = githubAnnotations(results(pack, [unreachableSchool(pack)]));
    expect(lines).toHaveLength(1);
    const cmd = parseCommand(lines[0]!);
    expect(cmd.kind).toBe('error');
    expect(cmd.props.title).toBe('Trường Mầm non Hoa Sữa');
    expect(cmd.message).toMatch(/ECONNREFUSED/);
  });

  it('caps the lines and ends with a notice of how many were left out', () => {
    const many: SchoolResult[] = Array.from({ length: 30 }, (_, i) => ({ ...failingSchool(pack), id: `th-${i}`, name: `Trường ${i}` }));
    const lines = githubAnnotations(results(pack, many), 'en');
    expect(lines).toHaveLength(MAX_ANNOTATIONS);
    const last = parseCommand(lines.at(-1)!);
    expect(last.kind).toBe('notice');
    expect(last.message).toBe(`${30 * 3 - (MAX_ANNOTATIONS - 1)} more failures/warnings not shown: see junit.xml or results.json.`);
    // The 60 errors come before the 30 warnings, so the cap keeps errors.
    expect(lines.slice(0, -1).every((l) => l.startsWith('::error '))).toBe(true);
    expect(githubAnnotations(results(pack, many), 'vi', 5)).toHaveLength(5);
    expect(githubAnnotations(results(pack, allSchools(pack)), 'vi', 1000).length).toBeLessThan(MAX_ANNOTATIONS);
  });

  it('knows it runs on GitHub Actions only when GITHUB_ACTIONS is "true"', () => {
    expect(inGithubActions({ GITHUB_ACTIONS: 'true' })).toBe(true);
    expect(inGithubActions({ GITHUB_ACTIONS: 'false' })).toBe(false);
    expect(inGithubActions({})).toBe(false);
  });
});
