/** The commands as a user meets them: bad input, `rules`, `check`, `judge` of a saved crawl, `demo`. */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import type { AuditResults } from '../../src/types.js';
import { cli } from './cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pa-cmd-'));
});

describe('bad input stops before any crawl with file:line and exit code 2', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed YAML', '- id: a\n  name: [A\n  url: http://127.0.0.1:9/\n', /schools\.yaml:\d+: .*invalid YAML/],
    ['duplicate ids', '- {id: a, name: A, url: "http://127.0.0.1:9/", level: TH}\n- {id: a, name: B, url: "http://127.0.0.1:9/b", level: TH}\n', /schools\.yaml:2: \[1\]\.id: .*duplicate id "a"/],
    ['a missing url', '- id: a\n  name: A\n  level: TH\n', /schools\.yaml:1: \[0\]\.url: .*missing URL/],
    ['an unknown level', '- id: a\n  name: A\n  url: http://127.0.0.1:9/\n  level: ĐH\n', /schools\.yaml:4: \[0\]\.level: .*unknown level "ĐH"/],
    ['an unknown section id', '- id: a\n  name: A\n  url: http://127.0.0.1:9/\n  level: TH\n  sectionUrls: { lich-thi: "http://127.0.0.1:9/x" }\n', /schools\.yaml:5: .*unknown section id "lich-thi"/],
  ];
  for (const [what, text, message] of cases) {
    it(`rejects ${what}`, async () => {
      const file = join(dir, 'schools.yaml');
      await writeFile(file, text);
      const r = await cli(['audit', file, '--out', join(dir, 'never')]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(join(dir, 'never'))).toBe(false);
    });
  }

  it('rejects a bad --as-of and an unknown option with exit code 2', async () => {
    const file = join(dir, 'ok.yaml');
    await writeFile(file, '- {id: a, name: A, url: "http://127.0.0.1:9/", level: TH}\n');
    const r = await cli(['audit', file, '--as-of', 'thứ sáu']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--as-of/);
    expect((await cli(['audit', file, '--bogus'])).code).toBe(2);
  });
});

describe('a run that cannot finish', () => {
  it('exits 3 when the output folder cannot be written, after saying why', async () => {
    const file = join(dir, 'one-school.yaml');
    await writeFile(file, '- {id: a, name: A, url: "http://127.0.0.1:9/", level: TH}\n');
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, 'a file where the output folder should go');
    const r = await cli(['audit', file, '--out', join(blocker, 'reports')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/the run failed/);
  });
});

describe('portal-audit rules', () => {
  it('lists the bundled pack', async () => {
    const r = await cli(['rules']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/289\/VP-CNTT ngày 09\/10\/2017/);
    expect(r.stdout).toMatch(/VIII\.1\s+lich-cong-tac-tuan/);
    expect(r.stdout).toMatch(/VII\.2\s+thuc-don\s+MN\/bán trú/);
  });

  it('rejects a broken pack with exit code 2 and the line', async () => {
    const file = join(dir, 'broken-rules.yaml');
    await writeFile(file, 'id: x\ntitle: { vi: a, en: b }\nsections: 3\n');
    const r = await cli(['rules', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken-rules\.yaml:\d+: /);
  });
});

describe('check and judge against a fixture portal', () => {
  let server: FixtureServer;
  // The week of Monday 26/10/2026; the deadline for next week's schedule is Friday 30/10 16:00.
  const anchor = '2026-10-30T15:00:00+07:00';
  beforeAll(async () => {
    server = await startFixtureServer({ anchor: parseInstant(anchor), portals: ['thcs-sen-hong'] });
  });
  afterAll(async () => server?.close());

  it('prints a table and exits 0 for the compliant portal', async () => {
    const url = server.portals[0]!.url;
    const r = await cli(['check', url, '--level', 'THCS', '--boarding', '--as-of', '2026-10-30T15:30:00+07:00']);
    expect(r.stderr).not.toMatch(/run failed/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/VIII\.1/);
    expect(r.stdout).toMatch(/Đạt/);
  });

  it('prints the results.json document of the school with --format json, and JUnit with --format junit', async () => {
    const url = server.portals[0]!.url;
    const json = await cli(['check', url, '--level', 'THCS', '--boarding', '--as-of', anchor, '--format', 'json']);
    const doc = JSON.parse(json.stdout) as AuditResults;
    expect(doc.schools).toHaveLength(1);
    expect(doc.schools[0]!.sections.map((s) => s.id)).toContain('lich-cong-tac-tuan');
    const junit = await cli(['check', url, '--level', 'THCS', '--boarding', '--as-of', anchor, '--format', 'junit']);
    expect(junit.stdout).toMatch(/^<\?xml/);
    expect(junit.stdout).toMatch(/<testcase [^>]*name="VIII\.1 lich-cong-tac-tuan/);
  });

  it('judges one saved crawl at Friday 15:59 and 16:01 with different weekly results, with no network', async () => {
    const out = join(dir, 'crawl-run');
    const schools = join(dir, 'one.yaml');
    const p = server.portals[0]!;
    await writeFile(schools, JSON.stringify([{ id: p.id, name: p.name, url: p.url, level: p.level, boarding: p.boarding }]));
    // Crawl on Thursday, before next week's schedule exists on the portal.
    const first = await cli(['audit', schools, '--as-of', anchor, '--out', out]);
    expect(first.stderr).not.toMatch(/run failed/);
    expect(existsSync(join(out, 'crawl.json.gz'))).toBe(true);
    await server.close();
    const at = async (asOf: string) => {
      const o = join(dir, `judged-${asOf.slice(11, 16).replace(':', '')}`);
      const r = await cli(['judge', join(out, 'crawl.json.gz'), '--as-of', asOf, '--out', o]);
      const res = JSON.parse(await readFile(join(o, 'results.json'), 'utf8')) as AuditResults;
      return { r, section: res.schools[0]!.sections.find((s) => s.id === 'lich-cong-tac-tuan')! };
    };
    const before = await at('2026-10-30T15:59:00+07:00');
    const after = await at('2026-10-30T16:01:00+07:00');
    expect(before.section.status).not.toBe(after.section.status);
    expect(after.section.findings.some((f) => /02\/11\/2026/.test(f.message.vi))).toBe(true);

    // A year the bundled calendar has no decision for is judged with computed holidays, and said so;
    // `--calendar` adds the decision; a broken calendar file is bad input.
    const crawlFile = join(out, 'crawl.json.gz');
    const in2027 = await cli(['judge', crawlFile, '--as-of', '2027-03-01T09:00:00+07:00', '--out', join(dir, 'j2027')]);
    expect(in2027.stderr).toMatch(/no days-off decision for 2027/);
    const extra = join(dir, 'vn-2027.yaml');
    await writeFile(extra, '2027:\n  daysOff: [2027-01-01, 2027-02-05, 2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11]\n');
    const decided = await cli(['judge', crawlFile, '--as-of', '2027-03-01T09:00:00+07:00', '--calendar', extra, '--out', join(dir, 'j2027b')]);
    expect(decided.stderr).not.toMatch(/no days-off decision/);
    await writeFile(extra, '2027:\n  makeupWorkdays: [2027-03-03]\n');
    const broken = await cli(['judge', crawlFile, '--calendar', extra]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/vn-2027\.yaml:2: 2027\.makeupWorkdays\[0\]: .*not a Saturday or Sunday/);
  });
});

describe('portal-audit demo', () => {
  it('serves the bundled portals and writes results.json, summary.xlsx and a workbook per school', async () => {
    const out = join(dir, 'demo');
    const r = await cli(['demo', '--out', out], { timeoutMs: 180_000 });
    expect(r.stderr).not.toMatch(/run failed/);
    expect(r.code).toBe(0);
    const res = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as AuditResults;
    expect(res.schools.length).toBeGreaterThanOrEqual(5);
    for (const s of res.schools) expect(existsSync(join(out, `${s.id}.xlsx`))).toBe(true);
    expect(existsSync(join(out, 'summary.xlsx'))).toBe(true);
    expect(res.schools.filter((s) => !s.reachable)).toHaveLength(1);
    // The deadline example: the compliant portal's schedule passes a minute before the next
    // Friday 16:00 and fails a minute after, if nothing changes.
    expect(r.stdout).toMatch(/weekly deadline \d{4}-\d\d-\d\d 16:00/);
    expect(r.stdout).toMatch(/\* thcs-sen-hong +VIII\.1 lich-cong-tac-tuan +Đạt \/ Pass +→ Không đạt \/ Fail/);
  }, 200_000);
});
