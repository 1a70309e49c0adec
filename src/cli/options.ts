/** Options shared by the commands: parsed once, errors as InputError (exit code 2). */
import { readFileSync } from 'node:fs';
import { InputError } from '../config/errors.js';
import { CalendarInputError, localDate, parseInstant } from '../calendar/time.js';
import { loadWorkingCalendar, type WorkingCalendar } from '../calendar/working-days.js';
import type { AuditResults, RenderMode, Status } from '../types.js';
import type { Log } from './log.js';

export const TOOL = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
})();

export type FailOn = 'fail' | 'warn' | 'never';

export function parseAsOf(value: string | undefined, now: Date): Date {
  if (value === undefined) return now;
  try {
    return parseInstant(value, '--as-of');
  } catch (e) {
    if (e instanceof CalendarInputError) throw new InputError(e.message, undefined, undefined, '--as-of');
    throw e;
  }
}

export function parsePositiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`cần một số nguyên dương / expected a positive integer, got "${value}"`, undefined, undefined, name);
  return n;
}

export function parseNonNegativeInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new InputError(`cần một số nguyên không âm / expected a whole number ≥ 0, got "${value}"`, undefined, undefined, name);
  return n;
}

/** A positive number of minutes (decimals allowed: 0.5 = 30 s) → ms. */
export function parseMinutes(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InputError(`cần số phút lớn hơn 0 / expected a number of minutes > 0, got "${value}"`, undefined, undefined, name);
  return Math.round(n * 60_000);
}

export function parseChoice<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new InputError(`giá trị không hợp lệ / invalid value "${value}" (expected ${choices.join(' | ')})`, undefined, undefined, name);
}

export const FAIL_ON: readonly FailOn[] = ['fail', 'warn', 'never'];

/** Whether the results hold anything at or above the --fail-on level (an unreachable portal counts as a failure). */
export function breaches(results: AuditResults, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const bad: Status[] = failOn === 'warn' ? ['fail', 'warn'] : ['fail'];
  return results.schools.some((s) => !s.reachable || s.sections.some((x) => bad.includes(x.status)));
}

/** Crawl options common to `audit`, `check` and `demo`. */
export interface CrawlFlags {
  concurrency?: string;
  perHost?: string;
  maxPages?: string;
  maxDepth?: string;
  timeout?: string;
  render?: string;
  chromium?: string;
  /** commander's `--no-screenshots` */
  screenshots?: boolean;
  perHostDelay?: string;
  ignoreRobots?: boolean;
  /** commander's `--no-sitemaps` */
  sitemaps?: boolean;
  retries?: string;
  insecure?: boolean;
  allowPrivate?: boolean;
  schoolBudget?: string;
}

export const RENDER_MODES: readonly RenderMode[] = ['auto', 'never', 'always'];

/** Crawl options from the flags; `log` hears the crawler's one-time notices (Chromium missing). */
export function crawlOptions(flags: CrawlFlags, log?: Log) {
  const timeoutS = parsePositiveInt('--timeout', flags.timeout);
  return {
    render: parseChoice('--render', flags.render, RENDER_MODES, 'auto'),
    ...(flags.chromium ? { chromium: flags.chromium } : {}),
    ...(log ? { notice: (line: string) => log.warn(line) } : {}),
    concurrency: parsePositiveInt('--concurrency', flags.concurrency),
    perHost: parsePositiveInt('--per-host', flags.perHost),
    maxPages: parsePositiveInt('--max-pages', flags.maxPages),
    maxDepth: flags.maxDepth === undefined ? undefined : parsePositiveInt('--max-depth', flags.maxDepth),
    timeoutMs: timeoutS === undefined ? undefined : timeoutS * 1000,
    perHostDelayMs: parseNonNegativeInt('--per-host-delay', flags.perHostDelay),
    retries: parseNonNegativeInt('--retries', flags.retries),
    schoolBudgetMs: parseMinutes('--school-budget', flags.schoolBudget),
    // Flags left out leave the crawler's defaults (robots and sitemaps on, TLS and address checks on).
    robots: flags.ignoreRobots ? false : undefined,
    sitemaps: flags.sitemaps === false ? false : undefined,
    insecure: flags.insecure ? true : undefined,
    allowPrivate: flags.allowPrivate ? true : undefined,
  };
}

/**
 * The working-day calendar: the bundled decisions plus `--calendar` files. A year with no decision
 * falls back to the computed public holidays (no bridge days, no make-up Saturdays): say so once.
 */
export function workingCalendar(files: readonly string[] | undefined, asOf: Date, log: Log): WorkingCalendar {
  const calendar = loadWorkingCalendar(files ?? []);
  const year = Number(localDate(asOf).slice(0, 4));
  for (const y of calendar.yearsWithoutDecisions([year])) {
    log.warn(
      `Lưu ý: chưa có quyết định nghỉ lễ năm ${y} trong lịch (rules/calendar/vn.yaml); ngày nghỉ được tính theo lịch âm dương, chưa có ngày nghỉ bù, làm bù: thêm bằng --calendar FILE. / ` +
        `Note: no days-off decision for ${y} in the calendar; public holidays are computed (no bridge days or make-up Saturdays): add them with --calendar FILE.`,
    );
  }
  return calendar;
}

export const LANGS = ['vi', 'en'] as const;

/** `--lang`: the language of the reports' labels and of the messages shown first. */
export function parseLang(value: string | undefined): 'vi' | 'en' {
  return parseChoice('--lang', value, LANGS, 'vi');
}
