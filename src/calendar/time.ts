/**
 * Instants, calendar dates, weeks, weekly deadlines and school years in Asia/Ho_Chi_Minh.
 * All time-zone arithmetic of the project goes through here (DESIGN.md). Calendar dates are
 * `YYYY-MM-DD` strings, instants are `Date`s; nothing here reads the clock: callers pass the
 * audit instant.
 */
import { TZDate, tz } from '@date-fns/tz';
import { format, startOfISOWeek, subMonths } from 'date-fns';
import { InputError } from '../config/errors.js';
import type { Bilingual } from '../types.js';

export const TZ = 'Asia/Ho_Chi_Minh';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A real calendar date in the years a school page can show (1990–2100). */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function toIsoDate(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** date-fns context: every computation in Hà Nội time, whatever the process TZ. */
const IN_VN = { in: tz(TZ) };

/** What a value should have looked like, for error messages. */
const EXPECTED = {
  instant: {
    vi: 'ngày hoặc ngày giờ ISO 8601, ví dụ 2026-10-30T17:00:00+07:00',
    en: 'an ISO 8601 date or date-time, e.g. 2026-10-30T17:00:00+07:00',
  },
  date: { vi: 'ngày dạng YYYY-MM-DD', en: 'a date YYYY-MM-DD' },
  time: { vi: 'giờ dạng HH:mm', en: 'a time HH:mm' },
  monthDay: { vi: 'tháng và ngày dạng MM-DD', en: 'a month and day MM-DD' },
  weekday: { vi: 'thứ trong tuần từ 1 (thứ Hai) đến 7 (Chủ nhật)', en: 'a weekday from 1 (Monday) to 7 (Sunday)' },
} satisfies Record<string, Bilingual>;

/**
 * A date, time or setting that cannot be read: a user error (an InputError, so the CLI maps it to
 * exit code 2). The message is bilingual and quotes the rejected value.
 */
export class CalendarInputError extends InputError {
  constructor(
    /** The rejected value, verbatim. */
    readonly value: string,
    expected: Bilingual,
    /** Where the value came from ("--as-of", "start" …), when the caller knows. */
    field?: string,
  ) {
    super(
      `giá trị không hợp lệ "${value}", cần ${expected.vi} / invalid value "${value}", expected ${expected.en}`,
      undefined,
      undefined,
      field,
    );
    this.name = 'CalendarInputError';
  }
}

// ───────────────────────────── instants ─────────────────────────────

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 instant: with `Z` or an offset (`+07:00`, `+0700`), or without one (then wall time
 * in Asia/Ho_Chi_Minh); a date alone means 00:00 local. Throws CalendarInputError otherwise.
 */
export function parseInstant(s: string, field?: string): Date {
  const m = ISO_INSTANT.exec(s.trim());
  if (!m) throw new CalendarInputError(s, EXPECTED.instant, field);
  const [, ys, mos, ds, hs = '00', mis = '00', ss = '00', frac = '', offset] = m;
  const [y, mo, d, h, mi, sec] = [ys, mos, ds, hs, mis, ss].map(Number) as [number, number, number, number, number, number];
  if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) throw new CalendarInputError(s, EXPECTED.instant, field);
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  if (!offset) return new Date(new TZDate(y, mo - 1, d, h, mi, sec, ms, TZ).getTime());
  const off = offset.toUpperCase() === 'Z' ? 0 : offsetMinutes(offset);
  if (off === null) throw new CalendarInputError(s, EXPECTED.instant, field);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - off * 60_000);
}

function offsetMinutes(offset: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** `2026-10-30T17:00:00+07:00`: the form of `asOf` in results.json. */
export function formatInstant(d: Date): string {
  return format(d, "yyyy-MM-dd'T'HH:mm:ssXXX", IN_VN);
}

/** The calendar date of an instant in Hà Nội. */
export function localDate(d: Date): string {
  return format(d, 'yyyy-MM-dd', IN_VN);
}

/** The wall-clock time (HH:mm) of an instant in Hà Nội. */
export function localTime(d: Date): string {
  return format(d, 'HH:mm', IN_VN);
}

/** The instant of wall time `time` (HH:mm) on `date` in Hà Nội. */
export function instantAt(date: string, time: string): Date {
  const d = tzDate(date);
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new CalendarInputError(time, EXPECTED.time);
  return new Date(new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), Number(m[1]), Number(m[2]), TZ).getTime());
}

// ───────────────────────────── calendar dates ─────────────────────────────

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A checked `YYYY-MM-DD` as midnight in Hà Nội, for date-fns. */
function tzDate(date: string): TZDate {
  const m = ISO_DATE.exec(date);
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new CalendarInputError(date, EXPECTED.date);
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), TZ);
}

const fmtDate = (d: Date) => format(d, 'yyyy-MM-dd', IN_VN);

/** Whether `date` is a real `YYYY-MM-DD` calendar date. */
export function isIsoDate(date: string): boolean {
  const m = ISO_DATE.exec(date);
  return !!m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * A calendar date as a UTC day number. Plain dates need no time zone, and this arithmetic is ~50×
 * faster than date-fns with tz (working-day walks call it for every day they step over).
 */
const DAY_MS = 86_400_000;
function utcDay(date: string): number {
  const m = ISO_DATE.exec(date);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  if (!isValidDate(y, mo, d)) throw new CalendarInputError(date, EXPECTED.date);
  return Date.UTC(y, mo - 1, d);
}

export function addDays(date: string, n: number): string {
  return new Date(utcDay(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (b − a): diffDays('2026-09-18', '2026-09-21') = 3. */
export function diffDays(a: string, b: string): number {
  return Math.round((utcDay(b) - utcDay(a)) / DAY_MS);
}

/** date-fns `subMonths`: the same day n months earlier, clamped to the month's end (31/3 − 1 → 28 or 29/2). */
export function subMonthsDate(date: string, n: number): string {
  return fmtDate(subMonths(tzDate(date), n, IN_VN));
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  return ((new Date(utcDay(date)).getUTCDay() + 6) % 7) + 1;
}

// ───────────────────────────── weeks and weekly deadlines ─────────────────────────────

/** A Monday–Sunday week, as Vietnamese schedules ("Tuần 9, từ 30/10 đến 05/11") count it. */
export interface WeekSpan {
  monday: string;
  sunday: string;
}

export function weekOf(date: string): WeekSpan {
  const monday = fmtDate(startOfISOWeek(tzDate(date), IN_VN));
  return { monday, sunday: addDays(monday, 6) };
}

/** The week `n` weeks after `week` (negative: before). */
export function shiftWeek(week: WeekSpan, n: number): WeekSpan {
  return weekOf(addDays(week.monday, 7 * n));
}

/** When the schedule of a week is due: a weekday (1 = Monday … 7 = Sunday) and a wall time of the week before. */
export interface WeeklyDeadlineRule {
  weekday: number;
  /** HH:mm */
  time: string;
}

/** Letter 289: next week's schedule and menu by Friday 16:00. */
export const FRIDAY_1600: WeeklyDeadlineRule = { weekday: 5, time: '16:00' };

/** The instant by which the schedule covering `week` must be published: `rule.weekday` at `rule.time` of the week before. */
export function deadlineForWeek(week: WeekSpan, rule: WeeklyDeadlineRule): Date {
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
    throw new CalendarInputError(String(rule.weekday), EXPECTED.weekday, 'weekday');
  }
  return instantAt(addDays(week.monday, rule.weekday - 1 - 7), rule.time);
}

export interface WeeklyDeadline {
  /** W: the week containing the audit instant. */
  currentWeek: WeekSpan;
  /** D: the deadline that falls in W (Friday 16:00 of W), i.e. the deadline for W+1. */
  deadline: Date;
  /** The week whose schedule must already be published: W+1 once D has passed, else W. */
  dueWeek: WeekSpan;
  /** (D − asOf) in hours, fractional; negative after D. */
  hoursToDeadline: number;
}

/**
 * SPEC "Time rules, precisely": which week's schedule is due at `asOf`. `adjust` moves a deadline
 * (the rule pack's `moveBeforeHoliday`: a Friday off moves it to the working day before).
 */
export function weeklyDeadline(asOf: Date, rule: WeeklyDeadlineRule = FRIDAY_1600, adjust: (deadline: Date) => Date = (d) => d): WeeklyDeadline {
  const currentWeek = weekOf(localDate(asOf));
  const next = shiftWeek(currentWeek, 1);
  const deadline = adjust(deadlineForWeek(next, rule));
  const passed = asOf.getTime() >= deadline.getTime();
  return {
    currentWeek,
    deadline,
    dueWeek: passed ? next : currentWeek,
    hoursToDeadline: (deadline.getTime() - asOf.getTime()) / 3_600_000,
  };
}

// ───────────────────────────── school years ─────────────────────────────

/** Rule-pack calendar settings; the Ministry and the city set the real dates each year. */
export interface SchoolYearSettings {
  /** MM-DD of the first day of the school year (default 09-05, the opening day). */
  start: string;
  /** MM-DD of the first day of semester 2 (default 01-15). */
  semester2Start: string;
}

export const DEFAULT_SCHOOL_YEAR: SchoolYearSettings = { start: '09-05', semester2Start: '01-15' };

export interface SchoolYear {
  /** 2026 for 2026-2027. */
  startYear: number;
  /** "2026-2027", as Vietnamese titles write it ("Năm học 2026-2027"). */
  label: string;
  /** First day of the year. */
  start: string;
  /** Last day: the day before the next year's start. */
  end: string;
  /** Semester of the date asked about (schoolYearAt), or 1 (schoolYearByStartYear). */
  semester: 1 | 2;
  semesterStart: string;
  semesterEnd: string;
  /** First day of semester 2. */
  semester2Start: string;
}

function monthDay(md: string, field: string): [number, number] {
  const m = /^(\d{2})-(\d{2})$/.exec(md);
  // 2001 is not a leap year: 02-29 would not exist every year.
  if (!m || !isValidDate(2001, Number(m[1]), Number(m[2]))) throw new CalendarInputError(md, EXPECTED.monthDay, field);
  return [Number(m[1]), Number(m[2])];
}

function yearBounds(startYear: number, settings: SchoolYearSettings) {
  const [sm, sd] = monthDay(settings.start, 'start');
  const [s2m, s2d] = monthDay(settings.semester2Start, 'semester2Start');
  const start = toIsoDate(startYear, sm, sd);
  const end = addDays(toIsoDate(startYear + 1, sm, sd), -1);
  // Semester 2 starts in the calendar year after the start unless its MM-DD comes later in the same year.
  let semester2Start = toIsoDate(startYear, s2m, s2d);
  if (semester2Start <= start) semester2Start = toIsoDate(startYear + 1, s2m, s2d);
  return { start, end, semester2Start };
}

export function schoolYearByStartYear(startYear: number, settings: SchoolYearSettings = DEFAULT_SCHOOL_YEAR): SchoolYear {
  const { start, end, semester2Start } = yearBounds(startYear, settings);
  return {
    startYear,
    label: `${startYear}-${startYear + 1}`,
    start,
    end,
    semester: 1,
    semesterStart: start,
    semesterEnd: addDays(semester2Start, -1),
    semester2Start,
  };
}

/** The school year and semester that `date` falls in. */
export function schoolYearAt(date: string, settings: SchoolYearSettings = DEFAULT_SCHOOL_YEAR): SchoolYear {
  const year = tzDate(date).getFullYear();
  const startYear = date >= yearBounds(year, settings).start ? year : year - 1;
  const sy = schoolYearByStartYear(startYear, settings);
  if (date < sy.semester2Start) return sy;
  return { ...sy, semester: 2, semesterStart: sy.semester2Start, semesterEnd: sy.end };
}
