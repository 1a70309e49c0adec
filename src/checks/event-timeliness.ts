/**
 * II.2 Hoạt động chuyên môn: posted at most one working day after the event. Where a post names
 * its event date ("Sáng ngày 12/10/2026, …"), compare it with the post's publication date.
 */
import { z } from 'zod';
import type { SectionItem } from '../types.js';
import { defineCheck, finding, listSome, say } from './check.js';
import { evidenceUrls, vnDate } from './evidence.js';
import { postedDate } from './documents.js';

const messages = {
  timely: {
    vi: '{count} bài có ngày diễn ra sự kiện đều đăng đúng hạn (≤ {days} ngày làm việc).',
    en: '{count} post(s) naming their event were posted on time (≤ {days} working day(s)).',
  },
  late: {
    vi: 'Bài đăng muộn hơn {days} ngày làm việc sau sự kiện: {list}.',
    en: 'Posts published more than {days} working day(s) after the event: {list}.',
  },
};

export const eventTimeliness = defineCheck({
  id: 'event-timeliness',
  description: { vi: 'Đăng chậm nhất N ngày làm việc sau sự kiện', en: 'Posted at most N working days after the event' },
  params: z.object({ maxWorkingDays: z.number().int().min(0).default(1), status: z.enum(['warn', 'fail']).default('warn') }).strict(),
  run(ev, params, ctx) {
    const late: string[] = [];
    const lateItems: SectionItem[] = [];
    let compared = 0;
    for (const item of ev.items) {
      const posted = postedDate(item);
      if (!posted || posted.date > ctx.today) continue;
      // The latest event date named that is not after the posting (a post may announce a future event).
      const events = item.dates
        .filter((d) => d.role === 'event' && d.date <= posted.date)
        .map((d) => d.date)
        .sort();
      const event = events[events.length - 1];
      if (!event) continue;
      compared++;
      const dueBy = ctx.calendar.addWorkingDays(event, params.maxWorkingDays);
      if (posted.date > dueBy) {
        late.push(`${item.title.slice(0, 80)} (sự kiện/event ${vnDate(event)}, đăng/posted ${vnDate(posted.date)})`);
        lateItems.push(item);
      }
    }
    if (!compared) return { findings: [] };
    return {
      findings: [
        late.length
          ? finding('event-timeliness', params.status, say(messages.late, { days: params.maxWorkingDays, list: listSome(late) }), evidenceUrls(ev, lateItems))
          : finding('event-timeliness', 'pass', say(messages.timely, { count: compared, days: params.maxWorkingDays }), evidenceUrls(ev)),
      ],
    };
  },
});
