/**
 * What a running audit tells the person or the machine watching it, on stderr:
 *  - `live` (a terminal, not CI): one status line redrawn at most 5 times a second — schools
 *    done/total, pages, errors, pages/s, ETA, schools in flight — cleared at the end, with a line per
 *    finished school above it;
 *  - `plain` (piped, CI): a line per finished school and a status line every 10 s;
 *  - `json` (`--log-format json`): one JSON object per line and nothing else.
 * `quiet` keeps only warnings.
 */
import type { CrawlProgress } from '../crawl/crawler.js';
import type { SchoolResult } from '../types.js';
import type { Log } from './log.js';

export type ProgressMode = 'live' | 'plain' | 'json';

export interface RunProgress extends Log {
  /** The run failed (printed by the caller in text modes; an `error` event in json). */
  error(line: string): void;
  runStart(total: number, resumed: number): void;
  schoolStart(id: string): void;
  schoolProgress(p: CrawlProgress): void;
  /** A school judged; `resumed` when its facts came from the journal. */
  schoolDone(result: SchoolResult, errors: number, resumed?: boolean): void;
  /** Emits the periodic status (called by the timer; tests call it with their clock). */
  tick(): void;
  runEnd(outcome: { done: number; total: number; interrupted: boolean }): void;
}

export interface ProgressOptions {
  mode: ProgressMode;
  quiet?: boolean;
  write?: (text: string) => void;
  now?: () => number;
  /** Terminal width for the live line. */
  columns?: () => number;
  /** Plain and json status lines, in ms (default 10 s). */
  intervalMs?: number;
  /** Starts the timer that calls tick; returns its stop (tests give a no-op). */
  schedule?: (tick: () => void, ms: number) => () => void;
}

/** `live` on a terminal outside CI, else `plain`; `json` when asked. */
export function progressMode(logFormat: 'text' | 'json', stream: { isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): ProgressMode {
  if (logFormat === 'json') return 'json';
  const ci = !!env.CI && env.CI !== 'false' && env.CI !== '0';
  return stream.isTTY && !ci ? 'live' : 'plain';
}

const REDRAW_MS = 200;

/** "45 s", "12 phút/min", "2 giờ/h 05" */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} phút/min`;
  return `${Math.floor(min / 60)} giờ/h ${String(min % 60).padStart(2, '0')}`;
}

export interface ProgressState {
  total: number;
  /** Done before this run (journal). */
  resumed: number;
  /** Done in this run. */
  done: number;
  pages: number;
  errors: number;
  inFlight: Map<string, { pages: number; errors: number }>;
  startedAt: number;
}

/** The numbers of a status line: throughput and ETA count only the schools crawled in this run. */
export function statusFigures(s: ProgressState, now: number) {
  let pages = s.pages;
  let errors = s.errors;
  for (const f of s.inFlight.values()) {
    pages += f.pages;
    errors += f.errors;
  }
  const elapsed = Math.max(1, now - s.startedAt);
  const remaining = s.total - s.resumed - s.done;
  // Schools run side by side: the time per finished school already accounts for that.
  const etaMs = s.done > 0 ? (elapsed / s.done) * remaining : undefined;
  return { done: s.resumed + s.done, total: s.total, pages, errors, pagesPerS: (pages * 1000) / elapsed, etaMs, inFlight: [...s.inFlight.keys()] };
}

export function statusLine(s: ProgressState, now: number, width = Infinity): string {
  const f = statusFigures(s, now);
  const eta = f.etaMs === undefined ? '?' : formatDuration(f.etaMs);
  let line = `${f.done}/${f.total} trường/schools · ${f.pages} trang/pages · ${f.errors} lỗi/errors · ${f.pagesPerS.toFixed(1)} trang/s · còn/ETA ${eta}`;
  if (f.inFlight.length) line += ` · đang/now: ${f.inFlight.join(', ')}`;
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}

export function schoolLine(r: SchoolResult): string {
  if (!r.reachable) return `${r.id}: KHÔNG TRUY CẬP ĐƯỢC / UNREACHABLE — ${r.error}`;
  const s = r.summary;
  return `${r.id}: ${r.pagesCrawled} trang/pages — đạt ${s.pass}, không đạt ${s.fail}, lưu ý ${s.warn}, kiểm tra ${s.unknown}, n/a ${s.na}`;
}

const defaultSchedule = (tick: () => void, ms: number) => {
  const t = setInterval(tick, ms);
  t.unref();
  return () => clearInterval(t);
};

export function createProgress(opts: ProgressOptions): RunProgress {
  const { mode, quiet = false } = opts;
  const write = opts.write ?? ((t: string) => void process.stderr.write(t));
  const now = opts.now ?? Date.now;
  const columns = opts.columns ?? (() => process.stderr.columns || 100);
  const intervalMs = opts.intervalMs ?? 10_000;
  const schedule = opts.schedule ?? defaultSchedule;
  const state: ProgressState = { total: 0, resumed: 0, done: 0, pages: 0, errors: 0, inFlight: new Map(), startedAt: now() };
  let stopTimer: (() => void) | undefined;
  let drawn = false;
  let lastDraw = -Infinity;
  let lastPeriodic = now();

  const json = (level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}) => {
    if (quiet && level === 'info') return;
    write(`${JSON.stringify({ t: new Date(now()).toISOString(), level, event, ...fields })}\n`);
  };
  const live = mode === 'live' && !quiet;
  const clear = () => {
    if (drawn) write('\r\x1b[K');
    drawn = false;
  };
  const draw = (force = false) => {
    if (!live) return;
    const t = now();
    if (!force && t - lastDraw < REDRAW_MS) return;
    lastDraw = t;
    write(`\r\x1b[K${statusLine(state, t, columns() - 1)}`);
    drawn = true;
  };
  // A message line goes above the live line, which is drawn again under it.
  const say = (line: string, warn = false) => {
    if (quiet && !warn) return;
    const redraw = drawn;
    clear();
    write(`${line}\n`);
    if (redraw) draw(true);
  };

  const progress: RunProgress = {
    info(line) {
      if (mode === 'json') json('info', 'info', { message: line });
      else say(line);
    },
    warn(line) {
      if (mode === 'json') json('warn', 'warning', { message: line });
      else say(line, true);
    },
    error(line) {
      if (mode === 'json') json('error', 'error', { message: line });
      else say(line, true);
    },
    runStart(total, resumed) {
      Object.assign(state, { total, resumed, startedAt: now() });
      lastPeriodic = now();
      if (mode === 'json') json('info', 'run-start', { schools: total, resumed });
      if (mode === 'live' ? live : !quiet) stopTimer = schedule(() => progress.tick(), mode === 'live' ? 1000 : intervalMs);
      draw(true);
    },
    schoolStart(id) {
      state.inFlight.set(id, { pages: 0, errors: 0 });
      draw();
    },
    schoolProgress(p) {
      const f = state.inFlight.get(p.schoolId);
      if (!f) return;
      f.pages = p.pages;
      f.errors = p.errors;
      draw();
    },
    schoolDone(result, errors, resumed = false) {
      state.inFlight.delete(result.id);
      if (!resumed) {
        state.done++;
        state.pages += result.pagesCrawled;
        state.errors += errors;
      }
      const n = resumed ? undefined : state.resumed + state.done;
      if (mode === 'json') {
        json('info', 'school-done', { school: result.id, n, total: state.total, reachable: result.reachable, pages: result.pagesCrawled, errors, summary: result.summary, ...(resumed ? { resumed: true } : {}) });
      } else if (!resumed) {
        say(`[${n}/${state.total}] ${schoolLine(result)}`);
      }
    },
    tick() {
      const t = now();
      if (mode === 'live') return draw(true);
      if (t - lastPeriodic < intervalMs) return;
      lastPeriodic = t;
      const f = statusFigures(state, t);
      if (mode === 'json') json('info', 'progress', { done: f.done, total: f.total, pages: f.pages, errors: f.errors, pagesPerS: Math.round(f.pagesPerS * 10) / 10, etaS: f.etaMs === undefined ? null : Math.round(f.etaMs / 1000), inFlight: f.inFlight });
      else say(statusLine(state, t));
    },
    runEnd({ done, total, interrupted }) {
      stopTimer?.();
      stopTimer = undefined;
      clear();
      if (mode === 'json') json('info', 'run-end', { done, total, interrupted, pages: state.pages, errors: state.errors, durationS: Math.round((now() - state.startedAt) / 1000) });
    },
  };
  return progress;
}
