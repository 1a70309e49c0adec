/**
 * GitHub Actions annotations: one workflow command per school × failing or warning section, so a CI
 * run shows "which school fails what" on the job's summary page. Escaping follows GitHub's
 * workflow-command rules (actions/toolkit `command.ts`): in the message `%`, `\r`, `\n`; in a
 * property value also `:` and `,`.
 */
import type { AuditResults, SchoolResult, SectionResult } from '../types.js';
import { CRAWL_ISSUES_TITLE, shortLabel, statusLabel, type Lang } from './labels.js';

/** GitHub keeps at most 50 annotations per job; more lines would only be dropped silently. */
export const MAX_ANNOTATIONS = 50;

// Control characters other than CR/LF (escaped below) mean nothing in an annotation: drop them.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F]/g;

/** The message part of a workflow command (after `::`). */
export function escapeData(text: string): string {
  return text.replace(CONTROLS, '').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`title=…`): the message rules plus `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning' | 'notice', title: string, message: string): string {
  return `::${kind} title=${escapeProperty(title)}::${escapeData(message)}`;
}

const UNREACHABLE = { vi: 'Không truy cập được cổng thông tin', en: 'Portal unreachable' };
const MORE = {
  vi: (n: number) => `Còn ${n} lỗi/lưu ý khác không hiển thị: xem junit.xml hoặc results.json.`,
  en: (n: number) => `${n} more failures/warnings not shown: see junit.xml or results.json.`,
};

/** "VIII.1 Lịch công tác tuần — Không đạt: <the section's reasons, one per line>" */
function sectionMessage(s: SectionResult, lang: Lang): string {
  const reasons = s.findings.filter((f) => f.status === s.status).map((f) => f.message[lang]);
  const head = `${s.code} ${shortLabel(lang === 'vi' ? s.title : s.titleEn || s.title)} — ${statusLabel(s.status, lang)}`;
  return reasons.length ? `${head}: ${reasons.join('\n')}` : head;
}

function schoolAnnotations(school: SchoolResult, lang: Lang): { kind: 'error' | 'warning'; line: string }[] {
  if (!school.reachable) {
    return [{ kind: 'error', line: command('error', school.name, `${UNREACHABLE[lang]}: ${school.error ?? ''} (${school.url})`) }];
  }
  const sections = school.sections
    .filter((s) => s.status === 'fail' || s.status === 'warn')
    .map((s) => {
      const kind: 'error' | 'warning' = s.status === 'fail' ? 'error' : 'warning';
      return { kind, line: command(kind, `${school.name} ${s.code}`, sectionMessage(s, lang)) };
    });
  const crawl = (school.crawlIssues ?? [])
    .filter((i) => i.severity === 'warn')
    .map((i) => ({ kind: 'warning' as const, line: command('warning', `${school.name} — ${CRAWL_ISSUES_TITLE[lang]}`, i.message[lang]) }));
  return [...sections, ...crawl];
}

/**
 * Workflow-command lines for the results: errors first (they survive the cap), then warnings, each in
 * the order of schools and sections; beyond `max` lines, one notice says how many were left out.
 */
export function githubAnnotations(results: AuditResults, lang: Lang = 'vi', max: number = MAX_ANNOTATIONS): string[] {
  const all = results.schools.flatMap((s) => schoolAnnotations(s, lang));
  const ordered = [...all.filter((a) => a.kind === 'error'), ...all.filter((a) => a.kind === 'warning')].map((a) => a.line);
  if (ordered.length <= max) return ordered;
  const shown = Math.max(0, max - 1);
  return [...ordered.slice(0, shown), command('notice', 'portal-audit', MORE[lang](ordered.length - shown))];
}

/** Whether this process runs as a GitHub Actions step (GitHub sets GITHUB_ACTIONS=true). */
export function inGithubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}
