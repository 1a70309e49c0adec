import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/config/errors.js';
import {
  addDays,
  CalendarInputError,
  deadlineForWeek,
  diffDays,
  formatInstant,
  FRIDAY_1600,
  instantAt,
  localDate,
  localTime,
  parseInstant,
  schoolYearAt,
  schoolYearByStartYear,
  shiftWeek,
  subMonthsDate,
  weekday,
  weeklyDeadline,
  weekOf,
} from '../../src/calendar/time.js';

const iso = (d: Date) => d.toISOString();

describe('parseInstant', () => {
  it('reads instants with Z, +07:00, +0700 and other offsets', () => {
    expect(iso(parseInstant('2026-10-30T09:00:00Z'))).toBe('2026-10-30T09:00:00.000Z');
    expect(iso(parseInstant('2026-10-30T16:00:00+07:00'))).toBe('2026-10-30T09:00:00.000Z');
    expect(iso(parseInstant('2026-10-30T16:00:00+0700'))).toBe('2026-10-30T09:00:00.000Z');
    expect(iso(parseInstant('2026-10-30T05:00:00-04:00'))).toBe('2026-10-30T09:00:00.000Z');
    expect(iso(parseInstant('2026-10-30T09:00:00.250z'))).toBe('2026-10-30T09:00:00.250Z');
  });

  it('reads a date-time without an offset as Hà Nội wall time', () => {
    expect(iso(parseInstant('2026-10-30T16:00'))).toBe('2026-10-30T09:00:00.000Z');
    expect(iso(parseInstant('2026-10-30 16:00:30'))).toBe('2026-10-30T09:00:30.000Z');
  });

  it('reads a date alone as 00:00 in Hà Nội', () => {
    expect(iso(parseInstant('2026-10-30'))).toBe('2026-10-29T17:00:00.000Z');
  });

  it.each([
    '',
    'now',
    '30/10/2026',
    '2026-02-30',
    '2026-13-01',
    '2026-10-30T24:00',
    '2026-10-30T16:60',
    '2026-10-30T16:00+25:00',
    '2026-10-30T16',
    '2026-10-30T16:00:00 GMT',
  ])('rejects %j with a bilingual error naming the value', (bad) => {
    let error: unknown;
    try {
      parseInstant(bad, '--as-of');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarInputError);
    expect(error).toBeInstanceOf(InputError);
    const e = error as CalendarInputError;
    expect(e.value).toBe(bad);
    expect(e.field).toBe('--as-of');
    expect(e.message).toContain(`"${bad}"`);
    expect(e.message).toContain('không hợp lệ');
    expect(e.message).toContain('invalid value');
    expect(String(e)).toContain('--as-of: ');
  });
});

describe('local dates and times', () => {
  it('formats an instant with the +07:00 offset', () => {
    expect(formatInstant(new Date('2026-10-30T10:00:00Z'))).toBe('2026-10-30T17:00:00+07:00');
    expect(formatInstant(parseInstant('2026-10-30T17:00:00+07:00'))).toBe('2026-10-30T17:00:00+07:00');
  });

  it('gives the Hà Nội date of an instant near midnight UTC', () => {
    // Sunday 17:30 UTC is Monday 00:30 in Hà Nội.
    const t = parseInstant('2026-10-25T17:30:00Z');
    expect(localDate(t)).toBe('2026-10-26');
    expect(localTime(t)).toBe('00:30');
    expect(localDate(parseInstant('2026-10-25T16:59:59Z'))).toBe('2026-10-25');
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(localDate(parseInstant('2026-10-25T17:30:00Z'))).toBe('2026-10-26');
      expect(iso(parseInstant('2026-10-30'))).toBe('2026-10-29T17:00:00.000Z');
      expect(weekOf('2026-10-26').monday).toBe('2026-10-26');
      expect(formatInstant(new Date('2026-10-30T10:00:00Z'))).toBe('2026-10-30T17:00:00+07:00');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('builds the instant of a wall time on a date', () => {
    expect(iso(instantAt('2026-10-30', '16:00'))).toBe('2026-10-30T09:00:00.000Z');
    expect(iso(instantAt('2027-01-01', '00:00'))).toBe('2026-12-31T17:00:00.000Z');
    expect(() => instantAt('2026-10-30', '16h00')).toThrow(CalendarInputError);
    expect(() => instantAt('2026-02-30', '16:00')).toThrow(CalendarInputError);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-10-30', 0)).toBe('2026-10-30');
  });

  it('counts days from a to b', () => {
    expect(diffDays('2026-09-18', '2026-09-21')).toBe(3);
    expect(diffDays('2026-09-21', '2026-09-18')).toBe(-3);
    expect(diffDays('2024-02-01', '2024-03-01')).toBe(29);
    expect(diffDays('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('subtracts months the date-fns way (31/3 − 1 month is the end of February)', () => {
    expect(subMonthsDate('2024-03-31', 1)).toBe('2024-02-29');
    expect(subMonthsDate('2025-03-31', 1)).toBe('2025-02-28');
    expect(subMonthsDate('2026-01-15', 1)).toBe('2025-12-15');
    expect(subMonthsDate('2026-10-30', 12)).toBe('2025-10-30');
  });

  it('numbers weekdays from Monday = 1 to Sunday = 7', () => {
    expect(weekday('2026-10-26')).toBe(1);
    expect(weekday('2026-10-30')).toBe(5);
    expect(weekday('2026-10-31')).toBe(6);
    expect(weekday('2026-11-01')).toBe(7);
    expect(weekday('2024-02-29')).toBe(4);
  });

  it('rejects dates that do not exist', () => {
    expect(() => addDays('2026-02-29', 1)).toThrow(CalendarInputError);
    expect(() => weekday('2026-9-1')).toThrow(/2026-9-1/);
  });
});

describe('weeks', () => {
  it('spans Monday to Sunday', () => {
    expect(weekOf('2026-10-30')).toEqual({ monday: '2026-10-26', sunday: '2026-11-01' });
    expect(weekOf('2026-10-26')).toEqual({ monday: '2026-10-26', sunday: '2026-11-01' });
    expect(weekOf('2026-11-01')).toEqual({ monday: '2026-10-26', sunday: '2026-11-01' });
  });

  it('runs across the new year', () => {
    expect(weekOf('2027-01-01')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
    expect(weekOf('2024-12-31')).toEqual({ monday: '2024-12-30', sunday: '2025-01-05' });
    expect(shiftWeek(weekOf('2026-12-30'), 1)).toEqual({ monday: '2027-01-04', sunday: '2027-01-10' });
  });

  it('contains the leap day', () => {
    expect(weekOf('2024-02-29')).toEqual({ monday: '2024-02-26', sunday: '2024-03-03' });
  });
});

describe('weekly deadline (Friday 16:00)', () => {
  const W = { monday: '2026-10-26', sunday: '2026-11-01' };
  const W1 = { monday: '2026-11-02', sunday: '2026-11-08' };

  it("puts next week's deadline on Friday 16:00 of this week", () => {
    expect(formatInstant(deadlineForWeek(W1, FRIDAY_1600))).toBe('2026-10-30T16:00:00+07:00');
    expect(formatInstant(deadlineForWeek(W1, { weekday: 6, time: '00:00' }))).toBe('2026-10-31T00:00:00+07:00');
    expect(() => deadlineForWeek(W1, { weekday: 8, time: '16:00' })).toThrow(CalendarInputError);
  });

  it.each([
    ['2026-10-30T15:59:00+07:00', W, 1 / 60],
    ['2026-10-30T08:59:00Z', W, 1 / 60],
    ['2026-10-30T16:00:00+07:00', W1, 0],
    ['2026-10-30T09:00:00Z', W1, 0],
    ['2026-10-30T16:01:00+07:00', W1, -1 / 60],
    ['2026-10-29T16:00:00+07:00', W, 24],
    ['2026-11-01T23:59:00+07:00', W1, -(2 * 24 + 7 + 59 / 60)],
  ])('at %s the due week is %o', (asOf, dueWeek, hours) => {
    const d = weeklyDeadline(parseInstant(asOf));
    expect(d.currentWeek).toEqual(W);
    expect(formatInstant(d.deadline)).toBe('2026-10-30T16:00:00+07:00');
    expect(d.dueWeek).toEqual(dueWeek);
    expect(d.hoursToDeadline).toBeCloseTo(hours, 9);
  });

  it('counts Monday 00:30 in Hà Nội (Sunday 17:30 UTC) in the new week', () => {
    const d = weeklyDeadline(parseInstant('2026-11-01T17:30:00Z'));
    expect(d.currentWeek).toEqual(W1);
    expect(d.dueWeek).toEqual(W1);
    expect(formatInstant(d.deadline)).toBe('2026-11-06T16:00:00+07:00');
  });

  it('works across the new year', () => {
    const before = weeklyDeadline(parseInstant('2026-12-31T10:00:00+07:00'));
    expect(before.currentWeek).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
    expect(before.dueWeek).toEqual(before.currentWeek);
    const after = weeklyDeadline(parseInstant('2027-01-01T16:00:00+07:00'));
    expect(after.dueWeek).toEqual({ monday: '2027-01-04', sunday: '2027-01-10' });
  });
});

describe('school years', () => {
  it('starts on 5 September and splits at 15 January by default', () => {
    expect(schoolYearAt('2026-09-05')).toEqual({
      startYear: 2026,
      label: '2026-2027',
      start: '2026-09-05',
      end: '2027-09-04',
      semester: 1,
      semesterStart: '2026-09-05',
      semesterEnd: '2027-01-14',
      semester2Start: '2027-01-15',
    });
    expect(schoolYearAt('2026-09-04').startYear).toBe(2025);
    expect(schoolYearAt('2027-01-14').semester).toBe(1);
    const s2 = schoolYearAt('2027-01-15');
    expect([s2.startYear, s2.semester, s2.semesterStart, s2.semesterEnd]).toEqual([2026, 2, '2027-01-15', '2027-09-04']);
    expect(schoolYearAt('2027-05-31').semester).toBe(2);
  });

  it('takes the dates from the rule-pack settings', () => {
    const settings = { start: '08-15', semester2Start: '01-10' };
    const y = schoolYearAt('2026-08-20', settings);
    expect([y.label, y.start, y.end, y.semester, y.semesterEnd]).toEqual(['2026-2027', '2026-08-15', '2027-08-14', 1, '2027-01-09']);
    expect(schoolYearAt('2026-08-14', settings).label).toBe('2025-2026');
  });

  it('handles a leap year end (start on 1 March)', () => {
    const y = schoolYearByStartYear(2023, { start: '03-01', semester2Start: '09-01' });
    expect([y.end, y.semester2Start]).toEqual(['2024-02-29', '2023-09-01']);
    expect(schoolYearAt('2024-02-29', { start: '03-01', semester2Start: '09-01' }).semester).toBe(2);
  });

  it.each(['13-01', '02-29', '9-5', '09-31'])('rejects the setting %j', (bad) => {
    expect(() => schoolYearAt('2026-10-01', { start: bad, semester2Start: '01-15' })).toThrow(CalendarInputError);
  });
});

describe('properties', () => {
  const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true });
  const date = instant.map(localDate);

  it('weekOf contains the date and starts on a Monday', () => {
    fc.assert(
      fc.property(date, (d) => {
        const w = weekOf(d);
        expect(weekday(w.monday)).toBe(1);
        expect(diffDays(w.monday, w.sunday)).toBe(6);
        expect(w.monday <= d && d <= w.sunday).toBe(true);
      }),
    );
  });

  it('the due week is W or W+1 and flips exactly at the deadline', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const d = weeklyDeadline(t);
        const next = shiftWeek(d.currentWeek, 1);
        expect(d.dueWeek).toEqual(t < d.deadline ? d.currentWeek : next);
        expect(weeklyDeadline(new Date(d.deadline.getTime() - 1)).dueWeek).toEqual(d.currentWeek);
        expect(weeklyDeadline(d.deadline).dueWeek).toEqual(next);
        expect(d.hoursToDeadline > 0).toBe(t < d.deadline);
      }),
    );
  });

  it('the first day of a school year is in semester 1 and the last day in semester 2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1995, max: 2095 }), (startYear) => {
        const y = schoolYearByStartYear(startYear);
        expect(schoolYearAt(y.start)).toMatchObject({ startYear, semester: 1 });
        expect(schoolYearAt(y.end)).toMatchObject({ startYear, semester: 2 });
        expect(schoolYearAt(addDays(y.end, 1)).startYear).toBe(startYear + 1);
      }),
    );
  });

  it('formatInstant and parseInstant round-trip', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const whole = new Date(Math.floor(t.getTime() / 1000) * 1000);
        expect(parseInstant(formatInstant(whole)).getTime()).toBe(whole.getTime());
      }),
    );
  });

  it('addDays and diffDays agree', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -800, max: 800 }), (d, n) => {
        expect(diffDays(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});
