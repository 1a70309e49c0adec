/**
 * Nothing lost: the real CLI stopped by SIGTERM writes the reports of the schools done, says how to
 * resume and exits 3; killed by SIGKILL it loses only the schools in flight; `--resume` finishes the
 * rest without crawling the finished schools again, and the reports equal an uninterrupted run's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import type { AuditResults } from '../../src/types.js';
import { BIN, cli, type CliRun } from './cli.js';
import { startSlowPortal, type SlowPortal } from './slow-portal.js';

const ANCHOR = '2026-10-30T15:00:00+07:00';
// --allow-private: the portals live on 127.0.0.1.
const FAST = ['--no-screenshots', '--render', 'never', '--max-pages', '80', '--allow-private', '--log-format', 'json'];
const ENV = { GITHUB_ACTIONS: '', CI: 'true' };

type Event = Record<string, unknown> & { event: string };

/** The CLI running, its stderr read as JSON events as they come. */
function start(args: string[]): { child: ChildProcess; events: Event[]; until(pred: (e: Event) => boolean): Promise<void>; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Event[] = [];
  const waiters: { pred: (e: Event) => boolean; resolve: () => void }[] = [];
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d;
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const e = JSON.parse(line) as Event;
      events.push(e);
      for (const w of waiters.filter((x) => x.pred(e))) w.resolve();
    }
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), 180_000);
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code: code ?? (signal === 'SIGKILL' ? 137 : -1), stdout, stderr });
    }),
  );
  return {
    child,
    events,
    until: (pred) =>
      events.some(pred)
        ? Promise.resolve()
        : Promise.race([new Promise<void>((resolve) => waiters.push({ pred, resolve })), done.then(() => Promise.reject(new Error(`the CLI ended first:\n${stderr}`)))]),
    done,
  };
}

const parseEvents = (stderr: string) => stderr.trimEnd().split('\n').map((l) => JSON.parse(l) as Event);
const readResults = async (dir: string) => JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as AuditResults & { notAudited?: { id: string }[] };
const statuses = (r: AuditResults) => r.schools.map((s) => ({ id: s.id, reachable: s.reachable, sections: s.sections.map((x) => `${x.id}:${x.status}`) }));

let server: FixtureServer;
let slow: SlowPortal;
let counted: SlowPortal;
let dir: string;

beforeAll(async () => {
  server = await startFixtureServer({ anchor: parseInstant(ANCHOR), portals: ['thcs-sen-hong', 'th-hoa-ban'] });
  slow = await startSlowPortal({ pages: 40, delayMs: 60_000, title: 'Trường THCS Chậm' });
  counted = await startSlowPortal({ pages: 6, delayMs: 0, title: 'Trường Tiểu học Đếm' });
  dir = await mkdtemp(join(tmpdir(), 'pa-resume-'));
}, 60_000);

afterAll(async () => {
  await server?.close();
  await slow?.close();
  await counted?.close();
});

async function list(name: string, schools: { id: string; name: string; url: string; level: string; boarding?: boolean }[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(schools));
  return file;
}

describe('a stopped audit and --resume', () => {
  it('stops on SIGTERM with the finished schools reported, then --resume finishes the list as an uninterrupted run would', async () => {
    const portals = server.portals.map((p) => ({ id: p.id, name: p.name, url: p.url, level: p.level, boarding: p.boarding }));
    const schools = await list('schools.yaml', [...portals, { id: 'thcs-cham', name: 'Trường THCS Chậm', url: slow.url, level: 'THCS' }]);
    const out = join(dir, 'stopped');
    slow.delayMs = 60_000; // the slow school cannot finish before the stop
    const run = start(['audit', schools, '--as-of', ANCHOR, '--out', out, ...FAST]);
    await run.until((e) => e.event === 'school-done' && e.school === 'th-hoa-ban');
    await run.until((e) => e.event === 'school-done' && e.school === 'thcs-sen-hong');
    run.child.kill('SIGTERM');
    const stopped = await run.done;

    // Not a complete audit: exit code 3, and the way to finish it said on stderr, as JSON.
    expect(stopped.code).toBe(3);
    const events = parseEvents(stopped.stderr);
    expect(events.at(-1)).toMatchObject({ event: 'warning' });
    expect(String(events.at(-1)!.message)).toMatch(/--resume/);
    expect(events.some((e) => e.event === 'run-end' && e.interrupted === true)).toBe(true);
    const partial = await readResults(out);
    expect(partial.schools.map((s) => s.id)).toEqual(['thcs-sen-hong', 'th-hoa-ban']);
    expect(partial.notAudited?.map((s) => s.id)).toEqual(['thcs-cham']);
    expect(existsSync(join(out, 'journal.jsonl'))).toBe(true);
    expect(existsSync(join(out, 'crawl.json.gz'))).toBe(true);
    expect(existsSync(join(out, 'thcs-cham.xlsx'))).toBe(false);

    // Resumed without --as-of: the journal's instant is kept.
    slow.delayMs = 0;
    const resumed = await cli(['audit', schools, '--out', out, '--resume', ...FAST], { env: ENV, timeoutMs: 180_000 });
    const again = parseEvents(resumed.stderr);
    expect(again.find((e) => e.event === 'run-start')).toMatchObject({ schools: 3, resumed: 2 });
    expect(again.filter((e) => e.event === 'school-done').map((e) => e.school)).toEqual(['thcs-cham']);
    expect(resumed.code).toBe(1); // Hoa Ban fails sections
    const finished = await readResults(out);
    expect(finished.asOf).toBe(ANCHOR);
    expect(finished.notAudited).toBeUndefined();
    expect(existsSync(join(out, 'journal.jsonl'))).toBe(false);
    expect(existsSync(join(out, 'thcs-cham.xlsx'))).toBe(true);

    const whole = join(dir, 'whole');
    const uninterrupted = await cli(['audit', schools, '--as-of', ANCHOR, '--out', whole, ...FAST], { env: ENV, timeoutMs: 180_000 });
    expect(uninterrupted.code).toBe(1);
    expect(statuses(finished)).toEqual(statuses(await readResults(whole)));
    expect(finished.schools.map((s) => s.pagesCrawled)).toEqual((await readResults(whole)).schools.map((s) => s.pagesCrawled));
  }, 400_000);

  it('after SIGKILL, --resume does not crawl the finished school again and completes the reports', async () => {
    const schools = await list('killed.yaml', [
      { id: 'th-dem', name: 'Trường Tiểu học Đếm', url: counted.url, level: 'TH' },
      { id: 'thcs-cham', name: 'Trường THCS Chậm', url: slow.url, level: 'THCS' },
    ]);
    const out = join(dir, 'killed');
    slow.delayMs = 60_000;
    const run = start(['audit', schools, '--as-of', ANCHOR, '--out', out, ...FAST]);
    await run.until((e) => e.event === 'school-done' && e.school === 'th-dem');
    run.child.kill('SIGKILL');
    await run.done;
    const served = counted.requests;
    expect(served).toBeGreaterThan(0);
    expect(existsSync(join(out, 'results.json'))).toBe(false);

    slow.delayMs = 0;
    const resumed = await cli(['audit', schools, '--out', out, '--resume', ...FAST], { env: ENV, timeoutMs: 180_000 });
    expect(resumed.code).not.toBe(3);
    expect(counted.requests).toBe(served);
    const results = await readResults(out);
    expect(results.schools.map((s) => s.id)).toEqual(['th-dem', 'thcs-cham']);
    expect(results.schools.every((s) => s.reachable)).toBe(true);
    expect(results.schools[1]!.pagesCrawled).toBe(41);
  }, 300_000);

  it('refuses to resume a journal of another audit, as bad input', async () => {
    const schools = await list('one.yaml', [{ id: 'th-dem', name: 'Trường Tiểu học Đếm', url: counted.url, level: 'TH' }]);
    const other = await list('other.yaml', [{ id: 'th-khac', name: 'Trường khác', url: counted.url, level: 'TH' }]);
    const out = join(dir, 'mismatch');
    slow.delayMs = 60_000;
    // Leave a journal behind: a run of `one.yaml` killed before it ends.
    const run = start(['audit', schools, '--as-of', ANCHOR, '--out', out, ...FAST]);
    await run.until((e) => e.event === 'run-start');
    run.child.kill('SIGKILL');
    await run.done;
    expect(existsSync(join(out, 'journal.jsonl'))).toBe(true);
    const r = await cli(['audit', other, '--out', out, '--resume', '--allow-private'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nhật ký thuộc một lần rà soát khác \(danh sách trường.*the journal belongs to another audit/);
    const asOf = await cli(['audit', schools, '--out', out, '--resume', '--as-of', '2026-11-02T09:00+07:00', '--allow-private'], { env: ENV });
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toMatch(/drop --as-of to resume/);
  }, 120_000);
});
