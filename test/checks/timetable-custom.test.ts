import { describe, expect, it } from 'vitest';
import { gradesIn } from '../../src/checks/timetable.js';
import { evidence, item, page, runCheck } from '../helpers/facts.js';

const table = (grades: string[]) => ({ caption: 'Thời khóa biểu', headers: ['Thứ', 'Tiết', ...grades], rows: [] });

describe('timetable of the current semester', () => {
  const tkb = (title: string, grades: string[], date?: string) =>
    page(`http://school.test/tkb/${encodeURIComponent(title)}`, { title, headings: [{ level: 1, text: title }], tables: [table(grades)], ...(date && { dates: [] }) });

  it('passes semester I of 2026-2027 in October with grades 6–9 (THCS)', async () => {
    const p = tkb('Thời khóa biểu học kỳ I năm học 2026-2027', ['6A1', '7A1', '8A1', '9A1']);
    expect((await runCheck('timetable', 'thoi-khoa-bieu', evidence('thoi-khoa-bieu', [p]), '2026-10-30T10:00:00+07:00')).status).toBe('pass');
  });

  it('fails the semester I timetable in February and one missing grade 9', async () => {
    const p = tkb('Thời khóa biểu học kỳ I năm học 2026-2027', ['6A1', '7A1', '8A1', '9A1']);
    expect((await runCheck('timetable', 'thoi-khoa-bieu', evidence('thoi-khoa-bieu', [p]), '2027-02-20T10:00:00+07:00')).status).toBe('fail');
    const q = tkb('TKB HK1 năm học 2026 - 2027', ['6A1', '7A1', '8A1']);
    const r = await runCheck('timetable', 'thoi-khoa-bieu', evidence('thoi-khoa-bieu', [q]), '2026-10-30T10:00:00+07:00');
    expect(r.status).toBe('fail');
    expect(r.findings.at(-1)!.message.en).toMatch(/misses grade\(s\) 9/);
  });

  it('accepts next semester 14 days before it starts', async () => {
    const p = tkb('Thời khóa biểu học kỳ II năm học 2026-2027', ['6A', '7A', '8A', '9A']);
    expect((await runCheck('timetable', 'thoi-khoa-bieu', evidence('thoi-khoa-bieu', [p]), '2027-01-05T10:00:00+07:00')).status).toBe('pass');
    expect((await runCheck('timetable', 'thoi-khoa-bieu', evidence('thoi-khoa-bieu', [p]), '2026-12-20T10:00:00+07:00')).status).toBe('fail');
  });

  it('uses the posting date when the title names no school year', async () => {
    const ev = evidence('thoi-khoa-bieu', [page('http://school.test/tkb', { title: 'TKB' })], [item('Thời khóa biểu mới khối 6, 7, 8, 9', '2026-08-28')]);
    expect((await runCheck('timetable', 'thoi-khoa-bieu', ev, '2026-10-30T10:00:00+07:00')).status).toBe('pass');
  });

  it('reads grades from "Khối 6", "lớp 7" and class names', () => {
    expect([...gradesIn('Khối 6 | lớp 7 | 8A1 | 9b | tiết 5')].sort()).toEqual([6, 7, 8, 9]);
  });
});

describe('school-made sections (general rules)', () => {
  const custom = (facts = {}) => page('http://school.test/clb', { title: 'Câu lạc bộ tiếng Anh', ...facts });
  const withItems = (date: string) => custom({ lists: [{ heading: 'CLB', main: true, items: [{ title: 'Buổi sinh hoạt', date: { date, text: date, source: 'text', role: 'published' } }] }] });

  it('is n/a when the school made none', async () => {
    expect((await runCheck('custom-sections', 'khac-hoc-sinh', evidence('khac-hoc-sinh', []), '2026-10-30T10:00:00+07:00')).status).toBe('n/a');
  });
  it('fails an empty one, warns a stale one, passes a fresh one', async () => {
    const at = '2026-10-30T10:00:00+07:00';
    expect((await runCheck('custom-sections', 'khac-phu-huynh', evidence('khac-phu-huynh', [custom()]), at)).status).toBe('fail');
    expect((await runCheck('custom-sections', 'khac-hoc-sinh', evidence('khac-hoc-sinh', [withItems('2026-01-10')]), at)).status).toBe('warn');
    expect((await runCheck('custom-sections', 'khac-hoc-sinh', evidence('khac-hoc-sinh', [withItems('2026-10-10')]), at)).status).toBe('pass');
  });
});
