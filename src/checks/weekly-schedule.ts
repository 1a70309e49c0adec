/**
 * VIII.1 Lịch công tác tuần and VII.2 Thực đơn: next week's schedule must be published before
 * Friday 16:00 (SPEC "Weekly deadline"). The week a post covers comes from its title ("Tuần 9 (từ
 * 30/10 đến 04/11/2017)", "từ ngày … đến ngày …", a slug), else from a single date in the title, else
 * from its posting date (posted Thursday–Sunday → the next week).
 */
import { z } from 'zod';
import { findDateRanges, findDates, findSchoolYears, findSemester } from '../calendar/dates.js';
import {
  addDays,
  deadlineForWeek,
  formatInstant,
  instantAt,
  localDate,
  schoolYearAt,
  shiftWeek,
  weekday,
  weekOf,
  weeklyDeadline,
  type WeekSpan,
} from '../calendar/time.js';
import { normaliseVi } from '../normalise.js';
import type { SectionItem } from '../types.js';
import { defineCheck, finding, say, type CheckOutcome } from './check.js';
import { evidenceUrls, vnDate } from './evidence.js';
import { postedDate } from './documents.js';

const messages = {
  onTime: {
    vi: 'Đã có lịch tuần {from}–{to}, đăng {posted} (hạn {deadline}).',
    en: 'The week {from}–{to} is published, posted {posted} (deadline {deadline}).',
  },
  onTimeUnknown: {
    vi: 'Đã có lịch tuần {from}–{to} (không rõ thời điểm đăng).',
    en: 'The week {from}–{to} is published (posting time unknown).',
  },
  late: {
    vi: 'Lịch tuần {from}–{to} đăng muộn: {posted}, sau hạn {deadline}.',
    en: 'The week {from}–{to} was published late: {posted}, after the deadline {deadline}.',
  },
  timeUnread: {
    vi: 'Lịch tuần {from}–{to} đăng ngày {posted}, đúng ngày hạn ({deadline}); danh sách không ghi giờ và chưa đọc được trang của bài để biết giờ đăng: cần kiểm tra thủ công.',
    en: 'The week {from}–{to} was posted on {posted}, the deadline day ({deadline}); the list shows no time and the post\'s own page, which would, was not read: check by hand.',
  },
  missing: {
    vi: 'Chưa có lịch cho tuần {from}–{to} (hạn đăng {deadline}); tuần gần nhất đã đăng: {newest} ({count} mục đã đọc).',
    en: 'Nothing published for the week {from}–{to} (due {deadline}); newest week published: {newest} ({count} item(s) read).',
  },
  missingNone: {
    vi: 'Chưa có lịch cho tuần {from}–{to} (hạn đăng {deadline}); không đọc được tuần nào trong {count} mục đã đọc.',
    en: 'Nothing published for the week {from}–{to} (due {deadline}); no week could be read in the {count} item(s) read.',
  },
  term: { vi: 'Có thực đơn theo học kỳ/năm học: {title}.', en: 'A menu for the semester/year is published: {title}.' },
  dueSoon: {
    vi: 'Còn {hours} giờ đến hạn đăng lịch tuần {from}–{to} ({deadline}).',
    en: 'Due in {hours} hours: the week {from}–{to} ({deadline}).',
  },
};

export interface CoveredWeek {
  week: WeekSpan;
  item: SectionItem;
  /** How the week was read: from a range, a date in the title, or the posting date. */
  how: 'range' | 'date' | 'posting';
}

/** The week(s) a schedule post covers. */
export function weeksCovered(item: SectionItem): CoveredWeek[] {
  const posted = postedDate(item)?.date;
  const year = posted ? Number(posted.slice(0, 4)) : undefined;
  const texts = [item.title, item.url ? decodeURIComponent(item.url) : ''];
  for (const t of texts) {
    const ranges = findDateRanges(t, year ? { defaultYear: year } : {});
    if (ranges.length) {
      return ranges.map((r) => ({ week: weekOf(weekday(r.from) >= 6 ? addDays(r.from, 2) : r.from), item, how: 'range' as const }));
    }
  }
  const single = findDates(item.title, year ? { defaultYear: year } : {})[0];
  if (single) return [{ week: weekOf(single.date), item, how: 'date' }];
  if (posted) {
    // A schedule posted late in a week is next week's ("a post of Friday 18/9 covers 21–25/9").
    const w = weekOf(posted);
    return [{ week: weekday(posted) >= 4 ? shiftWeek(w, 1) : w, item, how: 'posting' }];
  }
  return [];
}

const fmt = (d: Date) => {
  const iso = formatInstant(d);
  return `${iso.slice(11, 16)} ${vnDate(iso.slice(0, 10))}`;
};

export const weeklySchedule = defineCheck({
  id: 'weekly-schedule',
  description: { vi: 'Lịch tuần sau đăng trước 16 giờ thứ Sáu', en: "Next week's schedule published before Friday 16:00" },
  params: z
    .object({
      /** A menu for the whole semester or year also satisfies the rule (VII.2). */
      allowTermSchedule: z.boolean().default(false),
    })
    .strict(),
  run(ev, params, ctx): CheckOutcome {
    if (!ev.items.length && !ev.pages.length) return { findings: [] };
    const rule = ctx.pack.settings.weeklyDeadline;
    // A Friday off moves the deadline to the working day before, when the rule pack says so.
    const adjust = (d: Date) => (rule.moveBeforeHoliday ? instantAt(ctx.calendar.workingDayOnOrBefore(localDate(d)), rule.time) : d);
    const { dueWeek, currentWeek, hoursToDeadline } = weeklyDeadline(ctx.asOf, rule, adjust);
    const deadlineOf = (week: WeekSpan) => adjust(deadlineForWeek(week, rule));
    const deadline = deadlineOf(dueWeek);
    const covered = ev.items.flatMap(weeksCovered);
    const newestCovered = covered.reduce<CoveredWeek | undefined>((a, c) => (!a || c.week.monday > a.week.monday ? c : a), undefined);
    const latestDate = ev.items
      .map((i) => postedDate(i)?.date)
      .filter((d): d is string => !!d && d <= ctx.today)
      .sort()
      .pop();
    const base = latestDate ? { latestDate } : {};
    const span = (w: WeekSpan) => ({ from: vnDate(w.monday), to: vnDate(addDays(w.monday, 6)) });
    const notes = [];
    // Before the deadline: say how long is left for next week's schedule.
    if (dueWeek.monday === currentWeek.monday && hoursToDeadline > 0 && hoursToDeadline < 24) {
      const next = shiftWeek(currentWeek, 1);
      if (!covered.some((c) => c.week.monday === next.monday))
        notes.push(say(messages.dueSoon, { hours: Math.ceil(hoursToDeadline), ...span(next), deadline: fmt(deadlineOf(next)) }));
    }

    const hits = covered.filter((c) => c.week.monday === dueWeek.monday);
    if (hits.length) {
      // The earliest posting for the week decides whether it was on time.
      const posts = hits
        .map((h) => ({ h, p: postedDate(h.item) }))
        .sort((a, b) => (a.p?.date ?? '9999').localeCompare(b.p?.date ?? '9999'));
      const { h, p } = posts[0]!;
      const url = h.item.url ?? h.item.foundOn;
      if (!p) return { ...base, notes, findings: [finding('weekly-schedule', 'pass', say(messages.onTimeUnknown, span(dueWeek)), [url])] };
      // Without a time, a post dated on the deadline's day gets the benefit of the doubt once its own
      // page was read and shows none; while that page is unread, the time it shows is not known.
      const postedAt = p.time ? instantAt(p.date, p.time) : instantAt(p.date, '00:00');
      const deadlineDay = formatInstant(deadline).slice(0, 10);
      if (!p.time && p.date === deadlineDay && h.item.url && !ctx.site.page(h.item.url)) {
        const vars = { ...span(dueWeek), posted: vnDate(p.date), deadline: fmt(deadline) };
        return { ...base, notes, findings: [finding('weekly-schedule', 'unknown', say(messages.timeUnread, vars), [url], [p.date])] };
      }
      const late = p.time ? postedAt.getTime() > deadline.getTime() : p.date > deadlineDay;
      const vars = { ...span(dueWeek), posted: p.time ? fmt(postedAt) : vnDate(p.date), deadline: fmt(deadline) };
      return {
        ...base,
        notes,
        findings: [finding('weekly-schedule', late ? 'warn' : 'pass', say(late ? messages.late : messages.onTime, vars), [url], [p.date])],
      };
    }
    if (params.allowTermSchedule) {
      const year = schoolYearAt(ctx.today, ctx.pack.settings.schoolYear);
      const term = ev.items.find((i) => {
        const years = findSchoolYears(i.title).map((y) => y.startYear);
        const sem = findSemester(i.title);
        return findDateRanges(i.title).length === 0 && years.includes(year.startYear) && (sem === null || sem === year.semester) && !/\btuan\b/.test(normaliseVi(i.title));
      });
      if (term) return { ...base, notes, findings: [finding('weekly-schedule', 'pass', say(messages.term, { title: term.title }), [term.url ?? term.foundOn])] };
    }
    const vars = { ...span(dueWeek), deadline: fmt(deadline), count: ev.items.length };
    const msg = newestCovered
      ? say(messages.missing, { ...vars, newest: `${vnDate(newestCovered.week.monday)}–${vnDate(newestCovered.week.sunday)}` })
      : say(messages.missingNone, vars);
    return {
      ...base,
      notes,
      findings: [finding('weekly-schedule', 'fail', msg, evidenceUrls(ev, newestCovered ? [newestCovered.item] : []))],
    };
  },
});
