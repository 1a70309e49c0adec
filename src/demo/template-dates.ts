/**
 * Dates of the fixture portals, relative to the server's ANCHOR instant, in Asia/Ho_Chi_Minh.
 *
 * This module is the fixtures' own oracle of the school calendar (due week, school year, semester):
 * it deliberately does not use `src/calendar/`, so a bug there cannot hide behind the same bug here.
 * Viet Nam has kept UTC+7 without daylight saving since 1975, so local wall time is the instant
 * shifted by seven hours, read with UTC getters.
 */
import { format } from 'date-fns';
import { vi } from 'date-fns/locale';
import { TZDate } from '@date-fns/tz';

export const PORTAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * Bases of `{{date BASE OFFSET FORMAT}}`:
 * - `now`: the anchor's calendar date; `due`: Monday of the due week (see `dueMonday`);
 * - `sy`: 5 September that starts the current school year; `sem`: the current semester's start;
 * - `nowsy` / `nowsem`: `now` + OFFSET, but never before `sy` / `sem` (for items that must stay
 *   inside the current school year or semester whatever the anchor).
 */
export const DATE_BASES = ['now', 'due', 'sy', 'sem', 'nowsy', 'nowsem'] as const;
export type DateBase = (typeof DATE_BASES)[number];

/** An offset token: days, optionally a wall-clock time (`-3`, `+4`, `+0`, `-3@08:15`). */
export interface DateOffset {
  days: number;
  /** Minutes after local midnight; 0 when the token has no `@HH:mm`. */
  minutes: number;
  hasTime: boolean;
}

export class TemplateDateError extends Error {}

/** A local calendar date (month 1–12). */
export interface LocalDate {
  y: number;
  m: number;
  d: number;
}

const OFFSET_RE = /^([+-])(\d{1,4})(?:@(\d{1,2}):(\d{2}))?$/;

export function isOffsetToken(token: string): boolean {
  return OFFSET_RE.test(token);
}

export function parseOffset(token: string): DateOffset {
  const m = OFFSET_RE.exec(token);
  if (!m) throw new TemplateDateError(`bad date offset "${token}" (expected e.g. -3, +4, -3@08:15)`);
  const days = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  if (m[3] === undefined) return { days, minutes: 0, hasTime: false };
  const h = Number(m[3]);
  const min = Number(m[4]);
  if (h > 23 || min > 59) throw new TemplateDateError(`bad time in date offset "${token}"`);
  return { days, minutes: h * 60 + min, hasTime: true };
}

export function isDateBase(s: string): s is DateBase {
  return (DATE_BASES as readonly string[]).includes(s);
}

/** The local calendar date of an instant. */
export function localDate(instant: Date): LocalDate {
  const t = new Date(instant.getTime() + OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The instant of a local wall time (local midnight plus `minutes`). */
export function localInstant(date: LocalDate, minutes = 0): Date {
  return new Date(Date.UTC(date.y, date.m - 1, date.d) - OFFSET_MS + minutes * 60_000);
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d) + days * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const dayNumber = (date: LocalDate) => Math.round(Date.UTC(date.y, date.m - 1, date.d) / DAY_MS);
const compare = (a: LocalDate, b: LocalDate) => dayNumber(a) - dayNumber(b);

/** 0 = Monday … 6 = Sunday. */
export function isoWeekdayIndex(date: LocalDate): number {
  return (new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7;
}

export function mondayOf(date: LocalDate): LocalDate {
  return addLocalDays(date, -isoWeekdayIndex(date));
}

/** 5 September starting the school year that contains `date` (a school year runs 5/9 to 4/9). */
export function schoolYearStart(date: LocalDate): LocalDate {
  const y = date.m > 9 || (date.m === 9 && date.d >= 5) ? date.y : date.y - 1;
  return { y, m: 9, d: 5 };
}

/** Start of the semester containing `date`: semester 1 from 5/9, semester 2 from 15/1. */
export function semesterStart(date: LocalDate): { start: LocalDate; semester: 1 | 2 } {
  const sy = schoolYearStart(date);
  const sem2: LocalDate = { y: sy.y + 1, m: 1, d: 15 };
  return compare(date, sem2) >= 0 ? { start: sem2, semester: 2 } : { start: sy, semester: 1 };
}

/**
 * Monday of the DUE WEEK (SPEC "Weekly deadline"): W = the Monday–Sunday week containing the
 * anchor, D = Friday of W at 16:00; the due week is W+1 when anchor ≥ D, else W.
 */
export function dueMonday(anchor: Date): LocalDate {
  const w = mondayOf(localDate(anchor));
  const deadline = localInstant(addLocalDays(w, 4), 16 * 60);
  return anchor.getTime() >= deadline.getTime() ? addLocalDays(w, 7) : w;
}

/**
 * Week number within the school year, week 1 being the Monday–Sunday week that contains 5/9.
 * A week belongs to the school year its Sunday belongs to.
 */
export function schoolWeekNumber(date: LocalDate): number {
  const monday = mondayOf(date);
  const sy = schoolYearStart(addLocalDays(monday, 6));
  return Math.round((dayNumber(monday) - dayNumber(mondayOf(sy))) / 7) + 1;
}

/** The local calendar date a base stands for at `anchor` (before the offset is applied). */
export function baseDate(base: DateBase, anchor: Date): LocalDate {
  const today = localDate(anchor);
  switch (base) {
    case 'now':
    case 'nowsy':
    case 'nowsem':
      return today;
    case 'due':
      return dueMonday(anchor);
    case 'sy':
      return schoolYearStart(today);
    case 'sem':
      return semesterStart(today).start;
  }
}

/**
 * The instant of `BASE OFFSET` at `anchor`. Dates counted back from `now` never pass the anchor:
 * `now -0@23:00` read in the morning gives the anchor itself (to the minute), so a fixture cannot
 * publish in the future by accident. Other bases may point to the future (week-range ends).
 */
export function resolveDate(base: DateBase, offset: DateOffset, anchor: Date): Date {
  let date = addLocalDays(baseDate(base, anchor), offset.days);
  const today = localDate(anchor);
  if (base === 'nowsy') {
    const sy = schoolYearStart(today);
    if (compare(date, sy) < 0) date = sy;
  } else if (base === 'nowsem') {
    const sem = semesterStart(today).start;
    if (compare(date, sem) < 0) date = sem;
  }
  const instant = localInstant(date, offset.minutes);
  const countedBack = base === 'now' || base === 'nowsy' || base === 'nowsem';
  if (countedBack && offset.days <= 0 && instant.getTime() > anchor.getTime()) {
    return new Date(Math.floor(anchor.getTime() / 60_000) * 60_000);
  }
  return instant;
}

export const DEFAULT_DATE_FORMAT = 'd/M/yyyy';

/** date-fns format in Asia/Ho_Chi_Minh with the Vietnamese locale (`EEEE` → "Thứ Sáu"). */
export function formatPortalDate(instant: Date, fmt: string = DEFAULT_DATE_FORMAT): string {
  try {
    return format(new TZDate(instant.getTime(), PORTAL_TIME_ZONE), fmt, { locale: vi });
  } catch (e) {
    throw new TemplateDateError(`bad date format "${fmt}": ${(e as Error).message}`);
  }
}

/** ISO 8601 with the +07:00 offset: `2026-10-27T08:15:00+07:00`. */
export function isoPortalDate(instant: Date): string {
  return formatPortalDate(instant, "yyyy-MM-dd'T'HH:mm:ssxxx");
}

const WEEKDAYS_LONG = ['Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy', 'Chủ nhật'];
const WEEKDAYS_NUM = ['Thứ 2', 'Thứ 3', 'Thứ 4', 'Thứ 5', 'Thứ 6', 'Thứ 7', 'Chủ nhật'];

/** Weekday as portals write it: `long` "Thứ sáu" (QI), `num` "Thứ 6" (Viettel); Sunday "Chủ nhật". */
export function portalWeekday(instant: Date, style: 'long' | 'num' = 'long'): string {
  const idx = isoWeekdayIndex(localDate(instant));
  return (style === 'num' ? WEEKDAYS_NUM : WEEKDAYS_LONG)[idx]!;
}

/** School-year labels and semester of the anchor: `{{sy}}` "2026-2027", `{{sem}}` "I". */
export function schoolYearLabel(anchor: Date, shift = 0): string {
  const y = schoolYearStart(localDate(anchor)).y + shift;
  return `${y}-${y + 1}`;
}

export function semesterOf(anchor: Date): 1 | 2 {
  return semesterStart(localDate(anchor)).semester;
}
