/**
 * summary.xlsx: the district view. One row per school, one column per section of the rule pack (a
 * colour matrix of status symbols), counts, a totals row of failing schools per section, and the
 * schools that could not be reached. Sortable and filterable; correct for 1 school and for 500.
 */
import ExcelJS from 'exceljs';
import type { RulePack } from '../rules/schema.js';
import type { AuditResults, SchoolResult, Status } from '../types.js';
import { THIN_BORDER, applyFontEverywhere, putLink, putNumber, putText } from './cells.js';
import { STATUS_COLOURS, STATUS_LABELS, STATUS_ORDER, STATUS_SYMBOLS, mandatoryTally, shortLabel, type Lang } from './labels.js';
import { HEADER_FILL, addAutoFilter, addListSheet, finishListRow, type ListColumn } from './sheet-layout.js';

export const SUMMARY_SHEET = 'Tổng hợp';
export const UNREACHABLE_SHEET = 'Không truy cập được';

const T = {
  id: { vi: 'Mã trường', en: 'School id' },
  name: { vi: 'Tên trường', en: 'School' },
  level: { vi: 'Cấp học', en: 'Level' },
  url: { vi: 'Cổng TTĐT', en: 'Portal' },
  reachable: { vi: 'Truy cập được', en: 'Reachable' },
  pages: { vi: 'Số trang', en: 'Pages' },
  mandatory: { vi: 'Bắt buộc đạt', en: 'Mandatory passed' },
  share: { vi: 'Tỉ lệ bắt buộc đạt (%)', en: 'Mandatory passed (%)' },
  error: { vi: 'Lỗi', en: 'Error' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  failing: { vi: 'Số trường không đạt', en: 'Schools failing' },
  legend: { vi: 'Chú giải', en: 'Legend' },
  none: { vi: 'Tất cả các trường đều truy cập được.', en: 'Every school could be reached.' },
};

interface MatrixColumn {
  id: string;
  header: string;
}

/** The pack's sections in its order, then any section a result holds that the pack does not. */
function matrixColumns(results: AuditResults, pack: RulePack, lang: Lang): MatrixColumn[] {
  const cols = pack.sections.map((s) => ({ id: s.id, header: `${s.code} ${shortLabel(s.label[lang])}` }));
  const known = new Set(cols.map((c) => c.id));
  for (const school of results.schools)
    for (const s of school.sections)
      if (!known.has(s.id)) {
        known.add(s.id);
        cols.push({ id: s.id, header: `${s.code} ${shortLabel(lang === 'vi' ? s.title : s.titleEn)}` });
      }
  return cols;
}

const COUNT_KEYS: { status: Status; key: keyof SchoolResult['summary'] }[] = STATUS_ORDER.map((status) => ({
  status,
  key: status === 'n/a' ? 'na' : status,
}));

function matrixSheet(wb: ExcelJS.Workbook, results: AuditResults, pack: RulePack, lang: Lang): void {
  const sections = matrixColumns(results, pack, lang);
  const columns: ListColumn[] = [
    { header: T.id[lang], width: 16 },
    { header: T.name[lang], width: 32 },
    { header: T.level[lang], width: 8, centre: true },
    { header: T.url[lang], width: 32 },
    { header: T.reachable[lang], width: 10, centre: true },
    { header: T.pages[lang], width: 8, centre: true },
    ...sections.map((s) => ({ header: s.header, width: 5, centre: true })),
    ...COUNT_KEYS.map(({ status }) => ({ header: `${STATUS_SYMBOLS[status]} ${STATUS_LABELS[status][lang]}`, width: 9, centre: true })),
    { header: T.mandatory[lang], width: 10, centre: true },
    { header: T.share[lang], width: 10, centre: true },
  ];
  const ws = addListSheet(wb, SUMMARY_SHEET, columns, 2);
  const first = 7; // first section column
  // Section headers turned upright so 25 sections fit beside the school's name.
  const header = ws.getRow(1);
  sections.forEach((_, i) => {
    header.getCell(first + i).alignment = { textRotation: 90, vertical: 'bottom', horizontal: 'center', wrapText: true };
  });
  header.height = 170;

  let r = 2;
  for (const school of results.schools) {
    const row = ws.getRow(r);
    putText(row.getCell(1), school.id);
    putText(row.getCell(2), school.name);
    putText(row.getCell(3), school.level);
    putLink(row.getCell(4), school.url);
    putText(row.getCell(5), school.reachable ? T.yes[lang] : T.no[lang], school.reachable ? {} : { bold: true, color: { argb: STATUS_COLOURS.fail.font } });
    putNumber(row.getCell(6), school.pagesCrawled);
    const byId = new Map(school.sections.map((s) => [s.id, s]));
    sections.forEach((s, i) => {
      const result = byId.get(s.id);
      if (!result) return;
      const colours = STATUS_COLOURS[result.status];
      const cell = putText(row.getCell(first + i), STATUS_SYMBOLS[result.status], { bold: true, color: { argb: colours.font } });
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
    });
    let c = first + sections.length;
    for (const { key } of COUNT_KEYS) putNumber(row.getCell(c++), school.summary[key]);
    const tally = mandatoryTally(school);
    putText(row.getCell(c++), `${tally.pass}/${tally.total}`);
    putNumber(row.getCell(c), tally.total ? Math.round((100 * tally.pass) / tally.total) : 0);
    finishListRow(ws, r, columns);
    r++;
  }
  const lastSchoolRow = r - 1;
  addAutoFilter(ws, columns.length, lastSchoolRow);

  // Totals below a blank row, outside the filter range, so sorting never moves them.
  r++;
  const totals = ws.getRow(r);
  putText(totals.getCell(2), T.failing[lang], { bold: true });
  sections.forEach((s, i) => {
    const failing = results.schools.filter((school) => school.sections.some((x) => x.id === s.id && x.status === 'fail')).length;
    const cell = putNumber(totals.getCell(first + i), failing, { bold: true, color: { argb: failing ? STATUS_COLOURS.fail.font : 'FF000000' } });
    if (failing) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_COLOURS.fail.fill } };
  });
  let c = first + sections.length;
  for (const { key } of COUNT_KEYS) putNumber(totals.getCell(c++), results.schools.reduce((n, s) => n + s.summary[key], 0), { bold: true });
  for (let i = 1; i <= columns.length; i++) {
    const cell = totals.getCell(i);
    cell.border = THIN_BORDER;
    cell.alignment = { horizontal: i >= first ? 'center' : 'left', vertical: 'middle' };
    if (!cell.fill) cell.fill = HEADER_FILL;
  }

  // Legend.
  r += 2;
  putText(ws.getCell(r, 2), `${T.legend[lang]}:`, { bold: true });
  for (const status of STATUS_ORDER) {
    r++;
    const colours = STATUS_COLOURS[status];
    const sym = putText(ws.getCell(r, 1), STATUS_SYMBOLS[status], { bold: true, color: { argb: colours.font } });
    sym.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
    sym.alignment = { horizontal: 'center' };
    putText(ws.getCell(r, 2), `${STATUS_LABELS[status].vi} / ${STATUS_LABELS[status].en}`);
  }
  applyFontEverywhere(ws);
}

const UNREACHABLE_COLUMNS = (lang: Lang): ListColumn[] => [
  { header: T.id[lang], width: 16 },
  { header: T.name[lang], width: 32 },
  { header: T.level[lang], width: 8, centre: true },
  { header: T.url[lang], width: 36 },
  { header: T.error[lang], width: 70 },
];

function unreachableSheet(wb: ExcelJS.Workbook, results: AuditResults, lang: Lang): void {
  const columns = UNREACHABLE_COLUMNS(lang);
  const ws = addListSheet(wb, UNREACHABLE_SHEET, columns, 1);
  const down = results.schools.filter((s) => !s.reachable);
  let r = 2;
  for (const school of down) {
    const row = ws.getRow(r);
    putText(row.getCell(1), school.id);
    putText(row.getCell(2), school.name);
    putText(row.getCell(3), school.level);
    putLink(row.getCell(4), school.url);
    putText(row.getCell(5), school.error ?? '');
    finishListRow(ws, r, columns);
    r++;
  }
  addAutoFilter(ws, columns.length, r - 1);
  if (!down.length) putText(ws.getCell(2, 1), T.none[lang], { italic: true });
}

/** The district summary workbook. `lang` chooses the column headers (default Vietnamese). */
export async function summaryWorkbook(results: AuditResults, pack: RulePack, lang: Lang = 'vi'): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `${results.tool.name} ${results.tool.version}`;
  wb.title = `${pack.title[lang]} — ${results.asOf}`;
  const generated = new Date(results.generatedAt);
  if (!Number.isNaN(generated.getTime())) wb.created = wb.modified = generated;
  matrixSheet(wb, results, pack, lang);
  unreachableSheet(wb, results, lang);
  return wb;
}
