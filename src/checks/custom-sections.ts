/**
 * IV.3 / V.2 "Khác": sections the school made itself follow the general rules of the letter:
 * never empty, never stale.
 */
import { z } from 'zod';
import { subMonthsDate } from '../calendar/time.js';
import type { PageFacts } from '../types.js';
import { defineCheck, finding, say } from './check.js';
import { vnDate } from './evidence.js';

const messages = {
  none: { vi: 'Nhà trường không tạo thêm chuyên mục riêng.', en: 'The school made no sections of its own.' },
  ok: { vi: 'Chuyên mục "{name}": {count} mục, mới nhất {date}.', en: 'Section "{name}": {count} item(s), newest {date}.' },
  okUndated: { vi: 'Chuyên mục "{name}" có nội dung.', en: 'Section "{name}" has content.' },
  empty: { vi: 'Chuyên mục tự tạo "{name}" bị trống.', en: 'School-made section "{name}" is empty.' },
  stale: {
    vi: 'Chuyên mục tự tạo "{name}" lỗi thời: mục mới nhất ngày {date} (quá {months} tháng).',
    en: 'School-made section "{name}" is stale: newest item {date} (older than {months} months).',
  },
};

function pageName(p: PageFacts, reasons: string[]): string {
  const fromMenu = reasons.map((r) => /"([^"]+)"/.exec(r)?.[1]).find(Boolean);
  return fromMenu ?? (p.headings.find((h) => h.level === 1)?.text || p.title);
}

export const customSections = defineCheck({
  id: 'custom-sections',
  description: { vi: 'Chuyên mục tự tạo không trống, không lỗi thời', en: 'School-made sections are neither empty nor stale' },
  params: z.object({ minWords: z.number().int().min(0).default(50) }).strict(),
  run(ev, params, ctx) {
    if (!ev.pages.length) return { findings: [finding('custom-sections', 'n/a', messages.none)] };
    const months = ctx.pack.settings.staleAfterMonths;
    const since = subMonthsDate(ctx.today, months);
    let latestDate: string | undefined;
    const findings = ev.pages.map((a, i) => {
      const page = ev.facts[i]!;
      const name = pageName(page, a.reasons);
      const items = page.lists.filter((l) => l.main).flatMap((l) => l.items);
      const rows = page.tables.reduce((n, t) => n + t.rows.length, 0);
      const count = items.length + rows;
      if (count === 0 && page.wordCount < params.minWords && !page.images.some((im) => im.inContent) && !page.videos.length)
        return finding('custom-sections', 'fail', say(messages.empty, { name }), [page.url]);
      const dates = [...items.map((it) => it.date?.date), ...page.dates.filter((d) => d.role === 'published' && d.source !== 'header').map((d) => d.date)]
        .filter((d): d is string => !!d && d <= ctx.today)
        .sort();
      const newest = dates[dates.length - 1];
      if (!newest) return finding('custom-sections', 'pass', say(messages.okUndated, { name }), [page.url]);
      if (!latestDate || newest > latestDate) latestDate = newest;
      if (newest < since) return finding('custom-sections', 'warn', say(messages.stale, { name, date: vnDate(newest), months }), [page.url], [newest]);
      return finding('custom-sections', 'pass', say(messages.ok, { name, count: Math.max(count, 1), date: vnDate(newest) }), [page.url], [newest]);
    });
    return { findings, ...(latestDate && { latestDate }) };
  },
});
