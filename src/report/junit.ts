/**
 * junit.xml for CI: one <testsuite> per school, one <testcase> per section. fail → <failure>,
 * warn → passes with its findings in <system-out>, unknown → <skipped message>, n/a → <skipped/>.
 * An unreachable school is a single failing test case "reachable".
 */
import type { RulePack } from '../rules/schema.js';
import type { AuditResults, Finding, SchoolResult, SectionResult } from '../types.js';
import { xmlSafe } from './cells.js';
import { CRAWL_ISSUES_TITLE, STATUS_LABELS, type Lang } from './labels.js';

/** Text for XML content and attribute values: forbidden characters removed, markup escaped. */
export function xmlEscape(s: string): string {
  return xmlSafe(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values keep their line breaks only as character references (parsers fold raw ones). */
function attr(s: string): string {
  return xmlEscape(s).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function seconds(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms > 0 ? (ms / 1000).toFixed(3) : '0';
}

/** Both languages, the chosen one first. */
function both(f: Pick<Finding, 'message'>, lang: Lang): string {
  const [a, b] = lang === 'vi' ? [f.message.vi, f.message.en] : [f.message.en, f.message.vi];
  return a === b ? a : `${a} / ${b}`;
}

/** The body of a failure or system-out: every non-pass finding, with its evidence. */
function findingsBody(findings: Finding[], lang: Lang): string {
  return findings
    .map((f) => {
      const lines = [`[${STATUS_LABELS[f.status][lang]}] ${f.check}: ${f.message.vi}`, `    ${f.message.en}`];
      if (f.evidence.length) lines.push(...f.evidence.map((e) => `    → ${e}`));
      if (f.dates?.length) lines.push(`    ${lang === 'vi' ? 'Ngày' : 'Dates'}: ${f.dates.join(', ')}`);
      return lines.join('\n');
    })
    .join('\n');
}

function testCase(school: SchoolResult, s: SectionResult, lang: Lang): string {
  const open = `    <testcase classname="${attr(school.id)}" name="${attr(`${s.code} ${s.id} — ${s.title}`)}" time="0"`;
  const issues = s.findings.filter((f) => f.status !== 'pass');
  const first = (status: string) => issues.find((f) => f.status === status) ?? issues[0];
  const notes = s.notes.map((n) => (lang === 'vi' ? `${n.vi} / ${n.en}` : `${n.en} / ${n.vi}`));
  switch (s.status) {
    case 'fail': {
      const f = first('fail');
      const message = f ? both(f, lang) : STATUS_LABELS.fail[lang];
      return `${open}>\n      <failure message="${attr(message)}" type="fail">${xmlEscape(findingsBody(issues, lang))}</failure>\n${systemOut(notes)}    </testcase>`;
    }
    case 'warn': {
      const out = [findingsBody(issues, lang), ...notes].filter(Boolean);
      return `${open}>\n${systemOut(out)}    </testcase>`;
    }
    case 'unknown': {
      const f = first('unknown');
      const message = f ? both(f, lang) : STATUS_LABELS.unknown[lang];
      return `${open}>\n      <skipped message="${attr(message)}"/>\n${systemOut(notes)}    </testcase>`;
    }
    case 'n/a':
      return `${open}>\n      <skipped/>\n    </testcase>`;
    default:
      return notes.length ? `${open}>\n${systemOut(notes)}    </testcase>` : `${open}/>`;
  }
}

function systemOut(lines: string[]): string {
  return lines.length ? `      <system-out>${xmlEscape(lines.join('\n'))}</system-out>\n` : '';
}

/** Faults of the site met while crawling, as the suite's output (JUnit has no place for warnings). */
function crawlIssuesOut(school: SchoolResult, lang: Lang): string {
  const issues = school.crawlIssues ?? [];
  if (!issues.length) return '';
  const lines = [`${CRAWL_ISSUES_TITLE[lang]} / ${CRAWL_ISSUES_TITLE[lang === 'vi' ? 'en' : 'vi']}:`, ...issues.map((i) => `- [${i.kind}] ${both(i, lang)}${i.urls[0] ? ` (${i.urls[0]})` : ''}`)];
  return `    <system-out>${xmlEscape(lines.join('\n'))}</system-out>\n`;
}

interface SuiteCounts {
  tests: number;
  failures: number;
  skipped: number;
}

function testSuite(school: SchoolResult, lang: Lang): { xml: string; counts: SuiteCounts; time: string } {
  const time = seconds(school.startedAt, school.finishedAt);
  const head = (c: SuiteCounts) =>
    `  <testsuite name="${attr(`${school.id} — ${school.name}`)}" tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}" time="${time}" timestamp="${attr(school.startedAt)}">\n` +
    `    <properties>\n      <property name="url" value="${attr(school.url)}"/>\n      <property name="level" value="${attr(school.level)}"/>\n      <property name="pagesCrawled" value="${school.pagesCrawled}"/>\n    </properties>\n`;
  if (!school.reachable) {
    const counts = { tests: 1, failures: 1, skipped: 0 };
    const error = school.error ?? 'unknown error';
    const message = lang === 'vi' ? `Không truy cập được cổng thông tin / Portal unreachable: ${error}` : `Portal unreachable / Không truy cập được cổng thông tin: ${error}`;
    const xml =
      head(counts) +
      `    <testcase classname="${attr(school.id)}" name="reachable" time="${time}">\n      <failure message="${attr(message)}" type="unreachable">${xmlEscape(`${school.url}\n${error}`)}</failure>\n    </testcase>\n  </testsuite>`;
    return { xml, counts, time };
  }
  const counts: SuiteCounts = {
    tests: school.sections.length,
    failures: school.sections.filter((s) => s.status === 'fail').length,
    skipped: school.sections.filter((s) => s.status === 'unknown' || s.status === 'n/a').length,
  };
  const cases = school.sections.map((s) => testCase(school, s, lang)).join('\n');
  return { xml: `${head(counts)}${cases}\n${crawlIssuesOut(school, lang)}  </testsuite>`, counts, time };
}

/** The junit.xml document. `lang` chooses which language comes first in messages (default Vietnamese). */
export function junitXml(results: AuditResults, pack: RulePack, lang: Lang = 'vi'): string {
  const suites = results.schools.map((s) => testSuite(s, lang));
  const total = suites.reduce(
    (t, s) => ({ tests: t.tests + s.counts.tests, failures: t.failures + s.counts.failures, skipped: t.skipped + s.counts.skipped, time: t.time + Number(s.time) }),
    { tests: 0, failures: 0, skipped: 0, time: 0 },
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${attr(`portal-audit ${pack.id} ${results.asOf}`)}" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}" time="${total.time.toFixed(3)}">\n` +
    suites.map((s) => `${s.xml}\n`).join('') +
    '</testsuites>\n'
  );
}
