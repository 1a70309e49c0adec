/**
 * Time windows over a section's items: "not stale" (the general rule, 6 months by default),
 * "newest ≤ 1 month" (albums, video), "newest in the current school year" (lesson plans) and
 * "at least N items in the last 12 months" (e-learning). One month = date-fns subMonths.
 */
import { z } from 'zod';
import { addDays, schoolYearAt, subMonthsDate } from '../calendar/time.js';
import { defineCheck, finding, say, listSome } from './check.js';
import { describeItem, evidenceUrls, itemDate, newestItem, newestPageDate, vnDate } from './evidence.js';

const messages = {
  fresh: { vi: 'Cập nhật gần nhất {date} (trong vòng {months} tháng).', en: 'Last updated {date} (within {months} month(s)).' },
  stale: {
    vi: 'Nội dung mới nhất ngày {date} (trong {count} mục đã đọc), đã quá {months} tháng (hạn: từ {since}).',
    en: 'Newest item is of {date} ({count} item(s) read), older than {months} month(s) (needed: since {since}).',
  },
  noDate: { vi: 'Không đọc được ngày đăng của các mục: cần kiểm tra thủ công.', en: 'No posting dates found: check by hand.' },
  yearFresh: { vi: 'Có nội dung của năm học {year} (mới nhất {date}).', en: 'Has items of school year {year} (newest {date}).' },
  yearStale: {
    vi: 'Chưa có nội dung của năm học {year}; mục mới nhất ngày {date}.',
    en: 'Nothing of school year {year} yet; newest item is of {date}.',
  },
  countOk: { vi: 'Có {count} mục trong {months} tháng qua (tối thiểu {min}).', en: '{count} item(s) in the last {months} months (minimum {min}).' },
  countLow: {
    vi: 'Chỉ có {count} mục trong {months} tháng qua, cần tối thiểu {min}: {list}.',
    en: 'Only {count} item(s) in the last {months} months, {min} required: {list}.',
  },
  countNone: { vi: 'Không có mục nào trong {months} tháng qua, cần tối thiểu {min}.', en: 'No item in the last {months} months, {min} required.' },
};

export const freshness = defineCheck({
  id: 'freshness',
  description: { vi: 'Nội dung mới nhất không cũ hơn N tháng', en: 'Newest item not older than N months' },
  params: z
    .object({
      /** Default: the rule pack's staleAfterMonths (the general "not stale" rule). */
      maxAgeMonths: z.number().int().min(1).optional(),
      status: z.enum(['warn', 'fail']).default('warn'),
    })
    .strict(),
  run(ev, params, ctx) {
    const months = params.maxAgeMonths ?? ctx.pack.settings.staleAfterMonths;
    const newest = newestItem(ev.items, ctx.today);
    const latest = newest ? { date: newest.date, url: newest.item.url ?? newest.item.foundOn } : newestPageDate(ev.facts, ctx.today);
    if (!latest) {
      if (ev.pages.length === 0) return { findings: [] };
      return { findings: [finding('freshness', 'unknown', messages.noDate, evidenceUrls(ev))] };
    }
    const since = subMonthsDate(ctx.today, months);
    const vars = { date: vnDate(latest.date), months, since: vnDate(since), count: Math.max(ev.items.length, 1) };
    const ok = latest.date >= since;
    return {
      latestDate: latest.date,
      findings: [
        finding('freshness', ok ? 'pass' : params.status, say(ok ? messages.fresh : messages.stale, vars), [latest.url], [latest.date]),
      ],
    };
  },
});

export const schoolYearFreshness = defineCheck({
  id: 'school-year-freshness',
  description: { vi: 'Có nội dung của năm học hiện tại', en: 'Has items of the current school year' },
  params: z
    .object({
      /** Items posted this many days before the year's start count (prepared over the summer). */
      graceDays: z.number().int().min(0).default(31),
      status: z.enum(['warn', 'fail']).default('fail'),
    })
    .strict(),
  run(ev, params, ctx) {
    const year = schoolYearAt(ctx.today, ctx.pack.settings.schoolYear);
    const newest = newestItem(ev.items, ctx.today);
    if (!newest) return { findings: ev.items.length ? [finding('school-year-freshness', 'unknown', messages.noDate, evidenceUrls(ev))] : [] };
    const ok = newest.date >= addDays(year.start, -params.graceDays);
    const vars = { year: year.label, date: vnDate(newest.date) };
    return {
      latestDate: newest.date,
      findings: [
        finding(
          'school-year-freshness',
          ok ? 'pass' : params.status,
          say(ok ? messages.yearFresh : messages.yearStale, vars),
          evidenceUrls(ev, [newest.item]),
          [newest.date],
        ),
      ],
    };
  },
});

export const minCount = defineCheck({
  id: 'min-count',
  description: { vi: 'Tối thiểu N mục trong M tháng gần nhất', en: 'At least N items in the last M months' },
  params: z
    .object({
      min: z.number().int().min(1),
      withinMonths: z.number().int().min(1).default(12),
      status: z.enum(['warn', 'fail']).default('fail'),
    })
    .strict(),
  run(ev, params, ctx) {
    if (!ev.items.length) return { findings: [] };
    const since = subMonthsDate(ctx.today, params.withinMonths);
    const dated = ev.items.map((item) => ({ item, date: itemDate(item, ctx.today) }));
    if (dated.every((d) => !d.date)) return { findings: [finding('min-count', 'unknown', messages.noDate, evidenceUrls(ev))] };
    const recent = dated.filter((d) => d.date && d.date >= since);
    const vars = { count: recent.length, months: params.withinMonths, min: params.min };
    const newest = newestItem(ev.items, ctx.today);
    const latestDate = newest?.date;
    if (recent.length >= params.min)
      return {
        ...(latestDate && { latestDate }),
        findings: [finding('min-count', 'pass', say(messages.countOk, vars), evidenceUrls(ev, recent.map((r) => r.item)))],
      };
    const list = listSome(recent.map((r) => describeItem(r.item, ctx.today)));
    return {
      ...(latestDate && { latestDate }),
      findings: [
        finding(
          'min-count',
          params.status,
          recent.length ? say(messages.countLow, { ...vars, list }) : say(messages.countNone, vars),
          evidenceUrls(ev, recent.map((r) => r.item)),
          recent.map((r) => r.date!),
        ),
      ],
    };
  },
});
