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
});
