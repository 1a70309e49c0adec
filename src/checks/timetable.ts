/**
 * VII.1 Thời khóa biểu: a timetable of the current semester (named in its title, or dated from
 * the semester's start − N days), covering every grade of the school's level.
 */
import { z } from 'zod';
import { findSchoolYears, findSemester } from '../calendar/dates.js';
import { addDays, schoolYearAt, schoolYearByStartYear } from '../calendar/time.js';
import { normaliseVi } from '../normalise.js';
import { SCHOOL_LEVELS, type SchoolLevel } from '../types.js';
import { defineCheck, finding, listSome, say } from './check.js';
import { describeItem, evidenceUrls, itemDate, newestItem } from './evidence.js';

const messages = {
  current: { vi: 'Có thời khóa biểu học kỳ {sem} năm học {year}: {title}.', en: 'Timetable of semester {sem}, {year}: {title}.' },
  notCurrent: {
    vi: 'Chưa có thời khóa biểu học kỳ {sem} năm học {year}; mới nhất: {newest}.',
    en: 'No timetable for semester {sem} of {year}; newest: {newest}.',
  },
  none: {
    vi: 'Chưa có thời khóa biểu học kỳ {sem} năm học {year} trong {pages} trang đã đọc: {titles}.',
    en: 'No timetable for semester {sem} of {year} in the {pages} page(s) read: {titles}.',
  },
  grades: { vi: 'Có đủ các khối: {grades}.', en: 'All grades covered: {grades}.' },
  gradesMissing: { vi: 'Thời khóa biểu thiếu khối: {missing} (cần khối {grades}).', en: 'Timetable misses grade(s) {missing} (needed: {grades}).' },
  gradesUnread: {
    vi: 'Không đọc được khối lớp (thời khóa biểu dạng ảnh/tệp): kiểm tra thủ công đủ khối {grades}.',
    en: 'Grades could not be read (timetable as image/file): check grades {grades} by hand.',
  },
};

const ROMAN = { 1: 'I', 2: 'II' } as const;

/** Grades a school of `level` teaches, from the rule pack's table (TH-THCS = TH ∪ THCS). */
export function gradesFor(level: SchoolLevel, table: Record<string, number[]>): number[] {
  const parts = level.split('-').filter((p) => (SCHOOL_LEVELS as readonly string[]).includes(p));
  return [...new Set(parts.flatMap((p) => table[p] ?? []))].sort((a, b) => a - b);
}

/** Grade numbers named in a text: "Khối 6", "lớp 7", class names "8A1", "9b". */
export function gradesIn(text: string): Set<number> {
  const out = new Set<number>();
  const add = (g: number) => g >= 1 && g <= 12 && out.add(g);
  // "khối 6 - 9", "lớp 1 đến 5"
  for (const m of text.normalize('NFC').matchAll(/(?:khối|lớp)\s*(\d{1,2})\s*(?:-|–|đến)\s*(\d{1,2})\b/giu))
    for (let g = Number(m[1]); g <= Number(m[2]); g++) add(g);
  const n = normaliseVi(text);
  // "khối 6, 7, 8 và 9"
  for (const m of n.matchAll(/\b(?:khoi|lop)((?:\s+(?:va\s+)?\d{1,2}\b)+)/g)) for (const g of m[1]!.match(/\d+/g)!) add(Number(g));
  // class names "8A1", "9b"
  for (const m of n.matchAll(/\b(\d{1,2})\s?[a-e]\d{0,2}\b/g)) add(Number(m[1]));
  return out;
}

export const timetable = defineCheck({
  id: 'timetable',
  description: { vi: 'Thời khóa biểu học kỳ hiện tại, đủ các khối', en: 'Current semester timetable covering every grade' },
  params: z
    .object({
      grades: z.record(z.string(), z.array(z.number().int().min(1).max(12))).default({}),
      semesterLeadDays: z.number().int().min(0).default(14),
      status: z.enum(['warn', 'fail']).default('fail'),
    })
    .strict(),
  run(ev, params, ctx) {
    if (!ev.pages.length) return { findings: [] };
    const settings = ctx.pack.settings.schoolYear;
    const now = schoolYearAt(ctx.today, settings);
    // The semester under way, and the next one when it starts within the lead time.
    const next =
      now.semester === 1
        ? { startYear: now.startYear, semester: 2 as const, start: now.semester2Start }
        : { startYear: now.startYear + 1, semester: 1 as const, start: schoolYearByStartYear(now.startYear + 1, settings).start };
    const accepted = [{ startYear: now.startYear, semester: now.semester, start: now.semesterStart }];
    if (next.start <= addDays(ctx.today, params.semesterLeadDays)) accepted.push(next);

    const candidates = [
      ...ev.items.map((i) => ({ title: i.title, url: i.url ?? i.foundOn, date: itemDate(i, ctx.today) })),
      // A timetable shown in place names its semester in a heading or a table caption.
      ...ev.facts.flatMap((p) =>
        [p.title, ...p.headings.filter((h) => h.level <= 3).map((h) => h.text), ...p.tables.map((t) => t.caption)]
          .filter(Boolean)
          .map((title) => ({ title, url: p.url, date: undefined as string | undefined })),
      ),
    ];
    const isCurrent = (c: { title: string; date?: string }) => {
      const years = findSchoolYears(c.title).map((y) => y.startYear);
      const sem = findSemester(c.title);
      if (years.length) return years.some((y) => accepted.some((a) => a.startYear === y && (sem === null || sem === a.semester)));
      if (!c.date) return false;
      const inYear = accepted.some((a) => c.date! >= addDays(a.start, -params.semesterLeadDays));
      return inYear && (sem === null || accepted.some((a) => a.semester === sem));
    };
    const current = candidates.filter(isCurrent);
    const vars = { sem: ROMAN[now.semester], year: now.label };
    if (!current.length) {
      const newest = newestItem(ev.items, ctx.today);
      return {
        ...(newest && { latestDate: newest.date }),
        findings: [
          finding(
            'timetable',
            params.status,
            newest
              ? say(messages.notCurrent, { ...vars, newest: describeItem(newest.item, ctx.today) })
              : say(messages.none, { ...vars, pages: ev.facts.length, titles: listSome(ev.facts.map((p) => p.title || p.url), 3) }),
            evidenceUrls(ev),
          ),
        ],
      };
    }
    const findings = [finding('timetable', 'pass', say(messages.current, { ...vars, title: current[0]!.title.slice(0, 100) }), current.map((c) => c.url))];
    const required = gradesFor(ctx.school.level, params.grades);
    if (required.length) {
      const urls = new Set(current.map((c) => c.url));
      const text = [
        ...current.map((c) => c.title),
        ...ev.facts
          .filter((p) => urls.has(p.url))
          .flatMap((p) => [p.text, ...p.tables.flatMap((t) => [t.caption, ...t.headers, ...t.rows.flatMap((r) => r.map((c) => c.text))])]),
        ...ev.items.filter((i) => urls.has(i.url ?? '')).map((i) => i.text),
      ].join(' \n ');
      const seen = gradesIn(text);
      const missing = required.filter((g) => !seen.has(g));
      const g = { grades: required.join(', ') };
      if (seen.size === 0) findings.push(finding('timetable', 'unknown', say(messages.gradesUnread, g), [...urls]));
      else if (missing.length) findings.push(finding('timetable', params.status, say(messages.gradesMissing, { ...g, missing: missing.join(', ') }), [...urls]));
      else findings.push(finding('timetable', 'pass', say(messages.grades, g), [...urls]));
    }
    return { findings };
  },
});
