/**
 * summary.xlsx: the district view. One row per school, one column per section of the rule pack (a
 * colour matrix of status symbols), counts and a score, a totals row of failing schools per section,
 * the schools that could not be reached, and the district's most common faults (section × check).
 * Schools a stopped run did not audit get a row saying so, and a note under the totals.
 * Sortable and filterable; correct for 1 school and for 500.
 */
import ExcelJS from 'exceljs';
import type { RulePack } from '../rules/schema.js';
import { STATUS_SEVERITY, type AuditResults, type Finding, type SchoolResult, type Status } from '../types.js';
import { THIN_BORDER, applyFontEverywhere, putLink, putNumber, putText } from './cells.js';
import { CRAWL_ISSUES_TITLE, STATUS_COLOURS, STATUS_LABELS, STATUS_ORDER, STATUS_SYMBOLS, mandatoryScore, mandatoryTally, shortLabel, type Lang } from './labels.js';
import { HEADER_FILL, addAutoFilter, addListSheet, finishListRow, type ListColumn } from './sheet-layout.js';

/** Sheet names per language. */
export const SUMMARY_SHEETS: Record<Lang, { summary: string; unreachable: string; faults: string }> = {
  vi: { summary: 'Tổng hợp', unreachable: 'Không truy cập được', faults: 'Lỗi phổ biến' },
  en: { summary: 'Summary', unreachable: 'Unreachable', faults: 'Common faults' },
};
export const SUMMARY_SHEET = SUMMARY_SHEETS.vi.summary;
export const UNREACHABLE_SHEET = SUMMARY_SHEETS.vi.unreachable;
export const FAULTS_SHEET = SUMMARY_SHEETS.vi.faults;

/**
 * Excel number format of the score column: the number stays 0–100 (as results.json and the console
 * give it) and shows as "81%".
 */
export const SCORE_FORMAT = '0"%"';

const T = {
  id: { vi: 'Mã trường', en: 'School id' },
  name: { vi: 'Tên trường', en: 'School' },
  level: { vi: 'Cấp học', en: 'Level' },
  url: { vi: 'Cổng TTĐT', en: 'Portal' },
  reachable: { vi: 'Truy cập được', en: 'Reachable' },
  pages: { vi: 'Số trang', en: 'Pages' },
  mandatory: { vi: 'Bắt buộc đạt', en: 'Mandatory passed' },
  /** The score column; the Vietnamese header is the one the summary always had. */
  score: { vi: 'Tỉ lệ bắt buộc đạt (%)', en: 'Score (% mandatory passed)' },
  error: { vi: 'Lỗi', en: 'Error' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  failing: { vi: 'Số trường không đạt', en: 'Schools failing' },
  legend: { vi: 'Chú giải', en: 'Legend' },
  none: { vi: 'Tất cả các trường đều truy cập được.', en: 'Every school could be reached.' },
  code: { vi: 'Mã', en: 'Code' },
  section: { vi: 'Chuyên mục', en: 'Section' },
  check: { vi: 'Kiểm tra', en: 'Check' },
  worst: { vi: 'Mức nặng nhất', en: 'Worst result' },
  schools: { vi: 'Số trường', en: 'Schools' },
  schoolsFail: { vi: 'Số trường không đạt', en: 'Schools failing' },
  schoolsWarn: { vi: 'Số trường cần lưu ý', en: 'Schools with a warning' },
  ids: { vi: 'Mã các trường', en: 'School ids' },
  example: { vi: 'Ví dụ (trường đầu tiên)', en: 'Example (first school)' },
  noFaults: { vi: 'Không có lỗi hay cảnh báo nào.', en: 'No failure or warning anywhere.' },
  notAudited: { vi: 'Chưa rà soát', en: 'Not audited' },
  partial: {
    vi: (n: number, total: number) => `Báo cáo chưa đầy đủ: ${n}/${total} trường chưa được rà soát vì lần chạy bị dừng (các dòng "Chưa rà soát" ở trên). Chạy lại với --resume để rà soát nốt.`,
    en: (n: number, total: number) => `Partial report: ${n} of ${total} schools were not audited because the run was stopped (the rows "Not audited" above). Run it again with --resume to finish.`,
  },
  notAuditedCounted: {
    vi: (n: number) => `${n} trường chưa được rà soát (lần chạy bị dừng), không tính ở đây.`,
    en: (n: number) => `${n} school(s) not audited (the run was stopped) are not counted here.`,
  },
  notCounted: {
    vi: (n: number) => `${n} trường không truy cập được, không tính ở đây (xem trang "${SUMMARY_SHEETS.vi.unreachable}").`,
    en: (n: number) => `${n} school(s) could not be reached and are not counted here (see the sheet "${SUMMARY_SHEETS.en.unreachable}").`,
  },
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
    { header: T.score[lang], width: 10, centre: true },
  ];
  const ws = addListSheet(wb, SUMMARY_SHEETS[lang].summary, columns, 2);
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
    const score = mandatoryScore(tally);
    if (score !== null) putNumber(row.getCell(c), score).numFmt = SCORE_FORMAT;
    finishListRow(ws, r, columns);
    r++;
  }
  // Schools a stopped run did not audit keep their row, empty but for who they are, so the matrix lists the whole list.
  const missing = results.notAudited ?? [];
  for (const school of missing) {
    const row = ws.getRow(r);
    putText(row.getCell(1), school.id);
    putText(row.getCell(2), school.name);
    putLink(row.getCell(4), school.url);
    putText(row.getCell(5), T.notAudited[lang], { italic: true, bold: true, color: { argb: STATUS_COLOURS.unknown.font } });
    row.getCell(5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_COLOURS.unknown.fill } };
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

  if (missing.length) {
    r += 2;
    putText(ws.getCell(r, 2), T.partial[lang](missing.length, missing.length + results.schools.length), { bold: true, color: { argb: STATUS_COLOURS.fail.font } });
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
  const ws = addListSheet(wb, SUMMARY_SHEETS[lang].unreachable, columns, 1);
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

/** One fault of the district: a check of a section that failed or warned at one school or more. */
export interface CommonFault {
  sectionId: string;
  code: string;
  title: { vi: string; en: string };
  check: string;
  /** Worst status among the schools: `fail` or `warn`. */
  worst: 'fail' | 'warn';
  /** Ids of the schools, in the results' order; `fail` and `warn` split them. */
  schools: string[];
  fail: string[];
  warn: string[];
  /** The message of the first school with the worst status (its first such finding). */
  example: Finding['message'];
}

/**
 * The district's faults: one per section × check that failed or warned somewhere, counted once per
 * school at its worst status. Most schools first; at equal counts failures before warnings, then in
 * the rule pack's order and by check id, so the order is stable from run to run.
 */
export function commonFaults(results: AuditResults, pack: RulePack): CommonFault[] {
  const order = new Map(pack.sections.map((s, i) => [s.id, i]));
  const faults = new Map<string, CommonFault & { exampleStatus: Status }>();
  for (const school of results.schools) {
    for (const section of school.sections) {
      // This school's worst finding per check of the section.
      const worstByCheck = new Map<string, Finding>();
      for (const f of section.findings) {
        if (f.status !== 'fail' && f.status !== 'warn') continue;
        const seen = worstByCheck.get(f.check);
        if (!seen || STATUS_SEVERITY[f.status] > STATUS_SEVERITY[seen.status]) worstByCheck.set(f.check, f);
      }
      for (const [check, f] of worstByCheck) {
        const key = `${section.id}\u0000${check}`;
        const status = f.status as 'fail' | 'warn';
        let fault = faults.get(key);
        if (!fault) {
          const rule = pack.sections.find((s) => s.id === section.id);
          fault = {
            sectionId: section.id,
            code: section.code,
            title: rule ? rule.label : { vi: section.title, en: section.titleEn },
            check,
            worst: status,
            schools: [],
            fail: [],
            warn: [],
            example: f.message,
            exampleStatus: status,
          };
          faults.set(key, fault);
        }
        fault.schools.push(school.id);
        fault[status].push(school.id);
        if (STATUS_SEVERITY[status] > STATUS_SEVERITY[fault.exampleStatus]) {
          fault.worst = status;
          fault.example = f.message;
          fault.exampleStatus = status;
        }
      }
    }
    // Faults of the sites themselves (traps, certificates): a district fixes them with the vendor.
    for (const kind of new Set((school.crawlIssues ?? []).filter((i) => i.severity === 'warn').map((i) => i.kind))) {
      const key = `\u0000crawl\u0000${kind}`;
      let fault = faults.get(key);
      if (!fault) {
        const issue = school.crawlIssues.find((i) => i.kind === kind)!;
        fault = { sectionId: '', code: '—', title: CRAWL_ISSUES_TITLE, check: `crawl:${kind}`, worst: 'warn', schools: [], fail: [], warn: [], example: issue.message, exampleStatus: 'warn' };
        faults.set(key, fault);
      }
      fault.schools.push(school.id);
      fault.warn.push(school.id);
    }
  }
  const rank = (f: CommonFault) => order.get(f.sectionId) ?? Number.MAX_SAFE_INTEGER;
  return [...faults.values()]
    .map(({ exampleStatus: _, ...fault }) => fault)
    .sort(
      (a, b) =>
        b.schools.length - a.schools.length ||
        b.fail.length - a.fail.length ||
        rank(a) - rank(b) ||
        a.code.localeCompare(b.code) ||
        (a.check < b.check ? -1 : a.check > b.check ? 1 : 0),
    );
}

const FAULT_COLUMNS = (lang: Lang): ListColumn[] => [
  { header: T.code[lang], width: 8, centre: true },
  { header: T.section[lang], width: 30 },
  { header: T.check[lang], width: 18 },
  { header: T.worst[lang], width: 14, centre: true },
  { header: T.schools[lang], width: 9, centre: true },
  { header: T.schoolsFail[lang], width: 10, centre: true },
  { header: T.schoolsWarn[lang], width: 10, centre: true },
  { header: T.ids[lang], width: 36 },
  { header: T.example[lang], width: 60 },
];

/** "Lỗi phổ biến": what the district's schools get wrong most, to plan training and fixes. */
function faultsSheet(wb: ExcelJS.Workbook, results: AuditResults, pack: RulePack, lang: Lang): void {
  const columns = FAULT_COLUMNS(lang);
  const ws = addListSheet(wb, SUMMARY_SHEETS[lang].faults, columns, 3);
  const faults = commonFaults(results, pack);
  let r = 2;
  for (const f of faults) {
    const row = ws.getRow(r);
    putText(row.getCell(1), f.code);
    putText(row.getCell(2), f.title[lang]);
    putText(row.getCell(3), f.check);
    const colours = STATUS_COLOURS[f.worst];
    putText(row.getCell(4), `${STATUS_SYMBOLS[f.worst]} ${STATUS_LABELS[f.worst][lang]}`, { bold: true, color: { argb: colours.font } });
    row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
    putNumber(row.getCell(5), f.schools.length, { bold: true });
    putNumber(row.getCell(6), f.fail.length);
    putNumber(row.getCell(7), f.warn.length);
    putText(row.getCell(8), f.schools.join(', '));
    putText(row.getCell(9), f.example[lang]);
    finishListRow(ws, r, columns);
    r++;
  }
  addAutoFilter(ws, columns.length, r - 1);
  if (!faults.length) putText(ws.getCell(r++, 1), T.noFaults[lang], { italic: true });
  const down = results.schools.filter((s) => !s.reachable).length;
  if (down) putText(ws.getCell(++r, 1), T.notCounted[lang](down), { italic: true });
  const missing = results.notAudited?.length ?? 0;
  if (missing) putText(ws.getCell(++r, 1), T.notAuditedCounted[lang](missing), { italic: true });
}

/** The district summary workbook. `lang` chooses the sheet names and headers (default Vietnamese). */
export async function summaryWorkbook(results: AuditResults, pack: RulePack, lang: Lang = 'vi'): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `${results.tool.name} ${results.tool.version}`;
  wb.title = `${pack.title[lang]} — ${results.asOf}`;
  const generated = new Date(results.generatedAt);
  if (!Number.isNaN(generated.getTime())) wb.created = wb.modified = generated;
  matrixSheet(wb, results, pack, lang);
  unreachableSheet(wb, results, lang);
  faultsSheet(wb, results, pack, lang);
  return wb;
}
