/**
 * `--shard i/n`: two shards of the fixture list, run by the real CLI and merged, give the schools and
 * judgements of one unsharded run; a shard with no school still writes valid, empty reports; bad
 * values of the new flags are bad input (exit code 2) with a bilingual message.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { shardOf } from '../../src/cli/shard.js';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import type { AuditResults } from '../../src/types.js';
import { cli } from './cli.js';

const ANCHOR = '2026-10-30T15:00:00+07:00';
const FAST = ['--no-screenshots', '--render', 'never', '--max-pages', '60', '--allow-private', '--quiet'];
const ENV = { GITHUB_ACTIONS: '' };

let server: FixtureServer;
let dir: string;
let schools: string;
let ids: string[];

const readResults = async (d: string) => JSON.parse(await readFile(join(d, 'results.json'), 'utf8')) as AuditResults;
const judged = (r: AuditResults) => r.schools.map((s) => ({ id: s.id, reachable: s.reachable, sections: s.sections.map((x) => `${x.id}:${x.status}`) }));

beforeAll(async () => {
  server = await startFixtureServer({ anchor: parseInstant(ANCHOR), portals: ['thcs-sen-hong', 'th-hoa-ban', 'mn-hoa-mai'] });
  dir = await mkdtemp(join(tmpdir(), 'pa-shard-'));
  const list = [
    ...server.portals.map((p) => ({ id: p.id, name: p.name, url: p.url, level: p.level, boarding: p.boarding })),
    { id: 'truong-mat-ket-noi', name: 'Trường không truy cập được', url: server.deadUrl, level: 'TH' },
  ];
  ids = list.map((s) => s.id);
  schools = join(dir, 'schools.yaml');
  await writeFile(schools, JSON.stringify(list));
}, 60_000);

afterAll(async () => server?.close());

describe('audit --shard i/n', () => {
  it('splits the list in two shards whose merge equals the unsharded run', async () => {
    // The fixture ids fall on both sides (a fixed property of the hash, checked in test/cli/shard.test.ts).
    const expected = [1, 2].map((i) => ids.filter((id) => shardOf(id, 2) === i));
    expect(expected.every((part) => part.length > 0)).toBe(true);
    const [one, two, whole] = await Promise.all([
      cli(['audit', schools, '--as-of', ANCHOR, '--out', join(dir, 's1'), '--shard', '1/2', ...FAST], { env: ENV, timeoutMs: 240_000 }),
      cli(['audit', schools, '--as-of', ANCHOR, '--out', join(dir, 's2'), '--shard', '2/2', ...FAST], { env: ENV, timeoutMs: 240_000 }),
      cli(['audit', schools, '--as-of', ANCHOR, '--out', join(dir, 'all'), ...FAST], { env: ENV, timeoutMs: 240_000 }),
    ]);
    for (const r of [one, two, whole]) expect(r.stderr).not.toMatch(/run failed/);
    expect((await readResults(join(dir, 's1'))).schools.map((s) => s.id)).toEqual(expected[0]);
    expect((await readResults(join(dir, 's2'))).schools.map((s) => s.id)).toEqual(expected[1]);

    const merged = join(dir, 'merged');
    const m = await cli(['merge', join(dir, 's1', 'results.json'), join(dir, 's2', 'results.json'), '--out', merged, '--quiet'], { env: ENV });
    expect(m.stderr).toBe('');
    const byId = (r: AuditResults) => [...judged(r)].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await readResults(merged))).toEqual(byId(await readResults(join(dir, 'all'))));
    expect(m.code).toBe(whole.code);

    // A shard that was stopped: the merge lists its unaudited schools and is not a complete audit.
    const stopped = await readResults(join(dir, 's2'));
    await writeFile(join(dir, 's2', 'stopped.json'), JSON.stringify({ ...stopped, notAudited: [{ id: 'thcs-cham', name: 'Trường THCS Chậm', url: 'http://127.0.0.1:9/' }] }));
    const partial = await cli(['merge', join(dir, 's1', 'results.json'), join(dir, 's2', 'stopped.json'), '--out', join(dir, 'merged-partial'), '--quiet'], { env: ENV });
    expect(partial.code).toBe(3);
    expect(partial.stderr).toMatch(/Chưa rà soát 1 trường .*thcs-cham.*--resume/);
    expect(JSON.parse(await readFile(join(dir, 'merged-partial', 'results.json'), 'utf8'))).toMatchObject({ notAudited: [{ id: 'thcs-cham' }] });
    expect(JSON.parse(await readFile(join(merged, 'results.json'), 'utf8'))).not.toHaveProperty('notAudited');
  }, 300_000);

  it('writes valid empty reports and exits 0 for a shard with no school', async () => {
    const one = join(dir, 'one.yaml');
    await writeFile(one, JSON.stringify([{ id: 'thcs-sen-hong', name: 'Trường THCS Sen Hồng', url: server.deadUrl, level: 'THCS' }]));
    const empty = shardOf('thcs-sen-hong', 2) === 1 ? '2/2' : '1/2';
    const out = join(dir, 'empty');
    const r = await cli(['audit', one, '--as-of', ANCHOR, '--out', out, '--shard', empty, '--allow-private', '--no-screenshots'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/0 trường\/schools \(phần\/shard \d\/2 của\/of 1\)/);
    const results = await readResults(out);
    expect(results.schools).toEqual([]);
    expect(results.asOf).toBe(ANCHOR);
    for (const f of ['summary.xlsx', 'junit.xml', 'report.html', 'crawl.json.gz']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(existsSync(join(out, 'journal.jsonl'))).toBe(false);
  }, 60_000);
});

describe('bad values of the crawl and run flags', () => {
  const bad: [string[], RegExp][] = [
    [['--shard', '3/2'], /--shard: cần dạng i\/n .* expected i\/n with 1 ≤ i ≤ n/],
    [['--shard', 'half'], /--shard: .*got "half"/],
    [['--retries', '-1'], /--retries: cần một số nguyên không âm \/ expected a whole number ≥ 0/],
    [['--per-host-delay', 'soon'], /--per-host-delay: .*expected a whole number ≥ 0, got "soon"/],
    [['--school-budget', '0'], /--school-budget: cần số phút lớn hơn 0 \/ expected a number of minutes > 0/],
    [['--per-host', '0'], /--per-host: .*positive integer/],
    [['--log-format', 'xml'], /--log-format: giá trị không hợp lệ \/ invalid value "xml" \(expected text \| json\)/],
  ];
  it.each(bad)('audit %j exits 2 and says why in both languages', async (flags, message) => {
    const r = await cli(['audit', join(dir, 'schools.yaml'), '--out', join(dir, 'never'), ...flags], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('accepts zero retries and no delay, and the check command takes the crawl flags too', async () => {
    const r = await cli(['check', server.deadUrl, '--retries', '0', '--per-host-delay', '0', '--school-budget', '0.5', '--ignore-robots', '--no-sitemaps', '--insecure', '--allow-private', '--format', 'json', '--no-screenshots'], { env: ENV });
    expect(r.code).toBe(1); // unreachable counts as a failure
    expect(JSON.parse(r.stdout)).toMatchObject({ schools: [{ reachable: false }] });
    const bad = await cli(['check', server.deadUrl, '--retries', 'x'], { env: ENV });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--retries/);
  }, 60_000);
});
