import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { schoolWorkbook } from '../../src/report/school-workbook.js';
import { writeReports } from '../../src/report/write.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import type { AuditResults } from '../../src/types.js';
import { allSchools, HOSTILE, results } from './factory.js';
import { fillOf, findCell, readWorkbook, sheet, valuedCells } from './read-back.js';

let pack: RulePack;
let audit: AuditResults;
let dir: string;
const books = new Map<string, ExcelJS.Workbook>();

beforeAll(async () => {
  pack = (await loadRulePack()).pack;
  audit = results(pack, allSchools(pack));
  dir = await mkdtemp(join(tmpdir(), 'pa-report-'));
  await writeReports(audit, { outDir: dir, pack });
  for (const s of audit.schools) books.set(s.id, await readWorkbook(join(dir, `${s.id}.xlsx`)));
});

const report = (id: string) => sheet(books.get(id)!, 'Báo cáo');

/** Row number of the table's header (the cell "TT" in column A). */
function headerRow(ws: ExcelJS.Worksheet): number {
  const cell = findCell(ws, 'TT');
  if (!cell) throw new Error('no table header');
  return Number(cell.row);
}

/** The table rows from the first group row to the last section row: [column A, column B, row]. */
function tableRows(ws: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  for (let n = headerRow(ws) + 2; ; n++) {
    const row = ws.getRow(n);
    if (!row.getCell(2).text) break;
    rows.push(row);
  }
  return rows;
}

function sectionRow(ws: ExcelJS.Worksheet, sectionId: string): ExcelJS.Row {
  const label = pack.sections.find((s) => s.id === sectionId)!.label.vi;
  const row = tableRows(ws).find((r) => r.getCell(2).text === label);
  if (!row) throw new Error(`no row for ${sectionId}`);
  return row;
}

describe('the school report sheet "Báo cáo"', () => {
  it('puts the national heading in merged cells: the school under its office on the left, the republic on the right', () => {
    const ws = report('thcs-gia-thuy');
    expect(ws.getCell('A1').text).toBe('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN LONG BIÊN\nTRƯỜNG THCS GIA THỤY');
    const runs = (ws.getCell('A1').value as ExcelJS.CellRichTextValue).richText;
    expect(runs.map((r) => !!r.font?.bold)).toEqual([false, true]);
    expect(ws.getCell('E1').master.address).toBe('A1');
    expect(ws.getCell('G1').text).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('L1').master.address).toBe('G1');
    expect(ws.getCell('G2').text).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(ws.getCell('L2').master.address).toBe('G2');
    expect(ws.getCell('G1').font.bold).toBe(true);
  });

  it('writes the place and the date of the audit instant the Vietnamese way', () => {
    expect(report('thcs-gia-thuy').getCell('G3').text).toBe('Long Biên, ngày 30 tháng 10 năm 2026');
  });

  it('has the title, the reference to letter 289 and the recipients after "Kính gửi:"', () => {
    const ws = report('thcs-gia-thuy');
    const title = findCell(ws, pack.document.reportTitle)!;
    expect(title.font.bold).toBe(true);
    expect(ws.getCell(Number(title.row), 12).master.address).toBe(title.address);
    expect(findCell(ws, '(Thực hiện Công văn số 289/VP-CNTT ngày 09/10/2017 của Văn phòng HĐND & UBND quận Long Biên)')).toBeDefined();
    const kg = findCell(ws, 'Kính gửi:')!;
    const first = ws.getCell(Number(kg.row), 5).text;
    const second = ws.getCell(Number(kg.row) + 1, 5).text;
    expect(first).toBe('– Văn phòng HĐND & UBND quận Long Biên;');
    expect(second).toBe('– Phòng Giáo dục & Đào tạo quận Long Biên.');
  });

  it('names the school, links its portal and gives level, audit time and pages crawled', () => {
    const ws = report('th-bo-de');
    const at = (label: string) => ws.getCell(Number(findCell(ws, label)!.row), 4);
    expect(at('Tên trường:').text).toBe('Trường Tiểu học Bồ Đề');
    expect(at('Địa chỉ Cổng TTĐT:').value).toEqual({ text: 'https://thbodethanh.longbien.edu.vn/', hyperlink: 'https://thbodethanh.longbien.edu.vn/' });
    expect(at('Cấp học:').text).toBe('TH (có bán trú)');
    expect(at('Thời điểm rà soát:').text).toBe('17:00 ngày 30/10/2026 (giờ Hà Nội)');
    expect(at('Số trang đã rà soát:').value).toBe(40);
  });

  it('has the letter\'s columns and the result columns, with a row of column numbers', () => {
    const ws = report('thcs-gia-thuy');
    const h = headerRow(ws);
    const headers = Array.from({ length: 12 }, (_, i) => ws.getCell(h, i + 1).text);
    expect(headers).toEqual([
      'TT',
      'Chuyên đề, chuyên mục',
      'Cách thức hiển thị',
      'Bắt buộc (x)',
      'Yêu cầu về nội dung',
      'Yêu cầu khác (tần suất, thời gian cập nhật)',
      'Kết quả',
      'Tồn tại, bất cập',
      'Cập nhật gần nhất',
      'Đường dẫn',
      'Biện pháp khắc phục',
      'Thời hạn',
    ]);
    expect(ws.getCell(h + 1, 12).text).toBe('(12)');
  });

  it('lists group rows I–VIII in bold, each followed by its sections in the letter\'s order', () => {
    const rows = tableRows(report('thcs-gia-thuy'));
    const expected: [string, string][] = [];
    for (const g of pack.groups) {
      expected.push([g.code, g.label.vi]);
      for (const s of pack.sections.filter((x) => x.group === g.code)) expected.push([s.code.split('.')[1] === '0' ? '' : s.code.split('.')[1]!, s.label.vi]);
    }
    expect(rows.map((r) => [r.getCell(1).text, r.getCell(2).text])).toEqual(expected);
    expect(rows.length).toBe(8 + 25);
    const groupRows = rows.filter((r) => pack.groups.some((g) => g.code === r.getCell(1).text));
    expect(groupRows.map((r) => r.getCell(1).text)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
    for (const r of groupRows) expect(r.getCell(2).font.bold).toBe(true);
  });

  it('copies the letter\'s requirements and marks mandatory sections with x for this school', () => {
    const ws = report('thcs-gia-thuy');
    const intro = sectionRow(ws, 'gioi-thieu');
    const introRule = pack.sections[0]!;
    expect(intro.getCell(3).text).toBe(introRule.display.vi);
    expect(intro.getCell(4).text).toBe('x');
    expect(intro.getCell(5).text).toBe(introRule.content.vi);
    expect(intro.getCell(6).text).toBe(introRule.other!.vi);
    // The menu is mandatory for kindergartens and boarding schools only.
    expect(sectionRow(ws, 'thuc-don').getCell(4).text).toBe('');
    expect(sectionRow(report('th-bo-de'), 'thuc-don').getCell(4).text).toBe('x');
    expect(sectionRow(ws, 'nhac').getCell(4).text).toBe('');
  });

  it('colours the result per status and fills the issue, date, link, remedy and deadline of a failing section', () => {
    const ws = report('th-bo-de');
    const album = sectionRow(ws, 'album-anh');
    expect(album.getCell(7).text).toBe('Không đạt');
    expect(fillOf(album.getCell(7))).toBe('FFFFC7CE');
    expect(album.getCell(8).text).toBe('• Album ảnh mới nhất ngày 20/08/2026, quá 1 tháng.\n• Chỉ có 1 album có ảnh.');
    expect(album.getCell(9).text).toBe('20/08/2026');
    expect(album.getCell(10).value).toEqual({ text: 'https://thbodethanh.longbien.edu.vn/album-anh', hyperlink: 'https://thbodethanh.longbien.edu.vn/album-anh' });
    expect(album.getCell(11).text).toBe(pack.sections.find((s) => s.id === 'album-anh')!.remediation.vi);
    expect(album.getCell(12).text).toBe('06/11/2026');
    expect(album.height).toBeGreaterThan(30);

    const pass = sectionRow(ws, 'gioi-thieu').getCell(7);
    expect([pass.text, fillOf(pass)]).toEqual(['Đạt', 'FFC6EFCE']);
    const warn = sectionRow(ws, 'lich-cong-tac-tuan');
    expect([warn.getCell(7).text, fillOf(warn.getCell(7))]).toEqual(['Cần lưu ý', 'FFFFEB9C']);
    expect(warn.getCell(8).text).toContain('Ghi chú: Hạn đăng lịch tuần sau còn 5 giờ.');
    const unknown = sectionRow(ws, 'giao-an-dien-tu').getCell(7);
    expect([unknown.text, fillOf(unknown)]).toEqual(['Cần kiểm tra thủ công', 'FFDDEBF7']);
    const na = sectionRow(report('thcs-gia-thuy'), 'thuc-don').getCell(7);
    expect([na.text, fillOf(na)]).toEqual(['Không áp dụng', 'FFEDEDED']);
  });

  it('ends with the summary line over mandatory sections and the signature block', () => {
    const ws = report('th-bo-de');
    const summary = findCell(ws, /^Tổng hợp: /)!;
    expect(summary.text).toBe('Tổng hợp: Đạt 17/21 chuyên mục bắt buộc; không đạt 2; cần lưu ý 1; cần kiểm tra thủ công 1.');
    expect(Number(summary.row)).toBeGreaterThan(headerRow(ws) + 33);
    const maker = findCell(ws, 'NGƯỜI LẬP BIỂU')!;
    const head = findCell(ws, 'HIỆU TRƯỞNG')!;
    expect(maker.row).toBe(head.row);
    expect(Number(maker.row)).toBeGreaterThan(Number(summary.row));
    expect(Number(maker.col)).toBeLessThan(Number(head.col));
    expect(ws.getCell(Number(maker.row) + 1, Number(maker.col)).text).toBe('(Ký, ghi rõ họ tên)');
    expect(ws.getCell(Number(head.row) + 1, Number(head.col)).text).toBe('(Ký tên, đóng dấu)');
    expect(maker.font.bold && head.font.bold).toBe(true);
  });

  it('prints on A4 landscape, one page wide, repeating the table header on every page', () => {
    const ws = report('th-bo-de');
    const h = headerRow(ws);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.printTitlesRow).toBe(`${h}:${h + 1}`);
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.4, right: 0.4, top: 0.5, bottom: 0.6 });
  });

  it('sets column widths and a height on every wrapped table row (LibreOffice does not grow rows)', () => {
    const ws = report('th-bo-de');
    expect(ws.columns.map((c) => c.width)).toEqual([5, 22, 11, 8, 28, 20, 11, 32, 11, 20, 24, 11]);
    for (const row of tableRows(ws)) expect(row.height).toBeGreaterThanOrEqual(18);
    expect(sectionRow(ws, 'gioi-thieu').getCell(5).alignment.wrapText).toBe(true);
  });

  it('uses Times New Roman on every cell of every sheet', () => {
    for (const wb of books.values()) {
      const fonts = new Set(valuedCells(wb).map(({ cell }) => cell.font?.name));
      expect([...fonts]).toEqual(['Times New Roman']);
    }
  });
});

describe('the findings sheet "Phát hiện"', () => {
  it('has one row per finding with code, section, check, status, both messages, evidence and dates', () => {
    const ws = sheet(books.get('th-bo-de')!, 'Phát hiện');
    const school = audit.schools.find((s) => s.id === 'th-bo-de')!;
    const count = school.sections.reduce((n, s) => n + s.findings.length, 0);
    expect(ws.actualRowCount).toBe(count + 1);
    expect(ws.getRow(1).getCell(5).text).toBe('Nội dung');
    const row = ws.getRows(2, count)!.find((r) => r.getCell(5).text.startsWith('Album ảnh mới nhất'))!;
    expect(row.getCell(1).text).toBe('III.3');
    expect(row.getCell(2).text).toBe('Album ảnh');
    expect(row.getCell(3).text).toBe('freshness');
    expect(row.getCell(4).text).toBe('Không đạt');
    expect(fillOf(row.getCell(4))).toBe('FFFFC7CE');
    expect(row.getCell(6).text).toBe('Newest album 20/08/2026 is older than one month.');
    expect(row.getCell(7).value).toMatchObject({ hyperlink: 'https://thbodethanh.longbien.edu.vn/album-anh' });
    expect(row.getCell(8).text).toBe('https://thbodethanh.longbien.edu.vn/album-anh');
    expect(row.getCell(9).text).toBe('20/08/2026');
  });

  it('has an autofilter and a frozen header row', () => {
    const ws = sheet(books.get('th-bo-de')!, 'Phát hiện');
    expect(ws.autoFilter).toMatch(/^A1:I\d+$/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('the pages sheet "Trang"', () => {
  it('lists every crawled page with its link, title, HTTP status and sections with score and reasons', () => {
    const ws = sheet(books.get('thcs-gia-thuy')!, 'Trang');
    expect(ws.actualRowCount).toBe(3);
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toMatchObject({ hyperlink: 'https://thcsgiathuy.longbien.edu.vn/gioi-thieu/c/1' });
    expect(row.getCell(2).text).toBe('Giới thiệu chung');
    expect(row.getCell(3).value).toBe(200);
    expect(row.getCell(4).text).toBe('I.1');
    expect(row.getCell(5).text).toBe('I.1 Giới thiệu nhà trường (điểm 9): menu label "Giới thiệu"; URL slug "/gioi-thieu"');
    expect(ws.autoFilter).toBe('A1:F3');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('the screenshots sheet "Ảnh chụp"', () => {
  // A 1×1 JPEG: enough for exceljs to embed it.
  const JPEG = Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
    'base64',
  );

  it('lists the home page and each section\'s picture with a relative link, embeds the home page, and never links elsewhere', async () => {
    const school = structuredClone(audit.schools.find((s) => s.id === 'thcs-gia-thuy')!);
    const takenAt = '2026-10-30T08:05:00.000Z';
    school.screenshot = { file: 'screenshots/thcs-gia-thuy/home.jpg', takenAt, width: 1366 };
    school.sections[0]!.screenshot = { file: 'screenshots/thcs-gia-thuy/I.1-gioi-thieu.jpg', takenAt, width: 1366 };
    school.sections[1]!.screenshot = { file: 'javascript:alert(1)//.jpg', takenAt, width: 1366 };
    school.pages[0] = { ...school.pages[0]!, rendered: true, note: 'app root #app: timed out' };
    const out = await mkdtemp(join(tmpdir(), 'pa-shots-'));
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(out, 'screenshots', 'thcs-gia-thuy'), { recursive: true });
    await writeFile(join(out, 'screenshots', 'thcs-gia-thuy', 'home.jpg'), JPEG);
    await writeReports({ ...audit, schools: [school] }, { outDir: out, pack });
    const wb = await readWorkbook(join(out, 'thcs-gia-thuy.xlsx'));
    const ws = sheet(wb, 'Ảnh chụp');
    expect(ws.getRow(2).getCell(2).text).toBe('Trang chủ');
    expect(ws.getRow(2).getCell(5).text).toBe('15:05 30/10/2026');
    expect(ws.getRow(2).getCell(6).value).toMatchObject({ hyperlink: 'screenshots/thcs-gia-thuy/home.jpg' });
    expect(ws.getRow(3).getCell(1).text).toBe('I.1');
    expect(ws.getRow(3).getCell(6).value).toMatchObject({ hyperlink: 'screenshots/thcs-gia-thuy/I.1-gioi-thieu.jpg' });
    expect(ws.getRow(4).getCell(6).value).toBe('javascript:alert(1)//.jpg'); // shown, not linked
    expect(ws.getImages()).toHaveLength(1);
    const pages = sheet(wb, 'Trang');
    expect(pages.getRow(2).getCell(6).text).toBe('Dựng bằng trình duyệt / rendered\napp root #app: timed out');
  });

  it('is left out when the audit took no screenshots', () => {
    expect(books.get('thcs-gia-thuy')!.getWorksheet('Ảnh chụp')).toBeUndefined();
  });
});

describe('an unreachable school', () => {
  it('says so prominently with the error, and the table still lists every section', () => {
    const ws = report('mn-hoa-sua');
    const banner = findCell(ws, /^KHÔNG TRUY CẬP ĐƯỢC CỔNG THÔNG TIN ĐIỆN TỬ/)!;
    expect(banner.text).toContain('connect ECONNREFUSED 127.0.0.1:9');
    expect(banner.font.bold).toBe(true);
    expect(fillOf(banner)).toBe('FFFFC7CE');
    expect(Number(banner.row)).toBeLessThan(headerRow(ws));
    const sections = tableRows(ws).filter((r) => !pack.groups.some((g) => g.code === r.getCell(1).text));
    expect(sections.length).toBe(25);
    expect(new Set(sections.map((r) => r.getCell(7).text))).toEqual(new Set(['Cần kiểm tra thủ công']));
  });
});

describe('a hostile school whose pages hold formulas and control characters', () => {
  it('never stores a formula and neutralises formula-like text with an apostrophe', () => {
    const wb = books.get('mn-hostile')!;
    const cells = valuedCells(wb);
    for (const { cell } of cells) {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell.text).not.toMatch(/^[=+\-@\t\r]/);
      expect(cell.text).not.toContain('\u0007');
    }
    const texts = cells.map(({ cell }) => cell.text);
    expect(texts).toContain(`'=HYPERLINK("http://x")`);
    expect(texts).toContain("'@SUM(A1)");
    expect(texts).toContain("'+1 cộng");
    const ws = report('mn-hostile');
    expect(sectionRow(ws, 'gioi-thieu').getCell(8).text).toBe(HOSTILE.map((h) => `• ${h.replace('\u0007', '')}`).join('\n'));
    expect(sectionRow(ws, 'gioi-thieu').getCell(11).text).toBe("'=1+1");
  });

  it('links only http(s) URLs', () => {
    const ws = report('mn-hostile');
    expect(sectionRow(ws, 'gioi-thieu').getCell(10).value).toBe('javascript:alert(1)');
    const pages = sheet(books.get('mn-hostile')!, 'Trang');
    expect(pages.getCell('A2').value).toBe('file:///etc/passwd');
    expect(pages.getCell('A3').type).toBe(ExcelJS.ValueType.Hyperlink);
    expect(pages.getCell('B2').text).toBe(`'=HYPERLINK("http://x")`);
    const findings = sheet(books.get('mn-hostile')!, 'Phát hiện');
    const row = findings.getRows(2, findings.actualRowCount - 1)!.find((r) => r.getCell(5).text.startsWith(`'=`))!;
    expect(row.getCell(7).type).toBe(ExcelJS.ValueType.String);
  });

  it('keeps markup in the school name as text', () => {
    expect(report('mn-hostile').getCell('A1').text).toMatch(/\nTRƯỜNG MẦM NON <HOA> & "SEN"$/);
  });
});

describe('the school report in English (lang: en)', () => {
  const en = new Map<string, ExcelJS.Workbook>();

  beforeAll(async () => {
    for (const s of audit.schools) {
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(await (await schoolWorkbook(s, audit, pack, undefined, 'en')).xlsx.writeBuffer());
      en.set(s.id, back);
    }
  });

  const enReport = (id: string) => sheet(en.get(id)!, 'Report');
  function enSectionRow(ws: ExcelJS.Worksheet, sectionId: string): ExcelJS.Row {
    const h = Number(findCell(ws, 'No.')!.row);
    const label = pack.sections.find((s) => s.id === sectionId)!.label.en;
    for (let n = h + 2; ws.getRow(n).getCell(2).text; n++) if (ws.getRow(n).getCell(2).text === label) return ws.getRow(n);
    throw new Error(`no row for ${sectionId}`);
  }

  it('names the sheets in English', () => {
    expect(en.get('th-bo-de')!.worksheets.map((w) => w.name)).toEqual(['Report', 'Findings', 'Pages']);
  });

  it('keeps the national heading and the place and date line in Vietnamese: they are the form', () => {
    const ws = enReport('thcs-gia-thuy');
    expect(ws.getCell('A1').text).toBe('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN LONG BIÊN\nTRƯỜNG THCS GIA THỤY');
    expect(ws.getCell('G1').text).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('G2').text).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(ws.getCell('G3').text).toBe('Long Biên, ngày 30 tháng 10 năm 2026');
    expect(ws.getCell('L1').master.address).toBe('G1');
  });

  it('writes the title, the reference to the letter, the recipients and the school\'s details with English labels', () => {
    const ws = enReport('th-bo-de');
    expect(findCell(ws, 'REPORT: SCHOOL PORTAL REVIEW UNDER LETTER 289/VP-CNTT (LONG BIÊN, 2017)')!.font.bold).toBe(true);
    expect(findCell(ws, '(Under letter No. 289/VP-CNTT of 09/10/2017 from Văn phòng HĐND & UBND quận Long Biên)')).toBeDefined();
    const to = findCell(ws, 'To:')!;
    expect(ws.getCell(Number(to.row), 5).text).toBe('– Văn phòng HĐND & UBND quận Long Biên;');
    const at = (label: string) => ws.getCell(Number(findCell(ws, label)!.row), 4);
    expect(at('School:').text).toBe('Trường Tiểu học Bồ Đề');
    expect(at('Portal address:').value).toMatchObject({ hyperlink: 'https://thbodethanh.longbien.edu.vn/' });
    expect(at('Level:').text).toBe('TH (boarding)');
    expect(at('Audit time:').text).toBe('17:00 on 30/10/2026 (Hà Nội time)');
    expect(at('Pages reviewed:').value).toBe(40);
  });

  it('has English column headers with the same widths and column numbers as the Vietnamese table', () => {
    const ws = enReport('th-bo-de');
    const h = Number(findCell(ws, 'No.')!.row);
    expect(Array.from({ length: 12 }, (_, i) => ws.getCell(h, i + 1).text)).toEqual([
      'No.',
      'Topic, section',
      'Display',
      'Mandatory (x)',
      'Content requirements',
      'Other requirements (frequency, update time)',
      'Result',
      'Issues found',
      'Last updated',
      'Link',
      'Remedy',
      'Fix by',
    ]);
    expect(ws.getCell(h + 1, 12).text).toBe('(12)');
    expect(ws.columns.map((c) => c.width)).toEqual([5, 22, 11, 8, 28, 20, 11, 32, 11, 20, 24, 11]);
    expect(ws.pageSetup.printTitlesRow).toBe(`${h}:${h + 1}`);
    expect(ws.headerFooter.oddFooter).toContain('Page &P of &N');
  });

  it('uses the English group and section titles, requirements, statuses, messages, notes and remedies', () => {
    const ws = enReport('th-bo-de');
    const h = Number(findCell(ws, 'No.')!.row);
    expect(ws.getCell(h + 2, 2).text).toBe(pack.groups[0]!.label.en);
    expect(ws.getCell(h + 2, 2).font.bold).toBe(true);
    const intro = enSectionRow(ws, 'gioi-thieu');
    const introRule = pack.sections[0]!;
    expect([intro.getCell(3).text, intro.getCell(5).text, intro.getCell(6).text]).toEqual([introRule.display.en, introRule.content.en, introRule.other!.en]);
    expect([intro.getCell(7).text, fillOf(intro.getCell(7))]).toEqual(['Pass', 'FFC6EFCE']);
    const album = enSectionRow(ws, 'album-anh');
    expect([album.getCell(7).text, fillOf(album.getCell(7))]).toEqual(['Fail', 'FFFFC7CE']);
    expect(album.getCell(8).text).toBe('• Newest album 20/08/2026 is older than one month.\n• Only one album has photos.');
    expect(album.getCell(11).text).toBe(pack.sections.find((s) => s.id === 'album-anh')!.remediation.en);
    expect(album.getCell(12).text).toBe('06/11/2026');
    const warn = enSectionRow(ws, 'lich-cong-tac-tuan');
    expect(warn.getCell(7).text).toBe('Warning');
    expect(warn.getCell(8).text).toContain('Note: Next week is due in 5 hours.');
    expect(enSectionRow(ws, 'giao-an-dien-tu').getCell(7).text).toBe('Check by hand');
    expect(enSectionRow(enReport('thcs-gia-thuy'), 'thuc-don').getCell(7).text).toBe('Not applicable');
  });

  it('ends with the English summary line and signature block', () => {
    const ws = enReport('th-bo-de');
    expect(findCell(ws, /^Summary: /)!.text).toBe('Summary: Passed 17/21 mandatory sections; failed 2; warnings 1; to check by hand 1.');
    const maker = findCell(ws, 'PREPARED BY')!;
    const head = findCell(ws, 'PRINCIPAL')!;
    expect(maker.row).toBe(head.row);
    expect(ws.getCell(Number(maker.row) + 1, Number(maker.col)).text).toBe('(Signature and full name)');
    expect(ws.getCell(Number(head.row) + 1, Number(head.col)).text).toBe('(Signature and seal)');
  });

  it('writes no Vietnamese of its own on the report sheet besides the form\'s heading and the pack\'s names', () => {
    const ws = enReport('th-bo-de');
    const allowed = new Set([
      'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN LONG BIÊN\nTRƯỜNG TIỂU HỌC BỒ ĐỀ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Long Biên, ngày 30 tháng 10 năm 2026',
      'Số:        /BC',
      '– Văn phòng HĐND & UBND quận Long Biên;',
      '– Phòng Giáo dục & Đào tạo quận Long Biên.',
      'Trường Tiểu học Bồ Đề',
    ]);
    const viTexts = new Set<string>();
    report('th-bo-de').eachRow((row) => row.eachCell((c) => void viTexts.add(c.text)));
    const shared: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.type !== ExcelJS.ValueType.Merge && viTexts.has(c.text) && /[À-ỹ]/u.test(c.text) && !allowed.has(c.text)) shared.push(c.text);
      }),
    );
    expect(shared).toEqual([]);
  });

  it('puts the English message first on the findings sheet and the Vietnamese one beside it', () => {
    const ws = sheet(en.get('th-bo-de')!, 'Findings');
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(1).getCell(c).text)).toEqual(['Code', 'Section', 'Check', 'Result', 'Message', 'Nội dung (Vietnamese)']);
    const row = ws.getRows(2, ws.actualRowCount - 1)!.find((r) => r.getCell(5).text.startsWith('Newest album'))!;
    expect(row.getCell(2).text).toBe('Photo albums');
    expect(row.getCell(4).text).toBe('Fail');
    expect(row.getCell(6).text).toBe('Album ảnh mới nhất ngày 20/08/2026, quá 1 tháng.');
  });

  it('explains the pages\' sections in English', () => {
    const ws = sheet(en.get('thcs-gia-thuy')!, 'Pages');
    expect(ws.getRow(1).getCell(1).text).toBe('Page address (URL)');
    expect(ws.getRow(2).getCell(5).text).toBe(`I.1 ${pack.sections[0]!.label.en} (score 9): menu label "Giới thiệu"; URL slug "/gioi-thieu"`);
  });

  it('tells in English that an unreachable portal must be checked by hand', () => {
    const ws = enReport('mn-hoa-sua');
    const banner = findCell(ws, /^THE PORTAL COULD NOT BE REACHED: /)!;
    expect(banner.text).toBe('THE PORTAL COULD NOT BE REACHED: connect ECONNREFUSED 127.0.0.1:9\nThe sections below could not be reviewed automatically: check every section by hand.');
    expect(fillOf(banner)).toBe('FFFFC7CE');
  });

  it('names the screenshots sheet and the home page in English', async () => {
    const school = structuredClone(audit.schools.find((s) => s.id === 'thcs-gia-thuy')!);
    school.screenshot = { file: 'screenshots/thcs-gia-thuy/home.jpg', takenAt: '2026-10-30T08:05:00.000Z', width: 1366 };
    school.sections[0]!.screenshot = { file: 'screenshots/thcs-gia-thuy/I.1.jpg', takenAt: '2026-10-30T08:05:00.000Z', width: 1366 };
    const wb = await schoolWorkbook(school, audit, pack, undefined, 'en');
    const ws = sheet(wb, 'Screenshots');
    expect(ws.getRow(1).getCell(6).text).toBe('Screenshot');
    expect(ws.getRow(2).getCell(2).text).toBe('Home page');
    expect([ws.getRow(3).getCell(2).text, ws.getRow(3).getCell(3).text]).toEqual([pack.sections[0]!.label.en, 'Pass']);
  });

  it('still neutralises formulas from pages', () => {
    const texts = valuedCells(en.get('mn-hostile')!).map(({ cell }) => cell.text);
    for (const t of texts) expect(t).not.toMatch(/^[=+\-@\t\r]/);
    expect(texts).toContain(`'=HYPERLINK("http://x") </failure><x a="1"> ]]> &amp;`);
  });
});
