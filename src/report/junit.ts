/**
 * junit.xml for CI: one <testsuite> per school, one <testcase> per section. fail → <failure>,
 * warn → passes with its findings in <system-out>, unknown → <skipped message>, n/a → <skipped/>.
 * An unreachable school is a single failing test case "reachable"; a school a stopped run did not
 * audit, a single skipped test case "audited".
 */
import type { RulePack } from '../rules/schema.js';
import type { AuditResults, Finding, NotAuditedSchool, SchoolResult, SectionResult } from '../types.js';
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

/** What the suite of a school counts: the slim copy of a result (`slimSchool`) gives the same as the whole. */
function suiteCounts(school: SchoolResult): SuiteCounts {
  if (!school.reachable) return { tests: 1, failures: 1, skipped: 0 };
  return {
    tests: school.sections.length,
    failures: school.sections.filter((s) => s.status === 'fail').length,
    skipped: school.sections.filter((s) => s.status === 'unknown' || s.status === 'n/a').length,
  };
}

function testSuite(school: SchoolResult, lang: Lang): string {
  const time = seconds(school.startedAt, school.finishedAt);
  const c = suiteCounts(school);
  const head =
    `  <testsuite name="${attr(`${school.id} — ${school.name}`)}" tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}" time="${time}" timestamp="${attr(school.startedAt)}">\n` +
    `    <properties>\n      <property name="url" value="${attr(school.url)}"/>\n      <property name="level" value="${attr(school.level)}"/>\n      <property name="pagesCrawled" value="${school.pagesCrawled}"/>\n    </properties>\n`;
  if (!school.reachable) {
    const error = school.error ?? 'unknown error';
    const message = lang === 'vi' ? `Không truy cập được cổng thông tin / Portal unreachable: ${error}` : `Portal unreachable / Không truy cập được cổng thông tin: ${error}`;
    return (
      head +
      `    <testcase classname="${attr(school.id)}" name="reachable" time="${time}">\n      <failure message="${attr(message)}" type="unreachable">${xmlEscape(`${school.url}\n${error}`)}</failure>\n    </testcase>\n  </testsuite>`
    );
  }
  const cases = school.sections.map((s) => testCase(school, s, lang)).join('\n');
  return `${head}${cases}\n${crawlIssuesOut(school, lang)}  </testsuite>`;
}

const NOT_AUDITED = {
  vi: 'Chưa rà soát: lần chạy bị dừng trước khi xong trường này (chạy lại với --resume)',
  en: 'Not audited: the run was stopped before this school was done (run again with --resume)',
};

/** A school a stopped run did not audit: one skipped test case "audited", so CI lists it rather than losing it. */
function notAuditedSuite(school: NotAuditedSchool, lang: Lang): string {
  const message = lang === 'vi' ? `${NOT_AUDITED.vi} / ${NOT_AUDITED.en}` : `${NOT_AUDITED.en} / ${NOT_AUDITED.vi}`;
  return (
    `  <testsuite name="${attr(`${school.id} — ${school.name}`)}" tests="1" failures="0" errors="0" skipped="1" time="0">\n` +
    `    <properties>\n      <property name="url" value="${attr(school.url)}"/>\n    </properties>\n` +
    `    <testcase classname="${attr(school.id)}" name="audited" time="0">\n      <skipped message="${attr(message)}"/>\n    </testcase>\n  </testsuite>`
  );
}

/** The junit.xml document. `lang` chooses which language comes first in messages (default Vietnamese). */
export function junitXml(results: AuditResults, pack: RulePack, lang: Lang = 'vi'): string {
  const parts = junitXmlParts(results, pack, lang);
  return `${parts.head}${results.schools.map((s, i) => parts.school(s, i)).join('')}${parts.tail}`;
}

/**
 * junit.xml in pieces, so it can be written a school at a time: `head` (with the totals), then
 * `school(s, i)` for each school in order, then `tail`. The head needs of each school only what
 * `slimSchool` keeps (statuses, times); `school` needs the whole result.
 */
export function junitXmlParts(results: AuditResults, pack: RulePack, lang: Lang = 'vi') {
  const missing = results.notAudited ?? [];
  const total = { tests: missing.length, failures: 0, skipped: missing.length, time: 0 };
  for (const school of results.schools) {
    const c = suiteCounts(school);
    total.tests += c.tests;
    total.failures += c.failures;
    total.skipped += c.skipped;
    total.time += Number(seconds(school.startedAt, school.finishedAt));
  }
  return {
    head:
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<testsuites name="${attr(`portal-audit ${pack.id} ${results.asOf}`)}" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}" time="${total.time.toFixed(3)}">\n`,
    school: (s: SchoolResult, _i: number) => `${testSuite(s, lang)}\n`,
    tail: `${missing.map((s) => `${notAuditedSuite(s, lang)}\n`).join('')}</testsuites>\n`,
  };
}
