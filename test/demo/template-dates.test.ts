import { describe, expect, it } from 'vitest';
import {
  baseDate,
  dueMonday,
  formatPortalDate,
  isoPortalDate,
  parseOffset,
  portalWeekday,
  resolveDate,
  schoolWeekNumber,
  schoolYearLabel,
  semesterOf,
} from '../../src/demo/template-dates.js';

/** An instant written in Hà Nội time. */
const hn = (local: string) => new Date(`${local}+07:00`);
const ymd = (d: { y: number; m: number; d: number }) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

describe('the due week (Friday 16:00 deadline)', () => {
  it('is the current week before Friday 16:00', () => {
    expect(ymd(dueMonday(hn('2026-10-30T15:59:59')))).toBe('2026-10-26');
    expect(ymd(dueMonday(hn('2026-10-26T00:00:00')))).toBe('2026-10-26');
  });

  it('is next week from Friday 16:00 on, through the weekend', () => {
    expect(ymd(dueMonday(hn('2026-10-30T16:00:00')))).toBe('2026-11-02');
    expect(ymd(dueMonday(hn('2026-10-31T09:00:00')))).toBe('2026-11-02');
    expect(ymd(dueMonday(hn('2026-11-01T23:59:00')))).toBe('2026-11-02');
  });

  it('crosses the new year: Friday 1/1/2027 after 16:00 is due for the week of 4/1', () => {
    expect(ymd(dueMonday(hn('2026-12-31T10:00:00')))).toBe('2026-12-28');
    expect(ymd(dueMonday(hn('2027-01-01T16:30:00')))).toBe('2027-01-04');
  });

  it('reads the anchor in Hà Nội time whatever the UTC date', () => {
    // 09:30 UTC on Friday = 16:30 in Hà Nội: past the deadline.
    expect(ymd(dueMonday(new Date('2026-10-30T09:30:00Z')))).toBe('2026-11-02');
    // 17:30 UTC on Sunday = 00:30 Monday in Hà Nội: a new week, before its deadline.
    expect(ymd(dueMonday(new Date('2026-11-01T17:30:00Z')))).toBe('2026-11-02');
  });
});

describe('school year and semester', () => {
  it('starts the school year on 5 September', () => {
    expect(ymd(baseDate('sy', hn('2026-09-05T00:00:00')))).toBe('2026-09-05');
    expect(ymd(baseDate('sy', hn('2026-09-04T23:59:00')))).toBe('2025-09-05');
    expect(schoolYearLabel(hn('2026-09-05T08:00:00'))).toBe('2026-2027');
    expect(schoolYearLabel(hn('2026-09-04T08:00:00'))).toBe('2025-2026');
    expect(schoolYearLabel(hn('2026-10-30T17:00:00'), -1)).toBe('2025-2026');
    expect(schoolYearLabel(hn('2026-10-30T17:00:00'), 1)).toBe('2027-2028');
  });

  it('starts semester II on 15 January and keeps it through the summer', () => {
    expect(semesterOf(hn('2027-01-14T23:00:00'))).toBe(1);
    expect(ymd(baseDate('sem', hn('2027-01-14T23:00:00')))).toBe('2026-09-05');
    expect(semesterOf(hn('2027-01-15T00:00:00'))).toBe(2);
    expect(ymd(baseDate('sem', hn('2027-01-15T00:00:00')))).toBe('2027-01-15');
    expect(semesterOf(hn('2027-08-20T10:00:00'))).toBe(2);
    expect(semesterOf(hn('2027-09-05T10:00:00'))).toBe(1);
  });
});

describe('week numbers of the school year', () => {
  it('numbers the Monday–Sunday week containing 5/9 as week 1', () => {
    // 5/9/2026 is a Saturday: week 1 runs 31/8–6/9.
    expect(schoolWeekNumber({ y: 2026, m: 8, d: 31 })).toBe(1);
    expect(schoolWeekNumber({ y: 2026, m: 9, d: 6 })).toBe(1);
    expect(schoolWeekNumber({ y: 2026, m: 9, d: 7 })).toBe(2);
    expect(schoolWeekNumber({ y: 2026, m: 11, d: 2 })).toBe(10);
  });

  it('gives the week before week 1 to the previous school year', () => {
    expect(schoolWeekNumber({ y: 2026, m: 8, d: 30 })).toBe(52);
  });
});

describe('resolving BASE OFFSET', () => {
  const anchor = hn('2026-10-30T17:00:00');

  it('counts days and sets the wall-clock time', () => {
    expect(formatPortalDate(resolveDate('now', parseOffset('-3'), anchor))).toBe('27/10/2026');
    expect(isoPortalDate(resolveDate('now', parseOffset('-3@08:15'), anchor))).toBe('2026-10-27T08:15:00+07:00');
    expect(formatPortalDate(resolveDate('due', parseOffset('-3@10:00'), anchor), 'dd/MM/yyyy HH:mm')).toBe('30/10/2026 10:00');
    expect(formatPortalDate(resolveDate('due', parseOffset('+4'), anchor), 'dd/MM/yyyy')).toBe('06/11/2026');
    expect(formatPortalDate(resolveDate('sy', parseOffset('-20'), anchor))).toBe('16/8/2026');
  });

  it('never lets a date counted back from now pass the anchor', () => {
    const morning = hn('2026-10-30T09:12:40');
    expect(isoPortalDate(resolveDate('now', parseOffset('-0@23:00'), morning))).toBe('2026-10-30T09:12:00+07:00');
    expect(isoPortalDate(resolveDate('now', parseOffset('-1@23:00'), morning))).toBe('2026-10-29T23:00:00+07:00');
  });

  it('keeps nowsy and nowsem inside the current school year and semester', () => {
    const early = hn('2026-09-10T08:00:00');
    expect(formatPortalDate(resolveDate('nowsy', parseOffset('-40'), early))).toBe('5/9/2026');
    expect(formatPortalDate(resolveDate('nowsy', parseOffset('-40'), anchor))).toBe('20/9/2026');
    expect(formatPortalDate(resolveDate('nowsem', parseOffset('-30'), hn('2027-01-20T08:00:00')))).toBe('15/1/2027');
    // Clamped to the school-year start at 15:00 while the anchor is 08:00 that day: the anchor wins.
    expect(isoPortalDate(resolveDate('nowsy', parseOffset('-400@15:00'), hn('2026-09-05T08:00:00')))).toBe('2026-09-05T08:00:00+07:00');
  });

  it('writes weekdays the way QI and Viettel portals do', () => {
    expect(portalWeekday(hn('2026-10-30T10:00:00'))).toBe('Thứ sáu');
    expect(portalWeekday(hn('2026-10-31T10:00:00'), 'num')).toBe('Thứ 7');
    expect(portalWeekday(hn('2026-11-01T10:00:00'), 'num')).toBe('Chủ nhật');
  });

  it('rejects offsets that are not days', () => {
    expect(() => parseOffset('3')).toThrow(/bad date offset/);
    expect(() => parseOffset('-3@25:00')).toThrow(/bad time/);
  });
});
