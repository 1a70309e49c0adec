/**
 * Terminal output: the section table of `portal-audit check URL`, and one line per school after an
 * `audit` run. Text from pages is stripped of control characters, so a page title cannot send escape
 * sequences to the user's terminal.
 */
import type { AuditResults, SchoolResult, SectionResult, Status } from '../types.js';
import { CRAWL_ISSUES_TITLE, STATUS_COLOURS, STATUS_LABELS, STATUS_SYMBOLS, crawlIssueStatus, mandatoryTally, shortLabel, tallyLine, type Lang } from './labels.js';

export interface ConsoleOptions {
  color: boolean;
  lang: Lang;
  /** Total width in columns (default 100). */
  width?: number;
}

const T = {
  code: { vi: 'Mã', en: 'Code' },
  section: { vi: 'Chuyên mục', en: 'Section' },
  status: { vi: 'Kết quả', en: 'Result' },
  reason: { vi: 'Lý do', en: 'Reason' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  unreachable: { vi: 'Không truy cập được', en: 'Unreachable' },
  pages: { vi: 'trang', en: 'pages' },
  total: { vi: 'Tổng', en: 'Total' },
  schools: { vi: 'trường', en: 'schools' },
};

/** One line of plain text: NFC, control characters (ESC included) removed, whitespace folded. */
function plain(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Columns a string takes: combining marks take none (text is NFC, but a stray mark may remain). */
function displayWidth(s: string): number {
  return [...s.replace(/\p{M}/gu, '')].length;
}

function fit(s: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(s) <= width) return s + ' '.repeat(width - displayWidth(s));
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…${' '.repeat(Math.max(0, width - 1 - displayWidth(out)))}`;
}

function paint(text: string, sgr: string, color: boolean): string {
  return color ? `\x1b[${sgr}m${text}\x1b[0m` : text;
}

function statusCell(status: Status, lang: Lang, width: number, color: boolean): string {
  return paint(fit(`${STATUS_SYMBOLS[status]} ${STATUS_LABELS[status][lang]}`, width), STATUS_COLOURS[status].ansi, color);
}

/**
 * The reason to show for a section: the first finding that gave the section its status; for a pass,
 * the last one (the most specific check: "next week published at …" rather than "section present").
 */
function firstReason(s: SectionResult, lang: Lang): string {
  const decisive = s.findings.filter((x) => x.status === s.status);
  const f = (s.status === 'pass' ? decisive.at(-1) : decisive[0]) ?? s.findings[0];
  return f ? plain(f.message[lang]) : '';
}

/** The table of one school's sections, its notes ("due in N hours") and its summary line. */
export function sectionTable(school: SchoolResult, opts: ConsoleOptions): string {
  const { color, lang } = opts;
  const width = Math.max(60, opts.width ?? 100);
  const out: string[] = [];
  out.push(paint(plain(`${school.name} — ${school.url} (${school.level}${school.boarding ? ', bán trú' : ''})`), '1', color));
  out.push(`${school.pagesCrawled} ${T.pages[lang]}`);
  if (!school.reachable) out.push(paint(`${T.unreachable[lang]}: ${plain(school.error ?? '')}`, '1;31', color));
  out.push('');

  const codeW = Math.max(displayWidth(T.code[lang]), ...school.sections.map((s) => displayWidth(s.code)));
  const statusW = Math.max(...Object.values(STATUS_LABELS).map((l) => displayWidth(l[lang]) + 2));
  const gaps = 3 * 2;
  const rest = width - codeW - statusW - gaps;
  const titles = school.sections.map((s) => shortLabel(plain(lang === 'vi' ? s.title : s.titleEn)));
  // The name gets up to 40 % of what is left (at least 16 columns), the reason the rest (at least 10).
  const reasonMin = 10;
  const sectionW = Math.min(Math.max(displayWidth(T.section[lang]), ...titles.map(displayWidth)), Math.max(16, Math.floor(rest * 0.4)), rest - reasonMin);
  const reasonW = rest - sectionW;

  out.push(paint([fit(T.code[lang], codeW), fit(T.section[lang], sectionW), fit(T.status[lang], statusW), T.reason[lang]].join('  '), '1', color));
  school.sections.forEach((s, i) => {
    const reason = fit(firstReason(s, lang), reasonW).trimEnd();
    out.push([fit(s.code, codeW), fit(titles[i]!, sectionW), statusCell(s.status, lang, statusW, color), reason].join('  ').trimEnd());
  });

  const notes = school.sections.flatMap((s) => s.notes.map((n) => `  ${s.code} ${shortLabel(plain(lang === 'vi' ? s.title : s.titleEn))}: ${plain(n[lang])}`));
  if (notes.length) out.push('', paint(`${T.notes[lang]}:`, '1', color), ...notes);
  const issues = (school.crawlIssues ?? []).map((i) => `  ${STATUS_SYMBOLS[crawlIssueStatus(i)]} ${plain(i.message[lang])}`);
  if (issues.length) out.push('', paint(`${CRAWL_ISSUES_TITLE[lang]}:`, '1', color), ...issues);

  out.push('', paint(`${tallyLine(mandatoryTally(school), lang)}.`, '1', color));
  return `${out.join('\n')}\n`;
}

function counts(summary: SchoolResult['summary'], color: boolean): string {
  const part = (status: Status, n: number) => paint(`${STATUS_SYMBOLS[status]} ${String(n).padStart(2)}`, STATUS_COLOURS[status].ansi, color);
  return [part('pass', summary.pass), part('fail', summary.fail), part('warn', summary.warn), part('unknown', summary.unknown)].join('  ');
}

/** One line per school (id, counts, unreachable error) and a total line. */
export function runSummary(results: AuditResults, opts: Omit<ConsoleOptions, 'width'>): string {
  const { color, lang } = opts;
  const idW = Math.max(8, ...results.schools.map((s) => displayWidth(plain(s.id))));
  const lines = results.schools.map((s) => {
    const line = `${fit(plain(s.id), idW)}  ${counts(s.summary, color)}`;
    return s.reachable ? line : `${line}  ${paint(`${T.unreachable[lang]}: ${plain(s.error ?? '')}`, STATUS_COLOURS.fail.ansi, color)}`;
  });
  const total = { pass: 0, fail: 0, warn: 0, unknown: 0, na: 0 };
  for (const s of results.schools) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s.summary[k];
  const down = results.schools.filter((s) => !s.reachable).length;
  const head = `${T.total[lang]}: ${results.schools.length} ${T.schools[lang]}${down ? `, ${down} ${T.unreachable[lang].toLowerCase()}` : ''}`;
  lines.push(`${paint(head, '1', color)}  ${counts(total, color)}`);
  return `${lines.join('\n')}\n`;
}
