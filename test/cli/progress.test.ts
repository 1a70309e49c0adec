import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, progressMode, type ProgressOptions } from '../../src/cli/progress.js';
import type { SchoolResult } from '../../src/types.js';

const result = (id: string, pages: number) =>
  ({ id, reachable: true, error: null, pagesCrawled: pages, summary: { pass: 10, fail: 2, warn: 1, unknown: 0, na: 3 } }) as unknown as SchoolResult;

/** A progress display on a fake clock, writing into an array. */
function harness(opts: Partial<ProgressOptions> & Pick<ProgressOptions, 'mode'>) {
  let t = 1_000_000;
  const out: string[] = [];
  let ticks = 0;
  const p = createProgress({
    write: (s) => void out.push(s),
    now: () => t,
    columns: () => 200,
    schedule: () => {
      ticks++;
      return () => undefined;
    },
    ...opts,
  });
  return { p, out, advance: (ms: number) => (t += ms), timers: () => ticks };
}

describe('progress display', () => {
  it('chooses live on a terminal, plain when piped or in CI, json when asked', () => {
    expect(progressMode('text', { isTTY: true }, {})).toBe('live');
    expect(progressMode('text', { isTTY: true }, { CI: 'true' })).toBe('plain');
    expect(progressMode('text', { isTTY: true }, { CI: 'false' })).toBe('live');
    expect(progressMode('text', { isTTY: false }, {})).toBe('plain');
    expect(progressMode('json', { isTTY: true }, {})).toBe('json');
  });

  it('redraws the live line at most 5 times a second and clears it at the end', () => {
    const { p, out, advance } = harness({ mode: 'live' });
    p.runStart(4, 0);
    p.schoolStart('a');
    const before = out.length;
    for (let i = 1; i <= 50; i++) {
      advance(10); // 50 updates in 0.5 s
      p.schoolProgress({ schoolId: 'a', pages: i, queued: 3, errors: 0 });
    }
    const draws = out.length - before;
    expect(draws).toBeGreaterThanOrEqual(2);
    expect(draws).toBeLessThanOrEqual(3);
    expect(out.at(-1)).toMatch(/^\r\x1b\[K0\/4 trường\/schools · \d+ trang\/pages · 0 lỗi\/errors .* · đang\/now: a$/);
    p.runEnd({ done: 0, total: 4, interrupted: false });
    expect(out.at(-1)).toBe('\r\x1b[K');
  });

  it('prints a finished school above the live line, then draws the line again with ETA from the time per school', () => {
    const { p, out, advance } = harness({ mode: 'live' });
    p.runStart(4, 0);
    p.schoolStart('a');
    p.schoolStart('b');
    advance(60_000);
    p.schoolDone(result('a', 120), 2);
    const i = out.findIndex((s) => s.startsWith('[1/4] a: 120 trang/pages'));
    expect(i).toBeGreaterThan(0);
    expect(out[i - 1]).toBe('\r\x1b[K');
    // 1 school a minute, 3 to go
    expect(out[i + 1]).toMatch(/1\/4 trường\/schools · 120 trang\/pages · 2 lỗi\/errors · 2\.0 trang\/s · còn\/ETA 3 phút\/min · đang\/now: b/);
  });

  it('when piped, prints a line per school and a status line only every interval', () => {
    const { p, out, advance, timers } = harness({ mode: 'plain', intervalMs: 10_000 });
    p.runStart(2, 1);
    expect(timers()).toBe(1);
    p.schoolStart('b');
    p.schoolProgress({ schoolId: 'b', pages: 7, queued: 1, errors: 1 });
    advance(4_000);
    p.tick();
    expect(out).toEqual([]);
    advance(6_000);
    p.tick();
    expect(out).toEqual(['1/2 trường/schools · 7 trang/pages · 1 lỗi/errors · 0.7 trang/s · còn/ETA ? · đang/now: b\n']);
    p.schoolDone(result('b', 9), 1);
    expect(out.at(-1)).toBe('[2/2] b: 9 trang/pages — đạt 10, không đạt 2, lưu ý 1, kiểm tra 0, n/a 3\n');
    expect(out.join('')).not.toContain('\x1b');
  });

  it('with --quiet, keeps only warnings', () => {
    const { p, out, timers } = harness({ mode: 'plain', quiet: true });
    p.runStart(1, 0);
    p.info('hello');
    p.schoolDone(result('a', 1), 0);
    p.warn('Cảnh báo / warning');
    expect(timers()).toBe(0);
    expect(out).toEqual(['Cảnh báo / warning\n']);
  });

  it('with --log-format json, writes one JSON object per line for every event', () => {
    const { p, out, advance } = harness({ mode: 'json', intervalMs: 10_000 });
    p.runStart(3, 1);
    p.info('portal-audit: 3 trường/schools');
    p.schoolStart('a');
    advance(10_000);
    p.tick();
    p.schoolDone(result('a', 40), 0);
    p.warn('Lưu ý / Note');
    p.runEnd({ done: 2, total: 3, interrupted: true });
    const events = out.map((line) => {
      expect(line.endsWith('\n')).toBe(true);
      return JSON.parse(line) as Record<string, unknown>;
    });
    expect(events.map((e) => e.event)).toEqual(['run-start', 'info', 'progress', 'school-done', 'warning', 'run-end']);
    expect(events[0]).toMatchObject({ level: 'info', schools: 3, resumed: 1 });
    expect(events[3]).toMatchObject({ school: 'a', n: 2, total: 3, pages: 40, reachable: true });
    expect(events[4]).toMatchObject({ level: 'warn', message: 'Lưu ý / Note' });
    expect(events[5]).toMatchObject({ done: 2, total: 3, interrupted: true });
    expect(typeof events[0]!.t).toBe('string');
    expect(new Date(events[0]!.t as string).getTime()).toBe(1_000_000);
  });

  it('writes durations briefly in both languages', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * 60_000)).toBe('12 phút/min');
    expect(formatDuration(125 * 60_000)).toBe('2 giờ/h 05');
  });
});
