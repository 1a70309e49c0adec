/**
 * `portal-audit merge`: two shards of one audit, run by the real CLI against the fixture portals,
 * joined into one set of reports; shards that do not belong together are bad input. And `check` on
 * GitHub Actions prints annotations on stderr, leaving stdout to the JSON document.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import type { AuditResults } from '../../src/types.js';
import { cli, type CliRun } from './cli.js';

// Friday 30/10/2026 15:00, before the weekly deadline.
const ANCHOR = '2026-10-30T15:00:00+07:00';
const FAST = ['--no-screenshots', '--render', 'never', '--max-pages', '80'];
// Whatever the machine running the tests says, the CLI decides from the env we give it.
const NOT_ON_GITHUB = { GITHUB_ACTIONS: '' };

let server: FixtureServer;
let dir: string;
const shard = (n: 1 | 2) => join(dir, `shard-${n}`, 'results.json');
let runs: CliRun[];

async function readResults(file: string): Promise<AuditResults> {
  return JSON.parse(await readFile(file, 'utf8')) as AuditResults;
}

beforeAll(async () => {
  server = await startFixtureServer({ anchor: parseInstant(ANCHOR), portals: ['thcs-sen-hong', 'th-hoa-ban'] });
  dir = await mkdtemp(join(tmpdir(), 'pa-merge-'));
  runs = await Promise.all(
    server.portals.map(async (p, i) => {
      const list = join(dir, `schools-${i + 1}.yaml`);
      await writeFile(list, JSON.stringify([{ id: p.id, name: p.name, url: p.url, level: p.level, boarding: p.boarding }]));
      return cli(['audit', list, '--as-of', ANCHOR, '--out', join(dir, `shard-${i + 1}`), ...FAST], { timeoutMs: 240_000, env: NOT_ON_GITHUB });
    }),
  );
}, 300_000);

afterAll(async () => server?.close());

describe('portal-audit merge', () => {
  it('has two shards to merge, one school each', async () => {
    for (const r of runs) expect(r.stderr).not.toMatch(/run failed/);
    expect((await readResults(shard(1))).schools.map((s) => s.id)).toEqual(['thcs-sen-hong']);
    expect((await readResults(shard(2))).schools.map((s) => s.id)).toEqual(['th-hoa-ban']);
  });

  it('joins the shards into one results.json, summary.xlsx, junit.xml and a workbook per school', async () => {
    // A screenshot saved beside shard 1 must still be found from the merged folder.
    const one = await readResults(shard(1));
    one.schools[0]!.screenshot = { file: 'screenshots/thcs-sen-hong/home.png', takenAt: ANCHOR, width: 1366 };
    await writeFile(shard(1), JSON.stringify(one));
    const out = join(dir, 'merged');
    const r = await cli(['merge', shard(1), shard(2), '--out', out], { env: NOT_ON_GITHUB });
    expect(r.stderr).not.toMatch(/run failed/);
    // Hoa Ban fails sections, so the default --fail-on fail exits 1, as its own audit did.
    expect(r.code).toBe(1);
    expect(runs[1]!.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/^::/m);

    const merged = await readResults(join(out, 'results.json'));
    const two = await readResults(shard(2));
    expect(merged.schools.map((s) => s.id)).toEqual(['thcs-sen-hong', 'th-hoa-ban']);
    expect(merged.asOf).toBe(ANCHOR);
    expect(merged.rulePack).toEqual(one.rulePack);
    expect(merged.tool).toEqual(one.tool);
    // The judgements travel unchanged.
    expect(merged.schools[1]!.sections).toEqual(two.schools[0]!.sections);
    expect(merged.schools[0]!.screenshot!.file).toBe('../shard-1/screenshots/thcs-sen-hong/home.png');

    for (const f of ['summary.xlsx', 'junit.xml', 'thcs-sen-hong.xlsx', 'th-hoa-ban.xlsx']) expect(existsSync(join(out, f)), f).toBe(true);
    const summary = new ExcelJS.Workbook();
    await summary.xlsx.readFile(join(out, 'summary.xlsx'));
    const matrix = JSON.stringify(summary.worksheets[0]!.getSheetValues());
    expect(matrix).toContain('thcs-sen-hong');
    expect(matrix).toContain('th-hoa-ban');
    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(junit.match(/<testsuite /g)).toHaveLength(2);

    // --fail-on never: the same merge is a success for the exit code.
    expect((await cli(['merge', shard(1), shard(2), '--out', join(dir, 'merged-never'), '--fail-on', 'never'], { env: NOT_ON_GITHUB })).code).toBe(0);
  });

  it('refuses a school that is in two shards, naming it and both files', async () => {
    const copy = join(dir, 'copy', 'results.json');
    await mkdir(join(dir, 'copy'));
    await copyFile(shard(1), copy);
    const out = join(dir, 'never-dup');
    const r = await cli(['merge', shard(1), shard(2), copy, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/school "thcs-sen-hong" is in two files/);
    expect(r.stderr).toContain(shard(1));
    expect(r.stderr).toContain(copy);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses shards judged at different instants or with different rule packs', async () => {
    const later = await readResults(shard(2));
    later.asOf = '2026-10-30T16:30:00+07:00';
    const laterFile = join(dir, 'later.json');
    await writeFile(laterFile, JSON.stringify(later));
    const r = await cli(['merge', shard(1), laterFile, '--out', join(dir, 'never-asof')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/later\.json: asOf: thời điểm rà soát khác nhau \/ different audit instants/);
    expect(r.stderr).toMatch(/same --as-of/);
    expect(existsSync(join(dir, 'never-asof'))).toBe(false);

    // The same instant written with another offset is the same audit.
    later.asOf = '2026-10-30T08:00:00Z';
    await writeFile(laterFile, JSON.stringify(later));
    expect((await cli(['merge', shard(1), laterFile, '--out', join(dir, 'merged-utc'), '--fail-on', 'never'])).code).toBe(0);

    const other = await readResults(shard(2));
    other.rulePack.id = 'ha-noi-2024';
    const otherFile = join(dir, 'other-pack.json');
    await writeFile(otherFile, JSON.stringify(other));
    const p = await cli(['merge', shard(1), otherFile, '--out', join(dir, 'never-pack')]);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/other-pack\.json: rulePack\.id: .*different rule packs/);
  });

  it('refuses a file that is not a results.json, naming the file and the field', async () => {
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{"tool": ');
    const a = await cli(['merge', notJson, '--out', join(dir, 'never-a')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/broken\.json: .*not JSON/);

    const bad = await readResults(shard(2));
    (bad.schools[0]!.sections[3] as { status: string }).status = 'maybe';
    const badFile = join(dir, 'bad-status.json');
    await writeFile(badFile, JSON.stringify(bad));
    const b = await cli(['merge', badFile, '--out', join(dir, 'never-b')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/bad-status\.json: schools\[0\]\.sections\[3\]\.status: .*not a portal-audit results\.json/);

    const missing = await cli(['merge', join(dir, 'nowhere.json'), '--out', join(dir, 'never-c')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\.json: .*file not found/);
    // --out is required.
    expect((await cli(['merge', shard(1)])).code).toBe(2);
  });
});

describe('GitHub Actions annotations', () => {
  it('check prints ::error lines on stderr on GitHub Actions, and keeps stdout for the JSON document', async () => {
    const p = server.portals.find((x) => x.id === 'th-hoa-ban')!;
    const args = ['check', p.url, '--level', 'TH', '--boarding', '--name', p.name, '--as-of', ANCHOR, '--format', 'json', ...FAST];
    const r = await cli(args, { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as AuditResults;
    const failing = doc.schools[0]!.sections.filter((s) => s.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(failing.length);
    for (const [i, s] of failing.entries()) expect(errors[i]).toMatch(new RegExp(`^::error title=Trường Tiểu học Hoa Ban ${s.code.replace('.', '\\.')}::${s.code.replace('.', '\\.')} .* — Không đạt`));

    const off = await cli(args, { env: NOT_ON_GITHUB });
    expect(off.stderr).not.toMatch(/^::/m);
  });
});
