/**
 * How a status looks in every report: its words (Vietnamese and English), its symbol and its colours.
 * One table, so the school workbook, the district matrix, JUnit and the terminal never disagree.
 */
import type { Bilingual, CrawlIssue, SchoolResult, Status } from '../types.js';

export type Lang = 'vi' | 'en';

/** Worst first: the order of columns and counts everywhere. */
export const STATUS_ORDER: readonly Status[] = ['pass', 'fail', 'warn', 'unknown', 'n/a'];

export const STATUS_LABELS: Record<Status, Bilingual> = {
  pass: { vi: 'Đạt', en: 'Pass' },
  fail: { vi: 'Không đạt', en: 'Fail' },
  warn: { vi: 'Cần lưu ý', en: 'Warning' },
  unknown: { vi: 'Cần kiểm tra thủ công', en: 'Check by hand' },
  'n/a': { vi: 'Không áp dụng', en: 'Not applicable' },
};

export const STATUS_SYMBOLS: Record<Status, string> = {
  pass: '✓',
  fail: '✗',
  warn: '!',
  unknown: '?',
  'n/a': '–',
};

export interface StatusColours {
  /** Cell fill, ARGB. */
  fill: string;
  /** Cell font colour, ARGB. */
  font: string;
  /** ANSI SGR code for terminals. */
  ansi: string;
}

/** Light fills with dark text: readable on screen and on a black-and-white printer. */
export const STATUS_COLOURS: Record<Status, StatusColours> = {
  pass: { fill: 'FFC6EFCE', font: 'FF006100', ansi: '32' },
  fail: { fill: 'FFFFC7CE', font: 'FF9C0006', ansi: '31' },
  warn: { fill: 'FFFFEB9C', font: 'FF9C5700', ansi: '33' },
  unknown: { fill: 'FFDDEBF7', font: 'FF1F4E78', ansi: '36' },
  'n/a': { fill: 'FFEDEDED', font: 'FF595959', ansi: '90' },
};

/** Faults met while crawling (traps, certificate, robots.txt …): listed apart from the sections. */
export const CRAWL_ISSUES_TITLE: Bilingual = { vi: 'Sự cố khi thu thập dữ liệu', en: 'Crawl issues' };

/** A crawl issue shown like a finding: a fault of the site warns; one for the record is greyed. */
export function crawlIssueStatus(issue: CrawlIssue): Status {
  return issue.severity === 'warn' ? 'warn' : 'n/a';
}

export function statusLabel(status: Status, lang: Lang = 'vi'): string {
  return STATUS_LABELS[status][lang];
}

/** "✗ Không đạt" */
export function statusWithSymbol(status: Status, lang: Lang = 'vi'): string {
  return `${STATUS_SYMBOLS[status]} ${STATUS_LABELS[status][lang]}`;
}

/** Counts over the sections a school must have: the figures of the official summary line. */
export interface MandatoryTally {
  total: number;
  pass: number;
  fail: number;
  warn: number;
  unknown: number;
}

export function mandatoryTally(school: SchoolResult): MandatoryTally {
  const t: MandatoryTally = { total: 0, pass: 0, fail: 0, warn: 0, unknown: 0 };
  for (const s of school.sections) {
    if (!s.mandatory || s.status === 'n/a') continue;
    t.total++;
    t[s.status]++;
  }
  return t;
}

/**
 * The school's score: the share of its mandatory sections met, in whole percent 0–100 (17 of 21 → 81),
 * or null when no section is mandatory for it (nothing to score).
 */
export function mandatoryScore(t: MandatoryTally): number | null {
  return t.total ? Math.round((100 * t.pass) / t.total) : null;
}

/**
 * "Đạt 15/20 chuyên mục bắt buộc; không đạt 3; cần lưu ý 1; cần kiểm tra thủ công 1" and its English
 * twin. Counts are over mandatory sections, so the four figures add up to the total.
 */
export function tallyLine(t: MandatoryTally, lang: Lang): string {
  return lang === 'vi'
    ? `Đạt ${t.pass}/${t.total} chuyên mục bắt buộc; không đạt ${t.fail}; cần lưu ý ${t.warn}; cần kiểm tra thủ công ${t.unknown}`
    : `Passed ${t.pass}/${t.total} mandatory sections; failed ${t.fail}; warnings ${t.warn}; to check by hand ${t.unknown}`;
}

/** `2026-08-20` → `20/08/2026`, the way Vietnamese documents write dates. Other text is returned as is. */
export function viDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

/** "Cơ cấu tổ chức (Ban giám hiệu, …)" → "Cơ cấu tổ chức": section names for narrow places. */
export function shortLabel(label: string): string {
  const cut = label.indexOf('(');
  return (cut > 0 ? label.slice(0, cut) : label).trim();
}
