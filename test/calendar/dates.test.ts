import { describe, expect, it } from 'vitest';
import {
  findDateRanges,
  findDates,
  findSchoolYears,
  findSemester,
  parseIsoDateTime,
  type FindDatesOptions,
} from '../../src/calendar/dates.js';

/**
 * Expected dates as short strings: "2017-10-09", "2017-10-09 16:00" (with a time), and a trailing
 * "?" when the year was not written ("2017-10-30?").
 */
function brief(text: string, opts?: FindDatesOptions): string[] {
  return findDates(text, opts).map((d) => `${d.date}${d.time ? ` ${d.time}` : ''}${d.yearInferred ? '?' : ''}`);
}

type Sample = [text: string, expected: string[], defaultYear?: number];

const SAMPLES: Sample[] = [
  // ── numeric dates, day first ──
  ['9/10/2017', ['2017-10-09']],
  ['09/10/2017', ['2017-10-09']],
  ['09-10-2017', ['2017-10-09']],
  ['9-10-2017', ['2017-10-09']],
  ['21.9.2026', ['2026-09-21']],
  ['21.09.2026', ['2026-09-21']],
  ['03/04/2026', ['2026-04-03']],
  ['12/01/2026', ['2026-01-12']],
  ['31/12/2025', ['2025-12-31']],
  ['1/1/2026', ['2026-01-01']],
  ['29/02/2024', ['2024-02-29']],
  ['29/02/2025', []],
  ['31/04/2026', []],
  ['32/01/2026', []],
  ['12/13/2026', []],
  ['10/25/2026', []],
  ['00/10/2017', []],
  ['Ngày 09.10.2017.', ['2017-10-09']],
  ['(03/03/2021)', ['2021-03-03']],
  ['(07/10/2021)', ['2021-10-07']],
  ['Ngày 5/9/2026 khai giảng năm học 2026-2027', ['2026-09-05']],
  ['Sáng ngày 12/10/2026, trường tổ chức chuyên đề', ['2026-10-12']],
  ['Suất ăn bán trú ngày 14/9/2026', ['2026-09-14']],
  ['Tick xanh trách nhiệm – Thực đơn bán trú ngày 21/9/2026 của học sinh bán trú', ['2026-09-21']],
  ['hinh-anh-suat-an-cua-hoc-sinh-ban-tru-ngay-18-9-2026', ['2026-09-18']],
  ['21/9/2026, 25/9/2026', ['2026-09-21', '2026-09-25']],
  // ── two-digit years (Viettel lists) ──
  ['06/09/21, 10:32', ['2021-09-06 10:32']],
  ['06/09/21', ['2021-09-06']],
  ['1.2.33', []],
  ['06.09.21', []],
  // ── date lines with weekday and time ──
  ['Thứ sáu, 18/9/2026, 20:22   , Lượt đọc : 600', ['2026-09-18 20:22']],
  ['Thứ hai, 21/9/2026, 10:12   , Lượt đọc : 106', ['2026-09-21 10:12']],
  ['Thứ tư, 16/9/2026, 10:54', ['2026-09-16 10:54']],
  ['Thứ 7, 27/02/2021 | 16:59', ['2021-02-27 16:59']],
  ['Thứ 6, 22/03/2019 | 14:14 A- A A+', ['2019-03-22 14:14']],
  ['Thứ Hai - 09/10/2017 16:00', ['2017-10-09 16:00']],
  ['Thứ hai - 09/10/2017 16:00', ['2017-10-09 16:00']],
  ['Thư\u0301 sa\u0301u, 18/9/2026, 20:22', ['2026-09-18 20:22']],
  ['16h30 09/10/2017', ['2017-10-09 16:30']],
  ['16:00 09/10/2017', ['2017-10-09 16:00']],
  ['16h 09/10/2017', ['2017-10-09 16:00']],
  ['8h ngày 09/10/2017', ['2017-10-09 08:00']],
  ['lúc 08:15 ngày 05/03/2025', ['2025-03-05 08:15']],
  ['Cập nhật lúc 08:15 ngày 05/03/2025', ['2025-03-05 08:15']],
  ['09/10/2017 lúc 16 giờ 30', ['2017-10-09 16:30']],
  ['09/10/2017 16:00:45', ['2017-10-09 16:00']],
  ['09/10/2017 16h', ['2017-10-09 16:00']],
  ['09/10/2017 16h30', ['2017-10-09 16:30']],
  ['09/10/2017 - 16:00', ['2017-10-09 16:00']],
  ['09/10/2017 25:00', ['2017-10-09']],
  ['09/10/2017 3 giờ trước', ['2017-10-09']],
  ['24/9/2026 10 học sinh', ['2026-09-24']],
  ['16:00 09/10/2017 - 17:00 10/10/2017', ['2017-10-09 16:00', '2017-10-10 17:00']],
  // ── words ──
  ['ngày 09 tháng 10 năm 2017', ['2017-10-09']],
  ['Hà Nội, ngày 9 tháng 10 năm 2017', ['2017-10-09']],
  ['NGÀY 09 THÁNG 10 NĂM 2017', ['2017-10-09']],
  ['Long Biên, ngày 09 tháng 10, năm 2017', ['2017-10-09']],
  ['ngày 09 tháng 10 năm 2017'.normalize('NFD'), ['2017-10-09']],
  ['ngay-09-thang-10-nam-2017', ['2017-10-09']],
  ['ngày 31 tháng 2 năm 2026', []],
  ['ngày 09 tháng 10', []],
  ['ngày 09 tháng 10', ['2017-10-09?'], 2017],
  ['ngày 1 tháng 6', ['2026-06-01?'], 2026],
  // ── labels ──
  ['Cập nhật: 09/10/2017', ['2017-10-09']],
  ['Ngày đăng: 09/10/2017 - 16:00', ['2017-10-09 16:00']],
  ['Ngày đăng: 18/9/2026', ['2026-09-18']],
  ['Ngày ban hành: (24/09/2021)', ['2021-09-24']],
  ['Số: 1455/SGDĐT-GDTH Tên: (Hướng dẫn thực hiện nhiệm vụ năm học 2021-2022) Ngày ban hành: (24/09/2021)', ['2021-09-24']],
  // ── dates without a year ──
  ['(09/10)', ['2017-10-09?'], 2017],
  ['(09/10)', []],
  ['(9/10)', ['2026-10-09?'], 2026],
  ['Tin mới (30/02)', [], 2026],
  ['(29/02)', ['2024-02-29?'], 2024],
  ['(29/02)', [], 2026],
  ['ngày 12/10', ['2026-10-12?'], 2026],
  ['từ ngày 01/10', ['2021-10-01?'], 2021],
  ['ngày 12/10', []],
  ['Điểm: 10/10', [], 2026],
  ['12/10', [], 2026],
  // ── ISO dates ──
  ['ISO 2017-10-09 here', ['2017-10-09']],
  ['2021-02-27T17:01:02+07:00', ['2021-02-27 17:01']],
  ['2019-02-27T17:57:12+0700', ['2019-02-27 17:57']],
  ['2021-02-27T20:01:02Z', ['2021-02-28 03:01']],
  ['2019-02-27+0717:57:12', ['2019-02-27']],
  ['2017-10-09 16:00', ['2017-10-09 16:00']],
  ['2017-13-09', []],
  ['2017/10/09', []],
  ['datetime="2021-09-06T10:32:06+07:00">06/09/21, 10:32', ['2021-09-06 10:32', '2021-09-06 10:32']],
  // ── never a date: document numbers ──
  ['289/VP-CNTT', []],
  ['Công văn số 289/VP-CNTT ngày 09/10/2017', ['2017-10-09']],
  ['12/CT-UBND', []],
  ['1084/SGDĐT-GDTH', []],
  ['01/2024/TT-BGDĐT', []],
  ['Thông tư 09/2024/TT-BGDĐT', []],
  ['Nghị định 42/2022/NĐ-CP', []],
  ['Thông tư số 01/2024/TT-BGDĐT ngày 22/01/2024', ['2024-01-22']],
  ['1 Chỉ thị về việc thực hiện nhiệm vụ trọng tâm năm học 2017-2018 12/CT-UBND 22/08/2017', ['2017-08-22']],
  ['2 Hướng dẫn thực hiện nhiệm vụ năm học 2017-2018 cấp tiểu học 1084/SGDĐT-GDTH 30/08/2017', ['2017-08-30']],
  ['tháng 10/2017', []],
  // ── never a date: phones, scores, fractions, versions, counters, money ──
  ['0243.724.033', []],
  ['ĐT: 0243.724.033 - 0912.345.678', []],
  ['Điện thoại: 02413842999', []],
  ['024 3872 4033', []],
  ['9/10 điểm', []],
  ['đạt 9/10 điểm', [], 2026],
  ['1/2', []],
  ['3/4 số học sinh', [], 2026],
  ['(1/2)', [], 2026],
  ['1.2.3.4', []],
  ['192.168.1.10', []],
  ['phiên bản 2.10.2020.1', []],
  ['Tháng trước : 4.377', []],
  ['Hôm nay : 38 Tháng 10 : 468 Tháng trước : 4.377', []],
  ['Lượt xem: 1,442', []],
  ['1.500.000đ', []],
  ['Học phí 12.500.000 đồng', []],
  ['serverTime: 1633683664', []],
  ['/cong-khai/hinh-anh/ct/113030/1411300', []],
  ['ngay-1892026', []],
  ['Lớp 1-2-3-4', [], 2026],
  ['Tuần 9', []],
  ['năm học 2017-2018', []],
  ['Thực đơn bán trú - Tuần 2 (2026-2027)', []],
  ['Fri, 08 Oct 2021 09:09:54 GMT', []],
  ['Ngày sinh: 11/08/1975', []],
  // ── ranges: both ends, the first one's year from the second ──
  ['Tuần 9 (từ 30/10 đến 04/11/2017)', ['2017-10-30?', '2017-11-04']],
  ['từ 29/12 đến 02/01/2027', ['2026-12-29?', '2027-01-02']],
  ['Từ ngày 21/9/2026 đến ngày 25/9/2026', ['2026-09-21', '2026-09-25']],
  ['Thực đơn tuần 4 tháng 9 (Từ ngày 21/9/2026 đến ngày 25/9/2026)', ['2026-09-21', '2026-09-25']],
  ['thực đơn Tuần 3 (21/09/2026 -25/09/2026)', ['2026-09-21', '2026-09-25']],
  ['(21.9.2026 - 25.9.2026)', ['2026-09-21', '2026-09-25']],
  ['21/09 đến 25/09/2026', ['2026-09-21?', '2026-09-25']],
  ['14/9 đến ngày 18/9/2026', ['2026-09-14?', '2026-09-18']],
  ['THỰC ĐƠN TUẦN 2 (từ ngày 14/9 đến ngày 18/9/2026)', ['2026-09-14?', '2026-09-18']],
  ['LỊCH CÔNG TÁC TUẦN TỪ 22/6/2026 ĐẾN 28/6/2026', ['2026-06-22', '2026-06-28']],
  ['Từ 21/09/2026 – 25/09/2026', ['2026-09-21', '2026-09-25']],
  ['21/9-25/9/2026', ['2026-09-21?', '2026-09-25']],
  ['từ ngày 09 tháng 10 đến ngày 13 tháng 10 năm 2017', ['2017-10-09?', '2017-10-13']],
  ['từ 21/9 đến 25/9', ['2026-09-21?', '2026-09-25?'], 2026],
  ['từ 21/9 đến 25/9', []],
  ['30/10 đến 04/11', ['2017-10-30?', '2017-11-04?'], 2017],
  ['25/09/2026 - 21/09/2026', ['2026-09-25', '2026-09-21']],
  // ── ranges with the separators dropped (slugs, audio text) ──
  ['tu-ngay-2192026-den-ngay-2592026', ['2026-09-21', '2026-09-25']],
  ['Tuần 3 (2192026 - 2592026)', ['2026-09-21', '2026-09-25']],
  ['tu-ngay-1409-den-ngay-18092026', ['2026-09-14?', '2026-09-18']],
  ['tu-ngay-2109-den-25092026', ['2026-09-21?', '2026-09-25']],
  ['thuc-don-tuan-3-21-9-2026-25-9-2026', ['2026-09-21', '2026-09-25']],
  ['1112026 - 1512026', ['2026-01-11', '2026-01-15']],
  ['2192026 2592026', []],
  ['tu-ngay-2192026-den-ngay-2592027', []],
];

describe('findDates: the sample table', () => {
  it('has at least 120 samples', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(120);
  });

  it.each(SAMPLES)('reads %j', (text, expected, defaultYear) => {
    expect(brief(text, defaultYear === undefined ? {} : { defaultYear })).toEqual(expected);
  });
});

describe('findDates: details', () => {
  it('gives the matched text and its offset', () => {
    const text = 'Thứ sáu, 18/9/2026, 20:22   , Lượt đọc : 600';
    expect(findDates(text)).toEqual([{ date: '2026-09-18', time: '20:22', text: '18/9/2026', index: 9 }]);
  });

  it('marks what a label says the date is', () => {
    const role = (t: string) => findDates(t).map((d) => d.role);
    expect(role('Cập nhật: 09/10/2017')).toEqual(['updated']);
    expect(role('Cập nhật lúc 08:15 ngày 05/03/2025')).toEqual(['updated']);
    expect(role('Ngày đăng: 09/10/2017')).toEqual(['published']);
    expect(role('Đăng ngày 09/10/2017')).toEqual(['published']);
    expect(role('Ngày ban hành: (24/09/2021)')).toEqual(['issued']);
    expect(role('Ngày hiệu lực: 22/08/2017')).toEqual(['effective']);
    expect(role('Ngày hết hiệu lực: 31/12/2017')).toEqual(['expires']);
    expect(role('Thứ sáu, 18/9/2026')).toEqual([undefined]);
  });

  it('reads a ticker of documents with one issue date each, none from the document numbers', () => {
    const ticker =
      'Số: 1455/SGDĐT-GDTH Tên: (Hướng dẫn thực hiện nhiệm vụ ứng dụng CNTT năm học 2021-2022) Ngày ban hành: (24/09/2021) ' +
      'Số: 1437/SGDĐT Tên: (V/v hướng dẫn học sinh học) Ngày ban hành: (21/09/2021)';
    expect(findDates(ticker).map((d) => [d.date, d.role])).toEqual([
      ['2021-09-24', 'issued'],
      ['2021-09-21', 'issued'],
    ]);
  });

  it('keeps its answer whatever the offsets of the input (NFC offsets)', () => {
    const nfd = 'Thư\u0301 sa\u0301u, 18/9/2026';
    const [d] = findDates(nfd);
    expect(nfd.normalize('NFC').slice(d!.index, d!.index + d!.text.length)).toBe('18/9/2026');
  });

  it('stays linear on 200 KB strings of digits and separators', () => {
    // No timing assertion: a catastrophic pattern would hang here until the test timeout.
    const cases: [string, number][] = [
      ['1/'.repeat(100_000), 0],
      [Array.from({ length: 200_000 }, (_, i) => (i % 3 === 2 ? '/' : String(i % 10))).join(''), 0],
      ['9'.repeat(200_000), 0],
      ['12-'.repeat(66_000), 0],
      ['21/9/2026-'.repeat(20_000), 20_000],
      ['0243.724.033 '.repeat(15_000), 0],
      ['16:00 '.repeat(33_000), 0],
    ];
    for (const [text, n] of cases) {
      expect(text.length).toBeGreaterThanOrEqual(195_000);
      expect(findDates(text, { defaultYear: 2026 })).toHaveLength(n);
      findDateRanges(text);
      findSchoolYears(text);
    }
  });
});

describe('findDateRanges', () => {
  const RANGES: [string, [string, string][], number?][] = [
    ['Tuần 9 (từ 30/10 đến 04/11/2017)', [['2017-10-30', '2017-11-04']]],
    ['từ 29/12 đến 02/01/2027', [['2026-12-29', '2027-01-02']]],
    ['Thực đơn tuần 4 tháng 9 (Từ ngày 21/9/2026 đến ngày 25/9/2026)', [['2026-09-21', '2026-09-25']]],
    ['thực đơn Tuần 3 (21/09/2026 -25/09/2026)', [['2026-09-21', '2026-09-25']]],
    ['(21.9.2026 - 25.9.2026)', [['2026-09-21', '2026-09-25']]],
    ['21/09 đến 25/09/2026', [['2026-09-21', '2026-09-25']]],
    ['14/9 đến ngày 18/9/2026', [['2026-09-14', '2026-09-18']]],
    ['LỊCH CÔNG TÁC TUẦN TỪ 22/6/2026 ĐẾN 28/6/2026', [['2026-06-22', '2026-06-28']]],
    ['/thuc-don/tu-ngay-2192026-den-ngay-2592026/ct/107163/1411331', [['2026-09-21', '2026-09-25']]],
    ['Thực đơn học sinh bán trú Tuần 3 (2192026 - 2592026)', [['2026-09-21', '2026-09-25']]],
    ['/thuc-don/tu-ngay-1409-den-ngay-18092026/ct/107163/759364', [['2026-09-14', '2026-09-18']]],
    ['/thuc-don/tu-ngay-2109-den-25092026/ct/107163/760356', [['2026-09-21', '2026-09-25']]],
    ['từ 28/12/2026 đến 03/01/2027', [['2026-12-28', '2027-01-03']]],
    ['Từ ngày 01/9/2026 đến ngày 31/12/2026', [['2026-09-01', '2026-12-31']]],
    ['Tuần 1 (07/9 - 11/9/2026); Tuần 2 (14/9 - 18/9/2026)', [['2026-09-07', '2026-09-11'], ['2026-09-14', '2026-09-18']]],
    ['từ 21/9 đến 25/9', [['2026-09-21', '2026-09-25']], 2026],
    ['từ 21/9 đến 25/9', []],
    ['25/09/2026 - 21/09/2026', []],
    ['21/9/2026, 25/9/2026', []],
    ['2192026 2592026', []],
    ['2026-2027', []],
    ['Lớp 1-2 đến 3-4', [], 2026],
    ['0912 - 345678', []],
  ];

  it.each(RANGES)('reads %j', (text, expected, defaultYear) => {
    const found = findDateRanges(text, defaultYear === undefined ? {} : { defaultYear });
    expect(found.map((r) => [r.from, r.to])).toEqual(expected);
  });

  it('gives the text from the first date to the last, and its offset', () => {
    expect(findDateRanges('Tuần 9 (từ 30/10 đến 04/11/2017)')).toEqual([
      { from: '2017-10-30', to: '2017-11-04', text: '30/10 đến 04/11/2017', index: 11 },
    ]);
  });

  it('reads run-together digits the one way that makes a short range', () => {
    // 1112026 is 1/11 or 11/1; only 11/1 ends before 15/1.
    expect(findDateRanges('1112026 - 1512026').map((r) => [r.from, r.to])).toEqual([['2026-01-11', '2026-01-15']]);
    // More than 31 days apart: not a week, not a range.
    expect(findDateRanges('2192026 - 2592027')).toEqual([]);
  });
});

describe('findSchoolYears', () => {
  const YEARS: [string, number[]][] = [
    ['năm học 2026-2027', [2026]],
    ['Năm học 2026 - 2027', [2026]],
    ['NĂM HỌC 2017-2018', [2017]],
    ['NH 2026 - 2027', [2026]],
    ['NH 2026-27', [2026]],
    ['năm học: 2025–2026', [2025]],
    ['Công khai 2025-2026', [2025]],
    ['2026 – 2027', [2026]],
    ['Thực đơn bán trú - Tuần 2 (2026-2027)', [2026]],
    ['Thực đơn Tuần 3 - Năm học 2026-2027', [2026]],
    ['năm học 2026/2027', [2026]],
    ['năm học 2017-2018 và năm học 2018-2019', [2017, 2018]],
    ['2026-2028', []],
    ['2026-27', []],
    ['2027-2026', []],
    ['01/09/2026-2027', []],
    ['Điện thoại 2026-2027-1234', []],
    ['năm học 2026', []],
  ];

  it.each(YEARS)('reads %j', (text, expected) => {
    expect(findSchoolYears(text).map((y) => y.startYear)).toEqual(expected);
  });

  it('keeps the label in the matched text', () => {
    expect(findSchoolYears('Kế hoạch NH 2026 - 2027')).toEqual([{ startYear: 2026, text: 'NH 2026 - 2027', index: 9 }]);
  });
});

describe('findSemester', () => {
  const SEMESTERS: [string, 1 | 2 | null][] = [
    ['Thời khóa biểu học kỳ I', 1],
    ['TKB học kì 2 năm học 2026-2027', 2],
    ['HK1', 1],
    ['TKB HKI', 1],
    ['Thời khóa biểu HK II', 2],
    ['HKII', 2],
    ['kỳ II', 2],
    ['HỌC KỲ 1', 1],
    ['Học Kỳ II', 2],
    ['hoc ky 2', 2],
    ['HO\u0323C KY\u0300 1', 1],
    ['đã ký 2 văn bản', null],
    ['kỹ năng sống', null],
    ['Tuần 1 năm học 2026-2027', null],
    ['học kỳ I và học kỳ II', null],
    ['học kỳ III', null],
  ];

  it.each(SEMESTERS)('reads %j', (text, expected) => {
    expect(findSemester(text)).toBe(expected);
  });
});

describe('parseIsoDateTime', () => {
  it('reads meta and <time> dates as local date and time', () => {
    expect(parseIsoDateTime('2021-02-27T17:01:02+07:00')).toEqual({ date: '2021-02-27', time: '17:01' });
    expect(parseIsoDateTime('2019-02-27T17:57:12+0700')).toEqual({ date: '2019-02-27', time: '17:57' });
    expect(parseIsoDateTime('2020-03-29T18:31:00Z')).toEqual({ date: '2020-03-30', time: '01:31' });
    expect(parseIsoDateTime('2021-02-27')).toEqual({ date: '2021-02-27' });
    expect(parseIsoDateTime('2021-02-27T08:00')).toEqual({ date: '2021-02-27', time: '08:00' });
    expect(parseIsoDateTime('2019-02-27+0717:57:12')).toEqual({ date: '2019-02-27' });
    expect(parseIsoDateTime('2021-02-30')).toBeNull();
    expect(parseIsoDateTime('27/02/2021')).toBeNull();
  });
});
