import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/config/errors.js';
import fc from 'fast-check';
import { addDays } from '../../src/calendar/time.js';
import { DEFAULT_CALENDAR_FILE, loadWorkingCalendar } from '../../src/calendar/working-days.js';

const cal = loadWorkingCalendar();
const tmp = mkdtempSync(join(tmpdir(), 'calendar-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function calendarFile(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

function loadError(text: string): InputError {
  const file = calendarFile('bad.yaml', text);
  try {
    loadWorkingCalendar([file]);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).file).toBe(file);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const off = (dates: string[]) => dates.filter((d) => !cal.isWorkingDay(d));

describe('the bundled calendar (rules/calendar/vn.yaml)', () => {
  it('is found from the module location, two levels below the repository root', () => {
    expect(DEFAULT_CALENDAR_FILE).toBe(fileURLToPath(new URL('../../rules/calendar/vn.yaml', import.meta.url)));
    expect(readFileSync(DEFAULT_CALENDAR_FILE, 'utf8')).toContain('# Sources');
  });

  it('gives exactly the official weekday days off of 2024–2026', () => {
    const yaml = parse(readFileSync(DEFAULT_CALENDAR_FILE, 'utf8')) as Record<number, { daysOff: string[] }>;
    for (const year of [2024, 2025, 2026]) {
      expect(cal.holidays(year)).toEqual([...yaml[year]!.daysOff].sort());
    }
  });

  it('warns about years that no decision covers', () => {
    expect(cal.yearsWithoutDecisions([2027, 2024, 2025, 2026, 2027, 2023])).toEqual([2023, 2027]);
  });
});

describe('Tết', () => {
  it('2025: Monday 27/1 to Friday 31/1 off, back on Monday 3/2', () => {
    expect(cal.isWorkingDay('2025-01-24')).toBe(true);
    expect(off(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'])).toHaveLength(5);
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
  });

  it('2026: the decree adds 18–20/2 to the two days the library knows', () => {
    expect(off(['2026-02-13', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'])).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-27')).toBe(5);
  });
});

describe('30/4 – 1/5', () => {
  it('2025: 30/4–2/5 off, Saturday 26/4 worked instead of Friday 2/5', () => {
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.isWorkingDay('2025-04-27')).toBe(false);
    expect(off(['2025-04-29', '2025-04-30', '2025-05-01', '2025-05-02', '2025-05-05'])).toEqual([
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
    ]);
    // 26/4 (Saturday, worked), 28/4, 29/4, 5/5
    expect(cal.workingDaysBetween('2025-04-25', '2025-05-05')).toBe(4);
    expect(cal.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
  });

  it('2024: Monday 29/4 off and Saturday 4/5 worked', () => {
    expect(off(['2024-04-29', '2024-04-30', '2024-05-01', '2024-05-02'])).toEqual(['2024-04-29', '2024-04-30', '2024-05-01']);
    expect(cal.isWorkingDay('2024-05-04')).toBe(true);
  });

  it('2026: Giỗ Tổ on Sunday 26/4 is taken on Monday 27/4', () => {
    expect(off(['2026-04-24', '2026-04-27', '2026-04-28', '2026-04-29', '2026-04-30', '2026-05-01'])).toEqual([
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
    ]);
  });
});

describe('National Day 2/9 and its adjacent day', () => {
  it.each([
    [2024, ['2024-09-02', '2024-09-03']],
    [2025, ['2025-09-01', '2025-09-02']],
    [2026, ['2026-09-01', '2026-09-02']],
  ])('%i', (year, days) => {
    const week = ['08-30', '08-31', '09-01', '09-02', '09-03', '09-04'].map((md) => `${year}-${md}`);
    expect(off(week).filter((d) => cal.holidays(year).includes(d))).toEqual(days);
    expect(cal.holidays(year).filter((d) => d.startsWith(`${year}-09`))).toEqual(days);
  });
});

describe('New Year 2026', () => {
  it('1/1 and Friday 2/1 off, Saturday 10/1 worked', () => {
    expect(off(['2025-12-31', '2026-01-01', '2026-01-02', '2026-01-05'])).toEqual(['2026-01-01', '2026-01-02']);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.isWorkingDay('2026-01-17')).toBe(false);
    expect(cal.workingDaysBetween('2026-01-09', '2026-01-12')).toBe(2);
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
  });
});

describe('working-day arithmetic', () => {
  it('adds 0 working days to a working day as the day itself, to a day off as the next working day', () => {
    expect(cal.addWorkingDays('2026-10-30', 0)).toBe('2026-10-30');
    expect(cal.addWorkingDays('2026-10-31', 0)).toBe('2026-11-02');
    expect(cal.addWorkingDays('2025-01-27', 0)).toBe('2025-02-03');
  });

  it('skips weekends', () => {
    expect(cal.addWorkingDays('2026-10-30', 1)).toBe('2026-11-02');
    expect(cal.addWorkingDays('2026-10-31', 1)).toBe('2026-11-03');
    expect(cal.addWorkingDays('2026-10-26', 5)).toBe('2026-11-02');
  });

  it('rejects a negative count', () => {
    expect(() => cal.addWorkingDays('2026-10-30', -1)).toThrow(RangeError);
  });

  it('counts working days after a up to and including b, negative backwards', () => {
    expect(cal.workingDaysBetween('2026-10-30', '2026-10-30')).toBe(0);
    expect(cal.workingDaysBetween('2026-10-30', '2026-11-02')).toBe(1);
    expect(cal.workingDaysBetween('2026-11-02', '2026-10-30')).toBe(-1);
    expect(cal.workingDaysBetween('2026-10-31', '2026-11-01')).toBe(0);
    // 2026: 261 weekdays − 12 weekday days off + Saturday 10/1 (1/1 itself is excluded, and off anyway)
    expect(cal.workingDaysBetween('2026-01-01', '2026-12-31')).toBe(261 - 12 + 1);
  });

  it('moves a deadline that falls on a day off to the working day before', () => {
    expect(cal.workingDayOnOrBefore('2026-10-30')).toBe('2026-10-30');
    expect(cal.workingDayOnOrBefore('2025-05-02')).toBe('2025-04-29');
    expect(cal.workingDayOnOrBefore('2025-02-02')).toBe('2025-01-24');
  });
});

describe('years without a decision', () => {
  it('use the library holidays, moved off weekends as the Labour Code says', () => {
    // 2027: Tết on Saturday 6/2 → Monday 8/2; 1/5 on Saturday → Monday 3/5.
    expect(cal.holidays(2027)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-04-16',
      '2027-04-30',
      '2027-05-03',
      '2027-09-02',
    ]);
  });
});

describe('extra calendar files', () => {
  it('replace a year of an earlier file and add new years', () => {
    const file = calendarFile(
      'district.yaml',
      [
        '# A decision for 2027 (made up for the test) and a district change of 2026',
        '2027:',
        '  daysOff: [2027-01-01, 2027-02-04, 2027-02-05, 2027-02-08, 2027-02-09, 2027-02-10]',
        '  makeupWorkdays: [2027-01-23]',
        '2026:',
        '  daysOff: [2026-01-01]',
      ].join('\n'),
    );
    const c = loadWorkingCalendar([file]);
    expect(c.yearsWithoutDecisions([2026, 2027])).toEqual([]);
    expect(c.holidays(2027)).toEqual(['2027-01-01', '2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10']);
    expect(c.isWorkingDay('2027-01-23')).toBe(true);
    // The later file's 2026 replaces the bundled one entirely.
    expect(c.holidays(2026)).toEqual(['2026-01-01']);
    expect(c.isWorkingDay('2026-01-10')).toBe(false);
    // Other years keep the bundled decisions.
    expect(c.holidays(2025)).toEqual(cal.holidays(2025));
  });

  it('accept an empty file', () => {
    expect(loadWorkingCalendar([calendarFile('empty.yaml', '# nothing yet\n')]).holidays(2026)).toEqual(cal.holidays(2026));
  });

  it('name the file, line and field of a bad date', () => {
    const e = loadError('2026:\n  daysOff:\n    - 2026-01-01\n    - 2026-02-30\n');
    expect([e.line, e.field]).toEqual([4, '2026.daysOff[1]']);
    expect(e.message).toContain('not a date');
    expect(String(e)).toContain('bad.yaml:4: 2026.daysOff[1]: ');
  });

  it('reject unknown fields', () => {
    const e = loadError('2026:\n  holidays: [2026-01-01]\n');
    expect([e.line, e.field]).toEqual([2, '2026']);
  });

  it('reject a make-up workday that is not a weekend day', () => {
    const e = loadError('2026:\n  makeupWorkdays: [2026-01-09]\n');
    expect(e.field).toBe('2026.makeupWorkdays[0]');
    expect(e.message).toContain('not a Saturday or Sunday');
    expect(e.message).toContain('không phải thứ Bảy');
  });

  it('reject a key that is not a year and dates far from their year', () => {
    expect(loadError('next:\n  daysOff: []\n').field).toBe('next');
    expect(loadError('2026:\n  daysOff: [2062-01-01]\n').field).toBe('2026.daysOff[0]');
  });

  it('reject invalid YAML and a missing file', () => {
    expect(loadError('2026: [\n').message).toContain('invalid YAML');
    expect(() => loadWorkingCalendar([join(tmp, 'missing.yaml')])).toThrow(/file not found/);
  });
});

describe('working-day arithmetic, for any date (property-based)', () => {
  const cal = loadWorkingCalendar();
  // Any day of 2023–2028: years with decisions and years estimated from the library.
  const anyDate = fc.integer({ min: 0, max: 6 * 366 }).map((n) => addDays('2023-01-01', n));

  it('addWorkingDays lands on a working day exactly n working days later', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 40 }), (d, n) => {
        const due = cal.addWorkingDays(d, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(due >= d).toBe(true);
        // From a working day n steps are n working days; from a day off the first step reaches the next working day.
        expect(cal.workingDaysBetween(d, due)).toBe(cal.isWorkingDay(d) ? n : n + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('workingDaysBetween is antisymmetric and adds up over a middle day', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (a, b, c) => {
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, a)).toBe(0);
        expect(Object.is(cal.workingDaysBetween(a, a), 0)).toBe(true);
        const [x, y, z] = [a, b, c].sort();
        expect(cal.workingDaysBetween(x!, z!)).toBe(cal.workingDaysBetween(x!, y!) + cal.workingDaysBetween(y!, z!));
      }),
      { numRuns: 200 },
    );
  });

  it('workingDayOnOrBefore gives the date itself or the last working day before it', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const w = cal.workingDayOnOrBefore(d);
        expect(cal.isWorkingDay(w)).toBe(true);
        expect(w <= d).toBe(true);
        expect(cal.workingDaysBetween(w, d)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
