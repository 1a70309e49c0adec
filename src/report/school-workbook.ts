/**
 * `<school-id>.xlsx`: the school's official report, ready to print, sign and send back (letter 289's
 * "báo cáo kết quả khắc phục"). Sheet 1 reproduces the letter's attached table with the audit's result
 * columns; sheet 2 lists every finding with its evidence; sheet 3 every crawled page and why it was
 * assigned to a section. Always in Vietnamese: it is an administrative document.
 */
import ExcelJS from 'exceljs';
import { localDate, localTime, parseInstant } from '../calendar/time.js';
import type { RulePack, RuleSection } from '../rules/schema.js';
import type { AuditResults, SchoolResult, ScreenshotFact, SectionResult } from '../types.js';
import { FONT_NAME, THIN_BORDER, applyFontEverywhere, putFileLink, putLink, putNumber, putText, safeText, wrappedHeight } from './cells.js';
import { STATUS_COLOURS, STATUS_LABELS, mandatoryTally, tallyLine, viDate } from './labels.js';
import { HEADER_FILL, addAutoFilter, addListSheet, finishListRow, printA4Landscape, type ListColumn } from './sheet-layout.js';

export const REPORT_SHEET = 'Báo cáo';
export const FINDINGS_SHEET = 'Phát hiện';
export const PAGES_SHEET = 'Trang';
export const SCREENSHOTS_SHEET = 'Ảnh chụp';

/** The report table: the letter's six columns, then the audit's six. Widths in Excel character units. */
export const REPORT_COLUMNS: ListColumn[] = [
  { header: 'TT', width: 5, centre: true },
  { header: 'Chuyên đề, chuyên mục', width: 22 },
  { header: 'Cách thức hiển thị', width: 11 },
  { header: 'Bắt buộc (x)', width: 8, centre: true },
  { header: 'Yêu cầu về nội dung', width: 28 },
  { header: 'Yêu cầu khác (tần suất, thời gian cập nhật)', width: 20 },
  { header: 'Kết quả', width: 11, centre: true },
  { header: 'Tồn tại, bất cập', width: 32 },
  { header: 'Cập nhật gần nhất', width: 11, centre: true },
  { header: 'Đường dẫn', width: 20 },
  { header: 'Biện pháp khắc phục', width: 24 },
  { header: 'Thời hạn', width: 11, centre: true },
];
const LAST_COL = REPORT_COLUMNS.length;

/** The audit instant as Hà Nội date and time; null when `asOf` cannot be read. */
function auditMoment(asOf: string): { date: string; time: string } | null {
  try {
    const d = parseInstant(asOf);
    return { date: localDate(d), time: localTime(d) };
  } catch {
    return null;
  }
}

/** "Long Biên, ngày 09 tháng 10 năm 2017": day < 10 and month < 3 written with a leading zero (Nghị định 30/2020). */
export function placeAndDate(place: string, isoDate: string | null): string {
  if (!isoDate) return `${place}, ngày … tháng … năm …`;
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 ? `0${m}` : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

/** "(Thực hiện Công văn số 289/VP-CNTT ngày 09/10/2017 của Văn phòng HĐND & UBND quận Long Biên)" */
export function referenceLine(pack: RulePack): string {
  const d = pack.document;
  return `(Thực hiện Công văn số ${d.number} ngày ${viDate(d.date)} của ${d.issuer})`;
}

/** TT column: the number after the dot of the code; blank for ".0" rows, as the letter leaves them. */
function ordinal(code: string): string {
  const after = code.includes('.') ? code.slice(code.lastIndexOf('.') + 1) : code;
  return after === '0' ? '' : after;
}

function mergeText(ws: ExcelJS.Worksheet, row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font>, horizontal: 'left' | 'center' | 'right' = 'center'): ExcelJS.Cell {
  ws.mergeCells(row, from, row, to);
  const cell = putText(ws.getCell(row, from), text, font);
  cell.alignment = { horizontal, vertical: 'middle', wrapText: true };
  return cell;
}

/** The issues of a section for "Tồn tại, bất cập": its non-pass findings, then its notes. */
function issuesText(s: SectionResult): string {
  const lines = s.findings.filter((f) => f.status !== 'pass').map((f) => f.message.vi);
  const notes = s.notes.map((n) => `Ghi chú: ${n.vi}`);
  const all = [...lines, ...notes];
  return all.length > 1 ? all.map((l) => `• ${l}`).join('\n') : (all[0] ?? '');
}

/** Rows of the table: each group of the pack followed by its sections, then sections the pack does not know. */
function tableRows(pack: RulePack, school: SchoolResult): ({ group: RulePack['groups'][number] } | { section: RuleSection | null; result: SectionResult | undefined; code: string })[] {
  const byId = new Map(school.sections.map((s) => [s.id, s]));
  const rows: ReturnType<typeof tableRows> = [];
  for (const group of pack.groups) {
    rows.push({ group });
    for (const section of pack.sections.filter((s) => s.group === group.code)) {
      rows.push({ section, result: byId.get(section.id), code: section.code });
      byId.delete(section.id);
    }
  }
  for (const result of byId.values()) rows.push({ section: null, result, code: result.code });
  return rows;
}

function reportSheet(wb: ExcelJS.Workbook, school: SchoolResult, results: AuditResults, pack: RulePack): void {
  const ws = wb.addWorksheet(REPORT_SHEET, { views: [{ showGridLines: false }] });
  ws.columns = REPORT_COLUMNS.map((c) => ({ width: c.width }));
  const moment = auditMoment(results.asOf);
  const doc = pack.document;
  const LEFT_END = 5; // national heading: school on A–E, the republic on G–L
  const RIGHT_START = 7;

  // National heading (the school is the issuing body of its report, under its governing office).
  const unit = mergeText(ws, 1, 1, LEFT_END, school.name.toLocaleUpperCase('vi'), { bold: true, size: 12 });
  if (doc.schoolAuthority) {
    unit.value = {
      richText: [
        { text: `${safeText(doc.schoolAuthority.toLocaleUpperCase('vi'))}\n`, font: { name: FONT_NAME, size: 12 } },
        { text: safeText(school.name.toLocaleUpperCase('vi')), font: { name: FONT_NAME, size: 12, bold: true } },
      ],
    };
  }
  mergeText(ws, 1, RIGHT_START, LAST_COL, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 });
  mergeText(ws, 2, 1, LEFT_END, 'Số:        /BC', { size: 12 });
  mergeText(ws, 2, RIGHT_START, LAST_COL, 'Độc lập - Tự do - Hạnh phúc', { bold: true, size: 13, underline: true });
  mergeText(ws, 3, RIGHT_START, LAST_COL, placeAndDate(doc.place, moment?.date ?? null), { italic: true, size: 12 });
  ws.getRow(1).height = wrappedHeight([{ text: school.name, width: 60 }], 17) + (doc.schoolAuthority ? 17 : 0);

  // Title, reference to the letter, recipients.
  mergeText(ws, 5, 1, LAST_COL, doc.reportTitle, { bold: true, size: 14 });
  ws.getRow(5).height = 22;
  mergeText(ws, 6, 1, LAST_COL, referenceLine(pack), { italic: true, size: 12 });
  let r = 8;
  mergeText(ws, r, 3, 4, 'Kính gửi:', { bold: true, size: 12 }, 'right');
  doc.recipients.forEach((recipient, i) => {
    const end = i === doc.recipients.length - 1 ? '.' : ';';
    mergeText(ws, r, 5, 10, doc.recipients.length > 1 ? `– ${recipient}${end}` : recipient, { size: 12 }, 'left');
    r++;
  });
  r++;

  // Who and what was audited.
  const info: [string, (cell: ExcelJS.Cell) => void][] = [
    ['Tên trường:', (c) => putText(c, school.name, { bold: true, size: 12 })],
    ['Địa chỉ Cổng TTĐT:', (c) => putLink(c, school.url, undefined, { size: 12 })],
    ['Cấp học:', (c) => putText(c, `${school.level}${school.boarding ? ' (có bán trú)' : ''}`, { size: 12 })],
    ['Thời điểm rà soát:', (c) => putText(c, moment ? `${moment.time} ngày ${viDate(moment.date)} (giờ Hà Nội)` : results.asOf, { size: 12 })],
    ['Số trang đã rà soát:', (c) => putNumber(c, school.pagesCrawled, { size: 12 })],
  ];
  for (const [label, fill] of info) {
    mergeText(ws, r, 1, 3, label, { bold: true, size: 12 }, 'left');
    ws.mergeCells(r, 4, r, LAST_COL);
    const cell = ws.getCell(r, 4);
    fill(cell);
    cell.alignment = { horizontal: 'left', vertical: 'middle' };
    r++;
  }
  if (!school.reachable) {
    const text =
      `KHÔNG TRUY CẬP ĐƯỢC CỔNG THÔNG TIN ĐIỆN TỬ: ${school.error ?? 'không rõ lỗi'}\n` +
      'Các chuyên mục dưới đây chưa rà soát được tự động: cần kiểm tra thủ công. / The portal could not be reached; check every section by hand.';
    const cell = mergeText(ws, r, 1, LAST_COL, text, { bold: true, size: 13, color: { argb: STATUS_COLOURS.fail.font } }, 'left');
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_COLOURS.fail.fill } };
    cell.border = { top: { style: 'medium' }, left: { style: 'medium' }, bottom: { style: 'medium' }, right: { style: 'medium' } };
    ws.getRow(r).height = wrappedHeight([{ text, width: 160 }], 18);
    r++;
  }
  r++;

  // The table header (two rows: titles, then column numbers), repeated on every printed page.
  const headerRow = r;
  REPORT_COLUMNS.forEach((c, i) => {
    const title = putText(ws.getCell(headerRow, i + 1), c.header, { bold: true });
    const number = putText(ws.getCell(headerRow + 1, i + 1), `(${i + 1})`, { italic: true, size: 10 });
    for (const cell of [title, number]) {
      cell.fill = HEADER_FILL;
      cell.border = THIN_BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  });
  ws.getRow(headerRow).height = wrappedHeight(REPORT_COLUMNS.map((c) => ({ text: c.header, width: c.width })));
  r = headerRow + 2;

  for (const row of tableRows(pack, school)) {
    const cells = REPORT_COLUMNS.map((_, i) => ws.getCell(r, i + 1));
    for (const cell of cells) cell.border = THIN_BORDER;
    if ('group' in row) {
      putText(cells[0]!, row.group.code, { bold: true });
      cells[0]!.alignment = { horizontal: 'center', vertical: 'middle' };
      ws.mergeCells(r, 2, r, LAST_COL);
      putText(ws.getCell(r, 2), row.group.label.vi, { bold: true });
      for (const cell of cells) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      ws.getRow(r).height = 18;
      r++;
      continue;
    }
    const { section, result } = row;
    const mandatory = result ? result.mandatory : section?.mandatory === true;
    const optionalStyle: Partial<ExcelJS.Font> = mandatory ? {} : { italic: true };
    const texts = [
      ordinal(row.code),
      section?.label.vi ?? result?.title ?? row.code,
      section?.display.vi ?? '',
      mandatory ? 'x' : '',
      section?.content.vi ?? '',
      section?.other?.vi ?? '',
    ];
    texts.forEach((t, i) => putText(cells[i]!, t, optionalStyle));
    if (result) {
      const colours = STATUS_COLOURS[result.status];
      putText(cells[6]!, STATUS_LABELS[result.status].vi, { bold: true, color: { argb: colours.font } });
      cells[6]!.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
      putText(cells[7]!, issuesText(result));
      putText(cells[8]!, viDate(result.latestDate));
      if (result.pages[0]) putLink(cells[9]!, result.pages[0]);
      putText(cells[10]!, result.remediation?.vi);
      putText(cells[11]!, viDate(result.fixBy));
    }
    REPORT_COLUMNS.forEach((c, i) => {
      cells[i]!.alignment = { wrapText: true, vertical: 'top', horizontal: c.centre ? 'center' : 'left' };
    });
    ws.getRow(r).height = wrappedHeight(REPORT_COLUMNS.map((c, i) => ({ text: cells[i]!.text ?? '', width: c.width })));
    r++;
  }

  // Summary line and signature block.
  r++;
  mergeText(ws, r, 1, LAST_COL, `Tổng hợp: ${tallyLine(mandatoryTally(school), 'vi')}.`, { bold: true, size: 12 }, 'left');
  r += 2;
  mergeText(ws, r, 1, 5, 'NGƯỜI LẬP BIỂU', { bold: true, size: 12 });
  mergeText(ws, r, 8, LAST_COL, 'HIỆU TRƯỞNG', { bold: true, size: 12 });
  r++;
  mergeText(ws, r, 1, 5, '(Ký, ghi rõ họ tên)', { italic: true, size: 12 });
  mergeText(ws, r, 8, LAST_COL, '(Ký tên, đóng dấu)', { italic: true, size: 12 });
  for (let i = 1; i <= 4; i++) ws.getRow(r + i).height = 20; // room to sign

  printA4Landscape(ws, `${headerRow}:${headerRow + 1}`);
  applyFontEverywhere(ws);
}

const FINDING_COLUMNS: ListColumn[] = [
  { header: 'Mã', width: 8, centre: true },
  { header: 'Chuyên mục', width: 26 },
  { header: 'Kiểm tra', width: 18 },
  { header: 'Kết quả', width: 14, centre: true },
  { header: 'Nội dung', width: 50 },
  { header: 'Message (English)', width: 50 },
  { header: 'Bằng chứng (liên kết)', width: 36 },
  { header: 'Tất cả bằng chứng', width: 50 },
  { header: 'Ngày liên quan', width: 14, centre: true },
];

function findingsSheet(wb: ExcelJS.Workbook, school: SchoolResult): void {
  const ws = addListSheet(wb, FINDINGS_SHEET, FINDING_COLUMNS, 2);
  let r = 2;
  for (const s of school.sections) {
    for (const f of s.findings) {
      const row = ws.getRow(r);
      putText(row.getCell(1), s.code);
      putText(row.getCell(2), s.title);
      putText(row.getCell(3), f.check);
      const colours = STATUS_COLOURS[f.status];
      putText(row.getCell(4), STATUS_LABELS[f.status].vi, { bold: true, color: { argb: colours.font } });
      row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
      putText(row.getCell(5), f.message.vi);
      putText(row.getCell(6), f.message.en);
      if (f.evidence[0]) putLink(row.getCell(7), f.evidence[0]);
      putText(row.getCell(8), f.evidence.join('\n'));
      putText(row.getCell(9), (f.dates ?? []).map(viDate).join('\n'));
      finishListRow(ws, r, FINDING_COLUMNS);
      r++;
    }
  }
  addAutoFilter(ws, FINDING_COLUMNS.length, r - 1);
}

const PAGE_COLUMNS: ListColumn[] = [
  { header: 'Địa chỉ trang (URL)', width: 55 },
  { header: 'Tiêu đề', width: 40 },
  { header: 'Mã HTTP', width: 9, centre: true },
  { header: 'Chuyên mục', width: 14 },
  { header: 'Điểm và lý do xếp chuyên mục', width: 70 },
  { header: 'Ghi chú (trình duyệt, lỗi)', width: 40 },
];

function pagesSheet(wb: ExcelJS.Workbook, school: SchoolResult, pack: RulePack): void {
  const ws = addListSheet(wb, PAGES_SHEET, PAGE_COLUMNS, 1);
  const sectionName = new Map<string, { code: string; title: string }>();
  for (const s of pack.sections) sectionName.set(s.id, { code: s.code, title: s.label.vi });
  for (const s of school.sections) sectionName.set(s.id, { code: s.code, title: s.title });
  let r = 2;
  for (const page of school.pages) {
    const row = ws.getRow(r);
    putLink(row.getCell(1), page.url);
    putText(row.getCell(2), page.title);
    putNumber(row.getCell(3), page.status);
    const named = page.sections.map((s) => ({ ...s, ...(sectionName.get(s.id) ?? { code: s.id, title: s.id }) }));
    putText(row.getCell(4), named.map((s) => s.code).join(', '));
    putText(row.getCell(5), named.map((s) => `${s.code} ${s.title} (điểm ${s.score}): ${s.reasons.join('; ')}`).join('\n'));
    putText(row.getCell(6), [page.rendered ? 'Dựng bằng trình duyệt / rendered' : '', page.note ?? ''].filter(Boolean).join('\n'));
    finishListRow(ws, r, PAGE_COLUMNS);
    r++;
  }
  addAutoFilter(ws, PAGE_COLUMNS.length, r - 1);
}

const SCREENSHOT_COLUMNS: ListColumn[] = [
  { header: 'Mã', width: 8, centre: true },
  { header: 'Chuyên mục', width: 30 },
  { header: 'Kết quả', width: 14, centre: true },
  { header: 'Trang đã chụp (URL)', width: 55 },
  { header: 'Chụp lúc', width: 18, centre: true },
  { header: 'Ảnh chụp màn hình', width: 40 },
];

/** Reads a screenshot beside the workbook (JPEG/PNG bytes), or nothing. */
export type ImageReader = (file: string) => Buffer | undefined;

/**
 * What the crawler saw and when: a row per screenshot (the home page, then each section's main page)
 * linking the image file beside the workbook, and the home page's picture itself below the table.
 */
function screenshotsSheet(wb: ExcelJS.Workbook, school: SchoolResult, readImage?: ImageReader): void {
  const rows: { code: string; title: string; status?: SectionResult['status']; url: string; shot: ScreenshotFact }[] = [];
  if (school.screenshot) rows.push({ code: '', title: 'Trang chủ', url: school.url, shot: school.screenshot });
  for (const s of school.sections) if (s.screenshot) rows.push({ code: s.code, title: s.title, status: s.status, url: s.pages[0] ?? '', shot: s.screenshot });
  if (!rows.length) return;
  const ws = addListSheet(wb, SCREENSHOTS_SHEET, SCREENSHOT_COLUMNS, 2);
  let r = 2;
  for (const x of rows) {
    const row = ws.getRow(r);
    putText(row.getCell(1), x.code);
    putText(row.getCell(2), x.title);
    if (x.status) {
      const colours = STATUS_COLOURS[x.status];
      putText(row.getCell(3), STATUS_LABELS[x.status].vi, { bold: true, color: { argb: colours.font } });
      row.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
    }
    putLink(row.getCell(4), x.url);
    const taken = new Date(x.shot.takenAt);
    putText(row.getCell(5), Number.isNaN(taken.getTime()) ? x.shot.takenAt : `${localTime(taken)} ${viDate(localDate(taken))}`);
    putFileLink(row.getCell(6), x.shot.file, x.shot.file);
    finishListRow(ws, r, SCREENSHOT_COLUMNS);
    r++;
  }
  addAutoFilter(ws, SCREENSHOT_COLUMNS.length, r - 1);
  const home = school.screenshot && readImage?.(school.screenshot.file);
  if (home) {
    const extension = /\.png$/i.test(school.screenshot!.file) ? 'png' : 'jpeg';
    const id = wb.addImage({ buffer: home as unknown as ExcelJS.Buffer, extension });
    putText(ws.getRow(r + 1).getCell(1), `Trang chủ lúc rà soát (rộng ${school.screenshot!.width} px):`, { bold: true });
    // Shown 800 px wide; the file beside the workbook has the full page.
    ws.addImage(id, { tl: { col: 0, row: r + 1 }, ext: { width: 800, height: 500 }, editAs: 'oneCell' });
  }
}

/** The school's report workbook (not yet written: `writeReports` writes it). */
export async function schoolWorkbook(school: SchoolResult, results: AuditResults, pack: RulePack, readImage?: ImageReader): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `${results.tool.name} ${results.tool.version}`;
  wb.title = `${pack.document.reportTitle} - ${school.name}`;
  const generated = new Date(results.generatedAt);
  if (!Number.isNaN(generated.getTime())) wb.created = wb.modified = generated;
  reportSheet(wb, school, results, pack);
  findingsSheet(wb, school);
  pagesSheet(wb, school, pack);
  screenshotsSheet(wb, school, readImage);
  return wb;
}
