import { describe, expect, it } from 'vitest';
import { weeksCovered } from '../../src/checks/weekly-schedule.js';
import { evidence, item, page, runCheck } from '../helpers/facts.js';

// Week of Monday 26/10/2026 … Sunday 1/11/2026; its Friday deadline is 30/10/2026 16:00 (+07:00).
const list = page('http://school.test/lich-cong-tac/c/1', { title: 'Lịch công tác tuần' });
const schedules = (extra: ReturnType<typeof item>[] = []) => [
  item('Lịch công tác tuần 7 (từ 19/10/2026 đến 25/10/2026)', '2026-10-16T09:00'),
  item('Lịch công tác tuần 8 (từ 26/10/2026 đến 01/11/2026)', '2026-10-23T10:00'),
  ...extra,
];
const nextWeek = item('Lịch công tác tuần 9 (từ 02/11/2026 đến 08/11/2026)', '2026-10-30T11:00');

async function judge(items: ReturnType<typeof item>[], asOf: string) {
  return runCheck('weekly-schedule', 'lich-cong-tac-tuan', evidence('lich-cong-tac-tuan', [list], items), asOf);
}

describe('weekly deadline (Friday 16:00)', () => {
  it('passes on Friday 15:59 with only the current week published, and says next week is due in 1 hour', async () => {
    const r = await judge(schedules(), '2026-10-30T15:59:00+07:00');
    expect(r.status).toBe('pass');
    expect(r.notes?.[0]?.en).toMatch(/Due in 1 hours: the week 02\/11\/2026–08\/11\/2026/);
  });

  it('fails the weekly schedule when next week is missing after Friday 16:00', async () => {
    const r = await judge(schedules(), '2026-10-30T16:01:00+07:00');
    expect(r.status).toBe('fail');
    expect(r.findings[0]!.message.vi).toMatch(/Chưa có lịch cho tuần 02\/11\/2026–08\/11\/2026.*26\/10\/2026–01\/11\/2026/);
  });

  it('passes after the deadline when next week was published before it', async () => {
    const r = await judge(schedules([nextWeek]), '2026-10-31T09:00:00+07:00');
    expect(r.status).toBe('pass');
    expect(r.notes).toEqual([]);
  });

  it('warns "published late" when next week appeared after Friday 16:00', async () => {
    const late = item('Lịch công tác tuần 9 (từ 02/11/2026 đến 08/11/2026)', '2026-10-30T17:30');
    const r = await judge(schedules([late]), '2026-11-01T09:00:00+07:00');
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.message.en).toMatch(/published late: 17:30 30\/10\/2026, after the deadline 16:00 30\/10\/2026/);
  });

  it('reads the instant with Z: 08:59Z on Friday is 15:59 in Hà Nội', async () => {
    expect((await judge(schedules(), '2026-10-30T08:59:00Z')).status).toBe('pass');
    expect((await judge(schedules(), '2026-10-30T09:01:00Z')).status).toBe('fail');
  });

  it('judges the current week early in the week: Monday 00:30 needs this week, not next', async () => {
    expect((await judge(schedules(), '2026-10-26T00:30:00+07:00')).status).toBe('pass');
    expect((await judge(schedules().slice(0, 1), '2026-10-26T00:30:00+07:00')).status).toBe('fail');
  });

  it('takes the week from the posting date when the title has none (posted Friday → next week)', async () => {
    const untitled = item('Lịch công tác tuần', '2026-10-30T10:00');
    const r = await judge([untitled], '2026-10-31T08:00:00+07:00');
    expect(r.status).toBe('pass');
  });

  it('reads weeks from slugs and run-together titles', () => {
    const w = weeksCovered(item('Thực đơn tuần 3 (21/09/2026 -25/09/2026)', '2026-09-18'));
    expect(w[0]!.week.monday).toBe('2026-09-21');
    const slug = item('Thực đơn', '2026-09-18', { url: 'http://school.test/thuc-don/tu-ngay-2192026-den-ngay-2592026/ct/1/2' });
    expect(weeksCovered(slug)[0]!.week.monday).toBe('2026-09-21');
  });

  it('accepts a menu for the whole semester when the rule pack allows it (Thực đơn)', async () => {
    const term = item('Thực đơn bán trú học kỳ I năm học 2026-2027', '2026-09-01');
    const r = await runCheck('weekly-schedule', 'thuc-don', evidence('thuc-don', [list], [term]), '2026-10-31T09:00:00+07:00', {
      school: { boarding: true },
    });
    expect(r.status).toBe('pass');
    const r2 = await judge([term], '2026-10-31T09:00:00+07:00');
    expect(r2.status).toBe('fail');
  });

  describe('a Friday off (rule pack `moveBeforeHoliday`)', () => {
    // Friday 2/5/2025 was a decided day off, and so were Thursday 1/5 and Wednesday 30/4:
    // the deadline for the week of 5/5/2025 moves back to Tuesday 29/4/2025 16:00 when the pack says so.
    const before = [item('Lịch công tác tuần (từ 28/4/2025 đến 4/5/2025)', '2025-04-25T09:00')];
    const moved = { weeklyDeadline: { weekday: 5, time: '16:00', moveBeforeHoliday: true } };
    const asOf = '2025-04-30T09:00:00+07:00'; // Wednesday, a holiday, after the moved deadline

    it('keeps the deadline on Friday by default: on Wednesday this week is still the one due', async () => {
      const r = await judge(before, asOf);
      expect(r.status).toBe('pass');
    });

    it('moves the deadline to the working day before the holidays when the pack says so', async () => {
      const r = await runCheck('weekly-schedule', 'lich-cong-tac-tuan', evidence('lich-cong-tac-tuan', [list], before), asOf, { settings: moved });
      expect(r.status).toBe('fail');
      expect(r.findings[0]!.message.en).toMatch(/week 05\/05\/2025–11\/05\/2025 \(due 16:00 29\/04\/2025\)/);
    });

    it('counts the hours to the moved deadline', async () => {
      const r = await runCheck('weekly-schedule', 'lich-cong-tac-tuan', evidence('lich-cong-tac-tuan', [list], before), '2025-04-29T10:00:00+07:00', {
        settings: moved,
      });
      expect(r.status).toBe('pass');
      expect(r.notes?.[0]?.en).toMatch(/Due in 6 hours: the week 05\/05\/2025–11\/05\/2025 \(16:00 29\/04\/2025\)/);
    });

    it('judges a post of the moved deadline day by its time', async () => {
      const onTime = item('Lịch công tác tuần (từ 5/5/2025 đến 11/5/2025)', '2025-04-29T15:30');
      const late = item('Lịch công tác tuần (từ 5/5/2025 đến 11/5/2025)', '2025-04-29T16:30');
      const opts = { settings: moved };
      const ev = (i: ReturnType<typeof item>) => evidence('lich-cong-tac-tuan', [list], [...before, i]);
      expect((await runCheck('weekly-schedule', 'lich-cong-tac-tuan', ev(onTime), '2025-05-03T09:00:00+07:00', opts)).status).toBe('pass');
      expect((await runCheck('weekly-schedule', 'lich-cong-tac-tuan', ev(late), '2025-05-03T09:00:00+07:00', opts)).status).toBe('warn');
      // With the default (Friday 2/5 16:00), the same 16:30 Tuesday post is on time.
      expect((await judge([...before, late], '2025-05-03T09:00:00+07:00')).status).toBe('pass');
    });
  });
});

describe('the posting time a deadline needs', () => {
  // The list shows only the day; the post's own page shows the time.
  const listed = (time?: string) => {
    const post = item('Lịch công tác tuần 9 (từ 02/11/2026 đến 08/11/2026)', '2026-10-30', { url: 'http://school.test/lich/tuan-9' });
    if (time) post.dates.push({ date: '2026-10-30', time, text: `Thứ sáu, 30/10/2026, ${time}`, source: 'text', role: 'published' });
    return post;
  };
  const postPage = page('http://school.test/lich/tuan-9');

  it('reads the time from the post\'s own page: posted Friday 16:45 is late', async () => {
    const r = await runCheck('weekly-schedule', 'lich-cong-tac-tuan', evidence('lich-cong-tac-tuan', [list], [...schedules(), listed('16:45')]), '2026-10-31T09:30:00+07:00', { pages: [postPage] });
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.message.vi).toMatch(/đăng muộn: 16:45 30\/10\/2026, sau hạn 16:00 30\/10\/2026/);
  });

  it('passes a post of the deadline day whose own page was read and shows no time', async () => {
    const r = await runCheck('weekly-schedule', 'lich-cong-tac-tuan', evidence('lich-cong-tac-tuan', [list], [...schedules(), listed()]), '2026-10-31T09:30:00+07:00', { pages: [postPage] });
    expect(r.status).toBe('pass');
  });

  it('cannot decide a post of the deadline day without a time while its own page is unread', async () => {
    const r = await runCheck('weekly-schedule', 'lich-cong-tac-tuan', evidence('lich-cong-tac-tuan', [list], [...schedules(), listed()]), '2026-10-31T09:30:00+07:00');
    expect(r.status).toBe('unknown');
    expect(r.findings[0]!.message.en).toMatch(/the list shows no time and the post's own page, which would, was not read: check by hand/);
  });
});
