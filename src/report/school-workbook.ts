/**
 * `<school-id>.xlsx`: the school's official report, ready to print, sign and send back (letter 289's
 * "báo cáo kết quả khắc phục"). Sheet 1 reproduces the letter's attached table with the audit's result
 * columns; sheet 2 lists every finding with its evidence; sheet 3 every crawled page and why it was
 * assigned to a section. Vietnamese by default (it is an administrative document); with `lang: 'en'`
 * every label the tool writes is English, while the national heading lines (CỘNG HÒA …, the place and
 * date line) stay Vietnamese because they are the form itself, and texts copied from the rule pack that
 * it holds only in Vietnamese (recipients, issuer) are quoted as they are.
 */
import ExcelJS from 'exceljs';
import { localDate, localTime, parseInstant } from '../calendar/time.js';
import type { RulePack, RuleSection } from '../rules/schema.js';
import type { AuditResults, SchoolResult, ScreenshotFact, SectionResult } from '../types.js';
import { FONT_NAME, THIN_BORDER, applyFontEverywhere, putFileLink, putLink, putNumber, putText, safeText, wrappedHeight } from './cells.js';
import { CRAWL_ISSUES_TITLE, STATUS_COLOURS, STATUS_LABELS, crawlIssueStatus, mandatoryTally, tallyLine, viDate, type Lang } from './labels.js';
import { HEADER_FILL, addAutoFilter, addListSheet, finishListRow, printA4Landscape, type ListColumn } from './sheet-layout.js';

/** Sheet names per language (English names so an English reader finds the sheets by name too). */
export const SCHOOL_SHEETS: Record<Lang, { report: string; findings: string; pages: string; screenshots: string }> = {
  vi: { report: 'Báo cáo', findings: 'Phát hiện', pages: 'Trang', screenshots: 'Ảnh chụp' },
  en: { report: 'Report', findings: 'Findings', pages: 'Pages', screenshots: 'Screenshots' },
};
export const REPORT_SHEET = SCHOOL_SHEETS.vi.report;
export const FINDINGS_SHEET = SCHOOL_SHEETS.vi.findings;
export const PAGES_SHEET = SCHOOL_SHEETS.vi.pages;
export const SCREENSHOTS_SHEET = SCHOOL_SHEETS.vi.screenshots;

/** Every other word the workbook writes itself, per language. */
const WORDS = {
  vi: {
    kinhGui: 'Kính gửi:',
    school: 'Tên trường:',
    portal: 'Địa chỉ Cổng TTĐT:',
    level: 'Cấp học:',
    boarding: ' (có bán trú)',
    auditTime: 'Thời điểm rà soát:',
    at: (time: string, date: string) => `${time} ngày ${date} (giờ Hà Nội)`,
    pagesCrawled: 'Số trang đã rà soát:',
    unreachable: (error: string | null) =>
      `KHÔNG TRUY CẬP ĐƯỢC CỔNG THÔNG TIN ĐIỆN TỬ: ${error ?? 'không rõ lỗi'}\n` +
      'Các chuyên mục dưới đây chưa rà soát được tự động: cần kiểm tra thủ công. / The portal could not be reached; check every section by hand.',
    note: 'Ghi chú: ',
    summary: 'Tổng hợp: ',
    maker: 'NGƯỜI LẬP BIỂU',
    makerSign: '(Ký, ghi rõ họ tên)',
    head: 'HIỆU TRƯỞNG',
    headSign: '(Ký tên, đóng dấu)',
    score: 'điểm',
    rendered: 'Dựng bằng trình duyệt / rendered',
    home: 'Trang chủ',
    homeShot: (width: number) => `Trang chủ lúc rà soát (rộng ${width} px):`,
  },
  en: {
    kinhGui: 'To:',
    school: 'School:',
    portal: 'Portal address:',
    level: 'Level:',
    boarding: ' (boarding)',
    auditTime: 'Audit time:',
    at: (time: string, date: string) => `${time} on ${date} (Hà Nội time)`,
    pagesCrawled: 'Pages reviewed:',
    unreachable: (error: string | null) =>
      `THE PORTAL COULD NOT BE REACHED: ${error ?? 'unknown error'}\n` +
      'The sections below could not be reviewed automatically: check every section by hand.',
    note: 'Note: ',
    summary: 'Summary: ',
    maker: 'PREPARED BY',
    makerSign: '(Signature and full name)',
    head: 'PRINCIPAL',
    headSign: '(Signature and seal)',
    score: 'score',
    rendered: 'Rendered in a browser',
    home: 'Home page',
    homeShot: (width: number) => `Home page at the time of the audit (${width} px wide):`,
  },
} satisfies Record<Lang, unknown>;

/** Widths and alignment of the report table's columns; headers per language below. */
const REPORT_LAYOUT: Omit<ListColumn, 'header'>[] = [
  { width: 5, centre: true },
  { width: 22 },
  { width: 11 },
  { width: 8, centre: true },
  { width: 28 },
  { width: 20 },
  { width: 11, centre: true },
  { width: 32 },
  { width: 11, centre: true },
  { width: 20 },
  { width: 24 },
  { width: 11, centre: true },
];
const REPORT_HEADERS: Record<Lang, string[]> = {
  vi: [
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
  ],
  en: [
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
  ],
};
const withHeaders = (layout: Omit<ListColumn, 'header'>[], headers: string[]): ListColumn[] => layout.map((c, i) => ({ ...c, header: headers[i]! }));

/** The report table: the letter's six columns, then the audit's six. Widths in Excel character units. */
export const REPORT_COLUMNS_BY_LANG: Record<Lang, ListColumn[]> = {
  vi: withHeaders(REPORT_LAYOUT, REPORT_HEADERS.vi),
  en: withHeaders(REPORT_LAYOUT, REPORT_HEADERS.en),
};
export const REPORT_COLUMNS: ListColumn[] = REPORT_COLUMNS_BY_LANG.vi;
const LAST_COL = REPORT_LAYOUT.length;

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
export function referenceLine(pack: RulePack, lang: Lang = 'vi'): string {
  const d = pack.document;
  return lang === 'vi'
    ? `(Thực hiện Công văn số ${d.number} ngày ${viDate(d.date)} của ${d.issuer})`
    : `(Under letter No. ${d.number} of ${viDate(d.date)} from ${d.issuer})`;
}

/** The report's title: the pack's official title, or in English the pack's English title in capitals. */
function reportTitle(pack: RulePack, lang: Lang): string {
  return lang === 'vi' ? pack.document.reportTitle : `REPORT: ${pack.title.en.toLocaleUpperCase('en')}`;
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
function issuesText(s: SectionResult, lang: Lang): string {
  const lines = s.findings.filter((f) => f.status !== 'pass').map((f) => f.message[lang]);
  const notes = s.notes.map((n) => `${WORDS[lang].note}${n[lang]}`);
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

/** The page footer "Trang 1/3" of `printA4Landscape`, in English when the workbook is. */
function englishFooter(ws: ExcelJS.Worksheet, lang: Lang): void {
  if (lang === 'en') ws.headerFooter = { oddFooter: '&C&"Times New Roman,Regular"&9Page &P of &N' };
}

function reportSheet(wb: ExcelJS.Workbook, school: SchoolResult, results: AuditResults, pack: RulePack, lang: Lang): void {
  const ws = wb.addWorksheet(SCHOOL_SHEETS[lang].report, { views: [{ showGridLines: false }] });
  const columns = REPORT_COLUMNS_BY_LANG[lang];
  const w = WORDS[lang];
  ws.columns = columns.map((c) => ({ width: c.width }));
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
  mergeText(ws, 5, 1, LAST_COL, reportTitle(pack, lang), { bold: true, size: 14 });
  ws.getRow(5).height = 22;
  mergeText(ws, 6, 1, LAST_COL, referenceLine(pack, lang), { italic: true, size: 12 });
  let r = 8;
  mergeText(ws, r, 3, 4, w.kinhGui, { bold: true, size: 12 }, 'right');
  doc.recipients.forEach((recipient, i) => {
    const end = i === doc.recipients.length - 1 ? '.' : ';';
    mergeText(ws, r, 5, 10, doc.recipients.length > 1 ? `– ${recipient}${end}` : recipient, { size: 12 }, 'left');
    r++;
  });
  r++;

  // Who and what was audited.
  const info: [string, (cell: ExcelJS.Cell) => void][] = [
    [w.school, (c) => putText(c, school.name, { bold: true, size: 12 })],
    [w.portal, (c) => putLink(c, school.url, undefined, { size: 12 })],
    [w.level, (c) => putText(c, `${school.level}${school.boarding ? w.boarding : ''}`, { size: 12 })],
    [w.auditTime, (c) => putText(c, moment ? w.at(moment.time, viDate(moment.date)) : results.asOf, { size: 12 })],
    [w.pagesCrawled, (c) => putNumber(c, school.pagesCrawled, { size: 12 })],
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
    const text = w.unreachable(school.error);
    const cell = mergeText(ws, r, 1, LAST_COL, text, { bold: true, size: 13, color: { argb: STATUS_COLOURS.fail.font } }, 'left');
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_COLOURS.fail.fill } };
    cell.border = { top: { style: 'medium' }, left: { style: 'medium' }, bottom: { style: 'medium' }, right: { style: 'medium' } };
    ws.getRow(r).height = wrappedHeight([{ text, width: 160 }], 18);
    r++;
  }
  r++;

  // The table header (two rows: titles, then column numbers), repeated on every printed page.
  const headerRow = r;
  columns.forEach((c, i) => {
    const title = putText(ws.getCell(headerRow, i + 1), c.header, { bold: true });
    const number = putText(ws.getCell(headerRow + 1, i + 1), `(${i + 1})`, { italic: true, size: 10 });
    for (const cell of [title, number]) {
      cell.fill = HEADER_FILL;
      cell.border = THIN_BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  });
  ws.getRow(headerRow).height = wrappedHeight(columns.map((c) => ({ text: c.header, width: c.width })));
  r = headerRow + 2;

  for (const row of tableRows(pack, school)) {
    const cells = columns.map((_, i) => ws.getCell(r, i + 1));
    for (const cell of cells) cell.border = THIN_BORDER;
    if ('group' in row) {
      putText(cells[0]!, row.group.code, { bold: true });
      cells[0]!.alignment = { horizontal: 'center', vertical: 'middle' };
      ws.mergeCells(r, 2, r, LAST_COL);
      putText(ws.getCell(r, 2), row.group.label[lang], { bold: true });
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
      section?.label[lang] ?? (result ? (lang === 'vi' ? result.title : result.titleEn) : row.code),
      section?.display[lang] ?? '',
      mandatory ? 'x' : '',
      section?.content[lang] ?? '',
      section?.other?.[lang] ?? '',
    ];
    texts.forEach((t, i) => putText(cells[i]!, t, optionalStyle));
    if (result) {
      const colours = STATUS_COLOURS[result.status];
      putText(cells[6]!, STATUS_LABELS[result.status][lang], { bold: true, color: { argb: colours.font } });
      cells[6]!.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
      putText(cells[7]!, issuesText(result, lang));
      putText(cells[8]!, viDate(result.latestDate));
      if (result.pages[0]) putLink(cells[9]!, result.pages[0]);
      putText(cells[10]!, result.remediation?.[lang]);
      putText(cells[11]!, viDate(result.fixBy));
    }
    columns.forEach((c, i) => {
      cells[i]!.alignment = { wrapText: true, vertical: 'top', horizontal: c.centre ? 'center' : 'left' };
    });
    ws.getRow(r).height = wrappedHeight(columns.map((c, i) => ({ text: cells[i]!.text ?? '', width: c.width })));
    r++;
  }

  // Summary line and signature block.
  r++;
  mergeText(ws, r, 1, LAST_COL, `${w.summary}${tallyLine(mandatoryTally(school), lang)}.`, { bold: true, size: 12 }, 'left');
  r += 2;
  mergeText(ws, r, 1, 5, w.maker, { bold: true, size: 12 });
  mergeText(ws, r, 8, LAST_COL, w.head, { bold: true, size: 12 });
  r++;
  mergeText(ws, r, 1, 5, w.makerSign, { italic: true, size: 12 });
  mergeText(ws, r, 8, LAST_COL, w.headSign, { italic: true, size: 12 });
  for (let i = 1; i <= 4; i++) ws.getRow(r + i).height = 20; // room to sign

  printA4Landscape(ws, `${headerRow}:${headerRow + 1}`);
  englishFooter(ws, lang);
  applyFontEverywhere(ws);
}

const FINDING_LAYOUT: Omit<ListColumn, 'header'>[] = [
  { width: 8, centre: true },
  { width: 26 },
  { width: 18 },
  { width: 14, centre: true },
  { width: 50 },
  { width: 50 },
  { width: 36 },
  { width: 50 },
  { width: 14, centre: true },
];
/** Both messages are shown: the workbook's language first, the other one beside it. */
const FINDING_COLUMNS: Record<Lang, ListColumn[]> = {
  vi: withHeaders(FINDING_LAYOUT, ['Mã', 'Chuyên mục', 'Kiểm tra', 'Kết quả', 'Nội dung', 'Message (English)', 'Bằng chứng (liên kết)', 'Tất cả bằng chứng', 'Ngày liên quan']),
  en: withHeaders(FINDING_LAYOUT, ['Code', 'Section', 'Check', 'Result', 'Message', 'Nội dung (Vietnamese)', 'Evidence (link)', 'All evidence', 'Dates relied on']),
};

function findingsSheet(wb: ExcelJS.Workbook, school: SchoolResult, lang: Lang): void {
  const columns = FINDING_COLUMNS[lang];
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const ws = addListSheet(wb, SCHOOL_SHEETS[lang].findings, columns, 2);
  englishFooter(ws, lang);
  let r = 2;
  for (const s of school.sections) {
    for (const f of s.findings) {
      const row = ws.getRow(r);
      putText(row.getCell(1), s.code);
      putText(row.getCell(2), lang === 'vi' ? s.title : s.titleEn);
      putText(row.getCell(3), f.check);
      const colours = STATUS_COLOURS[f.status];
      putText(row.getCell(4), STATUS_LABELS[f.status][lang], { bold: true, color: { argb: colours.font } });
      row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
      putText(row.getCell(5), f.message[lang]);
      putText(row.getCell(6), f.message[other]);
      if (f.evidence[0]) putLink(row.getCell(7), f.evidence[0]);
      putText(row.getCell(8), f.evidence.join('\n'));
      putText(row.getCell(9), (f.dates ?? []).map(viDate).join('\n'));
      finishListRow(ws, r, columns);
      r++;
    }
  }
  // Faults of the site met while crawling (a trap, a bad certificate): no section, same columns.
  for (const issue of school.crawlIssues ?? []) {
    const row = ws.getRow(r);
    const status = crawlIssueStatus(issue);
    putText(row.getCell(1), '—');
    putText(row.getCell(2), CRAWL_ISSUES_TITLE[lang]);
    putText(row.getCell(3), `crawl:${issue.kind}`);
    const colours = STATUS_COLOURS[status];
    putText(row.getCell(4), STATUS_LABELS[status][lang], { bold: true, color: { argb: colours.font } });
    row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
    putText(row.getCell(5), issue.message[lang]);
    putText(row.getCell(6), issue.message[other]);
    if (issue.urls[0]) putLink(row.getCell(7), issue.urls[0]);
    putText(row.getCell(8), issue.urls.join('\n'));
    finishListRow(ws, r, columns);
    r++;
  }
  addAutoFilter(ws, columns.length, r - 1);
}

const PAGE_LAYOUT: Omit<ListColumn, 'header'>[] = [{ width: 55 }, { width: 40 }, { width: 9, centre: true }, { width: 14 }, { width: 70 }, { width: 40 }];
const PAGE_COLUMNS: Record<Lang, ListColumn[]> = {
  vi: withHeaders(PAGE_LAYOUT, ['Địa chỉ trang (URL)', 'Tiêu đề', 'Mã HTTP', 'Chuyên mục', 'Điểm và lý do xếp chuyên mục', 'Ghi chú (trình duyệt, lỗi)']),
  en: withHeaders(PAGE_LAYOUT, ['Page address (URL)', 'Title', 'HTTP status', 'Sections', 'Score and reasons for the section', 'Notes (browser, errors)']),
};

function pagesSheet(wb: ExcelJS.Workbook, school: SchoolResult, pack: RulePack, lang: Lang): void {
  const columns = PAGE_COLUMNS[lang];
  const w = WORDS[lang];
  const ws = addListSheet(wb, SCHOOL_SHEETS[lang].pages, columns, 1);
  englishFooter(ws, lang);
  const sectionName = new Map<string, { code: string; title: string }>();
  for (const s of pack.sections) sectionName.set(s.id, { code: s.code, title: s.label[lang] });
  for (const s of school.sections) sectionName.set(s.id, { code: s.code, title: lang === 'vi' ? s.title : s.titleEn });
  let r = 2;
  for (const page of school.pages) {
    const row = ws.getRow(r);
    putLink(row.getCell(1), page.url);
    putText(row.getCell(2), page.title);
    putNumber(row.getCell(3), page.status);
    const named = page.sections.map((s) => ({ ...s, ...(sectionName.get(s.id) ?? { code: s.id, title: s.id }) }));
    putText(row.getCell(4), named.map((s) => s.code).join(', '));
    putText(row.getCell(5), named.map((s) => `${s.code} ${s.title} (${w.score} ${s.score}): ${s.reasons.join('; ')}`).join('\n'));
    putText(row.getCell(6), [page.rendered ? w.rendered : '', page.note ?? ''].filter(Boolean).join('\n'));
    finishListRow(ws, r, columns);
    r++;
  }
  addAutoFilter(ws, columns.length, r - 1);
}

const SCREENSHOT_LAYOUT: Omit<ListColumn, 'header'>[] = [{ width: 8, centre: true }, { width: 30 }, { width: 14, centre: true }, { width: 55 }, { width: 18, centre: true }, { width: 40 }];
const SCREENSHOT_COLUMNS: Record<Lang, ListColumn[]> = {
  vi: withHeaders(SCREENSHOT_LAYOUT, ['Mã', 'Chuyên mục', 'Kết quả', 'Trang đã chụp (URL)', 'Chụp lúc', 'Ảnh chụp màn hình']),
  en: withHeaders(SCREENSHOT_LAYOUT, ['Code', 'Section', 'Result', 'Page captured (URL)', 'Taken at', 'Screenshot']),
};

/** Reads a screenshot beside the workbook (JPEG/PNG bytes), or nothing. */
export type ImageReader = (file: string) => Buffer | undefined;

/**
 * What the crawler saw and when: a row per screenshot (the home page, then each section's main page)
 * linking the image file beside the workbook, and the home page's picture itself below the table.
 */
function screenshotsSheet(wb: ExcelJS.Workbook, school: SchoolResult, lang: Lang, readImage?: ImageReader): void {
  const w = WORDS[lang];
  const columns = SCREENSHOT_COLUMNS[lang];
  const rows: { code: string; title: string; status?: SectionResult['status']; url: string; shot: ScreenshotFact }[] = [];
  if (school.screenshot) rows.push({ code: '', title: w.home, url: school.url, shot: school.screenshot });
  for (const s of school.sections)
    if (s.screenshot) rows.push({ code: s.code, title: lang === 'vi' ? s.title : s.titleEn, status: s.status, url: s.pages[0] ?? '', shot: s.screenshot });
  if (!rows.length) return;
  const ws = addListSheet(wb, SCHOOL_SHEETS[lang].screenshots, columns, 2);
  englishFooter(ws, lang);
  let r = 2;
  for (const x of rows) {
    const row = ws.getRow(r);
    putText(row.getCell(1), x.code);
    putText(row.getCell(2), x.title);
    if (x.status) {
      const colours = STATUS_COLOURS[x.status];
      putText(row.getCell(3), STATUS_LABELS[x.status][lang], { bold: true, color: { argb: colours.font } });
      row.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
    }
    putLink(row.getCell(4), x.url);
    const taken = new Date(x.shot.takenAt);
    putText(row.getCell(5), Number.isNaN(taken.getTime()) ? x.shot.takenAt : `${localTime(taken)} ${viDate(localDate(taken))}`);
    putFileLink(row.getCell(6), x.shot.file, x.shot.file);
    finishListRow(ws, r, columns);
    r++;
  }
  addAutoFilter(ws, columns.length, r - 1);
  const home = school.screenshot && readImage?.(school.screenshot.file);
  if (home) {
    const extension = /\.png$/i.test(school.screenshot!.file) ? 'png' : 'jpeg';
    const id = wb.addImage({ buffer: home as unknown as ExcelJS.Buffer, extension });
    putText(ws.getRow(r + 1).getCell(1), w.homeShot(school.screenshot!.width), { bold: true });
    // Shown 800 px wide; the file beside the workbook has the full page.
    ws.addImage(id, { tl: { col: 0, row: r + 1 }, ext: { width: 800, height: 500 }, editAs: 'oneCell' });
  }
}

/** The school's report workbook (not yet written: `writeReports` writes it). `lang` chooses the labels (default Vietnamese). */
export async function schoolWorkbook(school: SchoolResult, results: AuditResults, pack: RulePack, readImage?: ImageReader, lang: Lang = 'vi'): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `${results.tool.name} ${results.tool.version}`;
  wb.title = `${reportTitle(pack, lang)} - ${school.name}`;
  const generated = new Date(results.generatedAt);
  if (!Number.isNaN(generated.getTime())) wb.created = wb.modified = generated;
  reportSheet(wb, school, results, pack, lang);
  findingsSheet(wb, school, lang);
  pagesSheet(wb, school, pack, lang);
  screenshotsSheet(wb, school, lang, readImage);
  return wb;
}
