import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { summaryWorkbook } from '../../src/report/summary-workbook.js';
import { writeReports } from '../../src/report/write.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import { allSchools, compliantSchool, failingSchool, results } from './factory.js';
import { fillOf, readWorkbook, sheet, valuedCells } from './read-back.js';

let pack: RulePack;
let wb: ExcelJS.Workbook;
const FIRST_SECTION = 7; // column G

beforeAll(async () => {
  pack = (await loadRulePack()).pack;
  const dir = await mkdtemp(join(tmpdir(), 'pa-summary-'));
  await writeReports(results(pack, allSchools(pack)), { outDir: dir, pack });
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

describe('summary.xlsx at the edges', () => {
  async function roundTrip(book: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await book.xlsx.writeBuffer());
    return back;
  }

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
    const ws = sheet(en, 'Tổng hợp');
    expect(ws.getCell('A1').text).toBe('School id');
    expect(ws.getRow(1).getCell(FIRST_SECTION).text).toBe('I.1 About the school');
  });
});
