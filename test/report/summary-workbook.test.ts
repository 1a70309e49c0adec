import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonFaults, summaryWorkbook } from '../../src/report/summary-workbook.js';
import { writeReports } from '../../src/report/write.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import { allSchools, compliantSchool, failingSchool, hostileSchool, HOSTILE, results, unreachableSchool } from './factory.js';
import type { AuditResults, SchoolResult } from '../../src/types.js';
import { fillOf, readWorkbook, sheet, valuedCells } from './read-back.js';

let pack: RulePack;
let wb: ExcelJS.Workbook;
let audit: AuditResults;
const FIRST_SECTION = 7; // column G

beforeAll(async () => {
  pack = (await loadRulePack()).pack;
  const dir = await mkdtemp(join(tmpdir(), 'pa-summary-'));
  audit = results(pack, allSchools(pack));
  await writeReports(audit, { outDir: dir, pack });
  wb = await readWorkbook(join(dir, 'summary.xlsx'));
});

/** Row of a school in the matrix, by id in column A. */
function schoolRow(ws: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  for (let n = 2; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(1).text === id) return ws.getRow(n);
  throw new Error(`no row for ${id}`);
}

function totalsRow(ws: ExcelJS.Worksheet): ExcelJS.Row {
  for (let n = 2; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(2).text === 'Số trường không đạt') return ws.getRow(n);
  throw new Error('no totals row');
}

const column = (id: string) => FIRST_SECTION + pack.sections.findIndex((s) => s.id === id);

describe('summary.xlsx "Tổng hợp"', () => {
  it('has the school columns, then one column per section in the rule pack\'s order, then the counts', () => {
    const ws = sheet(wb, 'Tổng hợp');
    const header = ws.getRow(1);
    expect([1, 2, 3, 4, 5, 6].map((c) => header.getCell(c).text)).toEqual(['Mã trường', 'Tên trường', 'Cấp học', 'Cổng TTĐT', 'Truy cập được', 'Số trang']);
    const sectionHeaders = pack.sections.map((_, i) => header.getCell(FIRST_SECTION + i).text);
    expect(sectionHeaders.map((h) => h.split(' ')[0])).toEqual(pack.sections.map((s) => s.code));
    expect(sectionHeaders[1]).toBe('I.2 Cơ cấu tổ chức');
    const after = FIRST_SECTION + pack.sections.length;
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => header.getCell(after + i).text)).toEqual([
      '✓ Đạt',
      '✗ Không đạt',
      '! Cần lưu ý',
      '? Cần kiểm tra thủ công',
      '– Không áp dụng',
      'Bắt buộc đạt',
      'Tỉ lệ bắt buộc đạt (%)',
    ]);
  });

  it('shows each school\'s section status as a coloured symbol, and its counts', () => {
    const ws = sheet(wb, 'Tổng hợp');
    const row = schoolRow(ws, 'th-bo-de');
    expect(row.getCell(2).text).toBe('Trường Tiểu học Bồ Đề');
    expect(row.getCell(4).value).toMatchObject({ hyperlink: 'https://thbodethanh.longbien.edu.vn/' });
    expect(row.getCell(5).text).toBe('Có');
    const album = row.getCell(column('album-anh'));
    expect([album.text, fillOf(album)]).toEqual(['✗', 'FFFFC7CE']);
    const intro = row.getCell(column('gioi-thieu'));
    expect([intro.text, fillOf(intro)]).toEqual(['✓', 'FFC6EFCE']);
    expect(row.getCell(column('lich-cong-tac-tuan')).text).toBe('!');
    expect(row.getCell(column('giao-an-dien-tu')).text).toBe('?');
    expect(schoolRow(ws, 'thcs-gia-thuy').getCell(column('thuc-don')).text).toBe('–');
    const after = FIRST_SECTION + pack.sections.length;
    expect([0, 1, 2, 3, 4].map((i) => row.getCell(after + i).value)).toEqual([21, 2, 1, 1, 0]);
    expect(row.getCell(after + 5).text).toBe('17/21');
    expect(row.getCell(after + 6).value).toBe(81);
    expect(schoolRow(ws, 'mn-hoa-sua').getCell(5).text).toBe('Không');
  });

  it('freezes the header row and the first two columns, and filters the school rows', () => {
    const ws = sheet(wb, 'Tổng hợp');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 });
    const lastCol = FIRST_SECTION + pack.sections.length + 6;
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(lastCol).letter}5`);
  });

  it('counts the failing schools per section in a totals row below the filtered rows', () => {
    const ws = sheet(wb, 'Tổng hợp');
    const totals = totalsRow(ws);
    expect(totals.number).toBeGreaterThan(5);
    expect(totals.getCell(column('album-anh')).value).toBe(1);
    expect(totals.getCell(column('video')).value).toBe(1);
    expect(totals.getCell(column('gioi-thieu')).value).toBe(1); // the hostile school
    expect(totals.getCell(column('thoi-khoa-bieu')).value).toBe(0);
    expect(fillOf(totals.getCell(column('album-anh')))).toBe('FFFFC7CE');
  });

  it('lists the unreachable schools with their error', () => {
    const ws = sheet(wb, 'Không truy cập được');
    expect(ws.getRow(1).getCell(5).text).toBe('Lỗi');
    expect(ws.actualRowCount).toBe(2);
    expect(ws.getCell('A2').text).toBe('mn-hoa-sua');
    expect(ws.getCell('E2').text).toBe('connect ECONNREFUSED 127.0.0.1:9');
    expect(ws.autoFilter).toBe('A1:E2');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('uses Times New Roman everywhere and no formulas', () => {
    const cells = valuedCells(wb);
    expect(new Set(cells.map(({ cell }) => cell.font?.name))).toEqual(new Set(['Times New Roman']));
    for (const { cell } of cells) expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
  });
});

async function roundTrip(book: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await book.xlsx.writeBuffer());
  return back;
}

describe('summary.xlsx at the edges', () => {
  it('is correct for a single reachable school', async () => {
    const one = await roundTrip(await summaryWorkbook(results(pack, [compliantSchool(pack)]), pack));
    const ws = sheet(one, 'Tổng hợp');
    expect(ws.getCell('A2').text).toBe('thcs-gia-thuy');
    expect(ws.autoFilter).toMatch(/^A1:[A-Z]+2$/);
    expect(totalsRow(ws).getCell(column('album-anh')).value).toBe(0);
    expect(sheet(one, 'Không truy cập được').getCell('A2').text).toBe('Tất cả các trường đều truy cập được.');
  });

  it('is correct for 500 schools × 25 sections', async () => {
    const base = failingSchool(pack);
    const many = Array.from({ length: 500 }, (_, i) => ({ ...base, id: `truong-${i + 1}`, name: `Trường số ${i + 1}` }));
    const book = await roundTrip(await summaryWorkbook(results(pack, many), pack));
    const ws = sheet(book, 'Tổng hợp');
    expect(ws.getCell('A501').text).toBe('truong-500');
    expect(ws.autoFilter).toMatch(/^A1:[A-Z]+501$/);
    const totals = totalsRow(ws);
    expect(totals.getCell(column('album-anh')).value).toBe(500);
    expect(totals.getCell(column('gioi-thieu')).value).toBe(0);
  });

  it('can use English headers', async () => {
    const en = await roundTrip(await summaryWorkbook(results(pack, [compliantSchool(pack)]), pack, 'en'));
    const ws = sheet(en, 'Summary');
    expect(ws.getCell('A1').text).toBe('School id');
    expect(ws.getRow(1).getCell(FIRST_SECTION).text).toBe('I.1 About the school');
  });
});

describe('the score per school', () => {
  const scoreColumn = () => FIRST_SECTION + pack.sections.length + 6;

  it('is the share of mandatory sections passed, a number 0–100 shown as a percentage', () => {
    const ws = sheet(wb, 'Tổng hợp');
    const score = (id: string) => schoolRow(ws, id).getCell(scoreColumn());
    expect(score('th-bo-de').value).toBe(81); // 17 of 21
    expect(score('th-bo-de').numFmt).toBe('0"%"');
    expect(score('thcs-gia-thuy').value).toBe(100);
    const hostile = audit.schools.find((s) => s.id === 'mn-hostile')!;
    const mandatory = hostile.sections.filter((s) => s.mandatory && s.status !== 'n/a').length;
    expect(score('mn-hostile').value).toBe(Math.round((100 * (mandatory - 1)) / mandatory));
    expect(score('mn-hoa-sua').value).toBe(0); // nothing could be checked, so nothing is met
    expect(schoolRow(ws, 'mn-hoa-sua').getCell(5).text).toBe('Không');
  });

  it('is headed "Score" in English', async () => {
    const en = await roundTrip(await summaryWorkbook(audit, pack, 'en'));
    const ws = sheet(en, 'Summary');
    expect(ws.getRow(1).getCell(scoreColumn()).text).toBe('Score (% mandatory passed)');
    expect(ws.getRow(1).getCell(scoreColumn() - 1).text).toBe('Mandatory passed');
    expect(schoolRow(ws, 'mn-hoa-sua').getCell(5).text).toBe('No');
  });
});

describe('the common faults sheet "Lỗi phổ biến"', () => {
  /** Three copies of the failing school (one with its video fixed), the hostile school and an unreachable one. */
  function district(): SchoolResult[] {
    const base = failingSchool(pack);
    const copy = (id: string, fixVideo = false): SchoolResult => ({
      ...base,
      id,
      sections: base.sections.map((s) => (fixVideo && s.id === 'video' ? { ...s, status: 'pass' as const, findings: [] } : s)),
    });
    return [copy('th-a'), copy('th-b', true), hostileSchool(pack), copy('th-c'), unreachableSchool(pack), compliantSchool(pack)];
  }

  let faults: ExcelJS.Worksheet;
  beforeAll(async () => {
    faults = sheet(await roundTrip(await summaryWorkbook(results(pack, district()), pack)), 'Lỗi phổ biến');
  });

  const rows = () => faults.getRows(2, faults.actualRowCount)!.filter((r) => /^[IVX]+\.\d+$/.test(r.getCell(1).text));

  it('has one row per section × check that failed or warned, sorted by the number of schools, failures first', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => faults.getRow(1).getCell(c).text)).toEqual([
      'Mã',
      'Chuyên mục',
      'Kiểm tra',
      'Mức nặng nhất',
      'Số trường',
      'Số trường không đạt',
      'Số trường cần lưu ý',
      'Mã các trường',
      'Ví dụ (trường đầu tiên)',
    ]);
    const code = (id: string) => pack.sections.find((s) => s.id === id)!.code;
    expect(rows().map((r) => [r.getCell(1).text, r.getCell(3).text, r.getCell(5).value, r.getCell(6).value, r.getCell(7).value])).toEqual([
      [code('album-anh'), 'freshness', 3, 3, 0],
      [code('lich-cong-tac-tuan'), 'freshness', 3, 0, 3],
      [code('video'), 'freshness', 2, 2, 0],
      [code('gioi-thieu'), 'freshness', 1, 1, 0],
    ]);
  });

  it('counts a school once per check at its worst status, lists the school ids and gives one example message', () => {
    const album = rows()[0]!;
    expect(album.getCell(2).text).toBe('Album ảnh');
    expect([album.getCell(4).text, fillOf(album.getCell(4))]).toEqual(['✗ Không đạt', 'FFFFC7CE']);
    expect(album.getCell(8).text).toBe('th-a, th-b, th-c');
    expect(album.getCell(9).text).toBe('Album ảnh mới nhất ngày 20/08/2026, quá 1 tháng.');
    const week = rows()[1]!;
    expect([week.getCell(4).text, fillOf(week.getCell(4))]).toEqual(['! Cần lưu ý', 'FFFFEB9C']);
    expect(rows()[2]!.getCell(8).text).toBe('th-a, th-c');
  });

  it('quotes a hostile example as text, never as a formula', () => {
    const intro = rows()[3]!;
    expect(intro.getCell(8).text).toBe('mn-hostile');
    expect(intro.getCell(9).text).toBe(`'${HOSTILE[0]!.replace('\u0007', '')}`);
    expect(intro.getCell(9).type).toBe(ExcelJS.ValueType.String);
  });

  it('leaves out unreachable schools and says so', () => {
    const ids = rows().flatMap((r) => r.getCell(8).text.split(', '));
    expect(ids).not.toContain('mn-hoa-sua');
    const note = faults.getRows(2, faults.rowCount)!.find((r) => r.getCell(1).text.includes('không truy cập được'));
    expect(note?.getCell(1).text).toBe('1 trường không truy cập được, không tính ở đây (xem trang "Không truy cập được").');
  });

  it('is a filterable list with a frozen header', () => {
    expect(faults.autoFilter).toBe('A1:I5');
    expect(faults.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('is in the default summary too, where each fault concerns one school', () => {
    const ws = sheet(wb, 'Lỗi phổ biến');
    expect(ws.getCell('A2').text).not.toBe('');
    expect(commonFaults(audit, pack).map((f) => [f.sectionId, f.schools])).toEqual([
      ['gioi-thieu', ['mn-hostile']],
      ['album-anh', ['th-bo-de']],
      ['video', ['th-bo-de']],
      ['lich-cong-tac-tuan', ['th-bo-de']],
    ]);
  });

  it('says when nothing failed', async () => {
    const one = await roundTrip(await summaryWorkbook(results(pack, [compliantSchool(pack)]), pack));
    expect(sheet(one, 'Lỗi phổ biến').getCell('A2').text).toBe('Không có lỗi hay cảnh báo nào.');
  });

  it('is named "Common faults" with English headers, titles and messages under lang: en', async () => {
    const en = await roundTrip(await summaryWorkbook(results(pack, district()), pack, 'en'));
    expect(en.worksheets.map((w) => w.name)).toEqual(['Summary', 'Unreachable', 'Common faults']);
    const ws = sheet(en, 'Common faults');
    expect([1, 4, 5, 8, 9].map((c) => ws.getRow(1).getCell(c).text)).toEqual(['Code', 'Worst result', 'Schools', 'School ids', 'Example (first school)']);
    const album = ws.getRow(2);
    expect(album.getCell(2).text).toBe(pack.sections.find((s) => s.id === 'album-anh')!.label.en);
    expect(album.getCell(4).text).toBe('✗ Fail');
    expect(album.getCell(9).text).toBe('Newest album 20/08/2026 is older than one month.');
    expect(sheet(en, 'Unreachable').getRow(1).getCell(5).text).toBe('Error');
  });
});
