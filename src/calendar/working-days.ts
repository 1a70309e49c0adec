/**
 * Working days in Vietnam (SPEC "Working days"): Monday–Friday minus public holidays.
 *
 * Two sources, as STACK.md measured them:
 *  - the government's yearly decisions (`rules/calendar/vn.yaml`, plus files users pass): the full
 *    list of weekday days off of a year and the Saturdays worked in exchange ("làm bù"). A year
 *    that has a decision follows it exactly: it replaces the library for that year;
 *  - `date-holidays` for years without a decision (lunar dates computed, never typed in): its
 *    public holidays, and, as the Labour Code (Art. 112) says, a holiday on a weekend moves to the
 *    next working day. That is an estimate (no bridge days, Tết shorter than decreed): callers warn
 *    with `yearsWithoutDecisions`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';
import { z } from 'zod';
import { InputError } from '../config/errors.js';
import { fieldPath, lineOf, parseYamlWithSchema } from '../config/yaml-file.js';
import { addDays, isIsoDate, weekday } from './time.js';

/** The bundled decisions; resolved from this module so it works from src/calendar and dist/calendar. */
export const DEFAULT_CALENDAR_FILE = fileURLToPath(new URL('../../rules/calendar/vn.yaml', import.meta.url));

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /**
   * The n-th working day after `date` (n ≥ 0). n = 0 gives `date` itself when it is a working
   * day, else the next working day: "within 0 working days" of a Saturday event means Monday.
   */
  addWorkingDays(date: string, n: number): string;
  /** Working days after `a` up to and including `b` (Friday → Monday = 1); negative when b < a. */
  workingDaysBetween(a: string, b: string): number;
  /** `date` when it is a working day, else the last working day before it (a deadline on a holiday). */
  workingDayOnOrBefore(date: string): string;
  /** The weekdays (Mon–Fri) of `year` that are days off, sorted. */
  holidays(year: number): string[];
  /** Those of `years` that no decision file covers (their days off are estimates), sorted. */
  yearsWithoutDecisions(years: readonly number[]): number[];
}

/** One year's decisions, as written in a calendar file. */
export interface YearDecision {
  daysOff: string[];
  makeupWorkdays: string[];
}

const msg = (vi: string, en: string) => `${vi} / ${en}`;

const isoDate = z.string().refine(isIsoDate, msg('không phải ngày dạng YYYY-MM-DD', 'not a date YYYY-MM-DD'));

const yearDecisionSchema = z
  .strictObject({
    daysOff: z.array(isoDate).default([]),
    makeupWorkdays: z.array(isoDate).default([]),
  })
  .superRefine((entry, ctx) => {
    entry.makeupWorkdays.forEach((date, i) => {
      if (isIsoDate(date) && weekday(date) < 6) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeupWorkdays', i],
          message: msg(`${date} không phải thứ Bảy hoặc Chủ nhật`, `${date} is not a Saturday or Sunday`),
        });
      }
      if (entry.daysOff.includes(date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeupWorkdays', i],
          message: msg(`${date} vừa là ngày nghỉ vừa là ngày làm bù`, `${date} is both a day off and a make-up workday`),
        });
      }
    });
  });

/** The top level: a map from year to that year's decisions. Entries are checked one by one (see below). */
const fileSchema = z.record(z.string(), z.unknown());

/** The decisions of each calendar file, in order; a later file's year replaces an earlier file's. */
export function readDecisionFiles(files: readonly string[]): Map<number, YearDecision> {
  const decisions = new Map<number, YearDecision>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(
        code === 'ENOENT' ? msg('không tìm thấy tệp', 'file not found') : msg('không đọc được tệp', `cannot read file (${code ?? e})`),
        file,
      );
    }
    const { value, doc, lines } = parseYamlWithSchema(text, fileSchema.nullable(), file);
    for (const [key, raw] of Object.entries(value ?? {})) {
      // YAML reads `2024:` as a number key; the document is searched with the same number.
      const year = Number(key);
      const fail = (path: PropertyKey[], message: string): never => {
        throw new InputError(message, file, lineOf(doc, lines, [year, ...path]), fieldPath([key, ...path]));
      };
      if (!/^\d{4}$/.test(key) || year < 1990 || year > 2100) fail([], msg('khóa phải là một năm, ví dụ 2026', 'the key must be a year, e.g. 2026'));
      const parsed = yearDecisionSchema.safeParse(raw ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        fail(issue.path, issue.message);
      } else {
        const decision = parsed.data;
        // A decision may reach into a neighbouring year (New Year days off), not further.
        for (const field of ['daysOff', 'makeupWorkdays'] as const) {
          decision[field].forEach((date, i) => {
            if (Math.abs(Number(date.slice(0, 4)) - year) > 1) {
              fail([field, i], msg(`${date} không thuộc năm ${year}`, `${date} does not belong to year ${year}`));
            }
          });
        }
        decisions.set(year, decision);
      }
    }
  }
  return decisions;
}

/** Public holidays from date-holidays (lunar ones computed), moved off weekends as the Labour Code says. */
function libraryDaysOff(hd: Holidays, year: number): Set<string> {
  const days = new Set<string>();
  const fixed = hd
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => h.date.slice(0, 10))
    .sort();
  for (const date of fixed) days.add(date);
  for (const date of fixed) {
    if (weekday(date) < 6) continue;
    let sub = addDays(date, 1);
    while (weekday(sub) >= 6 || days.has(sub)) sub = addDays(sub, 1);
    days.add(sub);
  }
  return days;
}

/** Bounds the day-by-day walks: no calendar has a year of days off in a row. */
const MAX_WALK_DAYS = 366;

/** The working-day calendar from `rules/calendar/vn.yaml` and then `extraFiles`, in order. */
export function loadWorkingCalendar(extraFiles: readonly string[] = []): WorkingCalendar {
  return workingCalendarFrom(readDecisionFiles([DEFAULT_CALENDAR_FILE, ...extraFiles]));
}

/** A working-day calendar over given decisions (tests, or decisions already read). */
export function workingCalendarFrom(decisions: ReadonlyMap<number, YearDecision>): WorkingCalendar {
  const hd = new Holidays('VN');
  const decidedOff = new Set<string>();
  const makeup = new Set<string>();
  for (const d of decisions.values()) {
    d.daysOff.forEach((x) => decidedOff.add(x));
    d.makeupWorkdays.forEach((x) => makeup.add(x));
  }
  const libraryCache = new Map<number, Set<string>>();
  const library = (year: number) => {
    let days = libraryCache.get(year);
    if (!days) libraryCache.set(year, (days = libraryDaysOff(hd, year)));
    return days;
  };

  const isWorkingDay = (date: string): boolean => {
    if (makeup.has(date)) return true;
    if (weekday(date) >= 6 || decidedOff.has(date)) return false;
    const year = Number(date.slice(0, 4));
    return decisions.has(year) || !library(year).has(date);
  };

  const nextWorkingDay = (date: string, step: 1 | -1): string => {
    let d = date;
    for (let i = 0; i < MAX_WALK_DAYS; i++) {
      d = addDays(d, step);
      if (isWorkingDay(d)) return d;
    }
    throw new RangeError(`no working day within ${MAX_WALK_DAYS} days of ${date}`);
  };

  return {
    isWorkingDay,
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
      let d = isWorkingDay(date) ? date : nextWorkingDay(date, 1);
      for (let i = 0; i < n; i++) d = nextWorkingDay(d, 1);
      return d;
    },
    workingDaysBetween(a, b) {
      const [from, to, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let count = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
      return count === 0 ? 0 : sign * count; // never -0
    },
    workingDayOnOrBefore(date) {
      return isWorkingDay(date) ? date : nextWorkingDay(date, -1);
    },
    holidays(year) {
      const out: string[] = [];
      for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
        if (weekday(d) < 6 && !isWorkingDay(d)) out.push(d);
      }
      return out;
    },
    yearsWithoutDecisions(years) {
      return [...new Set(years)].filter((y) => !decisions.has(y)).sort((x, y) => x - y);
    },
  };
}
