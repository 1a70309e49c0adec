/**
 * `portal-audit check URL`: one site, for a school's editor or a CI job before the Friday deadline.
 * Prints a table (or the results.json document, or JUnit) to stdout.
 */
import { InputError } from '../config/errors.js';
import { parseSchools } from '../config/schools.js';
import { loadRulePack } from '../rules/load.js';
import { githubAnnotations, inGithubActions } from '../report/annotations.js';
import { junitXml } from '../report/junit.js';
import { resultsJson } from '../report/json.js';
import { sectionTable } from '../report/console.js';
import { writeReports } from '../report/write.js';
import { SCHOOL_LEVELS, type SchoolLevel } from '../types.js';
import { EXIT } from './exit-codes.js';
import { stderrLog } from './log.js';
import { breaches, crawlOptions, FAIL_ON, parseAsOf, parseChoice, parseLang, workingCalendar, type CrawlFlags } from './options.js';
import { runAudit } from './pipeline.js';

export interface CheckFlags extends CrawlFlags {
  level?: string;
  boarding?: boolean;
  name?: string;
  asOf?: string;
  rules?: string;
  calendar?: string[];
  format?: string;
  failOn?: string;
  out?: string;
  lang?: string;
  quiet?: boolean;
}

/** A level guessed from the host name ("thcsgiathuy.longbien.edu.vn" → THCS), else THCS. */
export function guessLevel(url: string): SchoolLevel {
  const host = new URL(url).hostname.split('.')[0] ?? '';
  if (/^(mn|mg|mamnon|maugiao)/.test(host)) return 'MN';
  if (/^thcs/.test(host)) return 'THCS';
  if (/^thpt/.test(host)) return 'THPT';
  if (/^th/.test(host)) return 'TH';
  return 'THCS';
}

export async function checkCommand(url: string, flags: CheckFlags): Promise<number> {
  const now = new Date();
  const asOf = parseAsOf(flags.asOf, now);
  const format = parseChoice('--format', flags.format, ['table', 'json', 'junit'] as const, 'table');
  const failOn = parseChoice('--fail-on', flags.failOn, FAIL_ON, 'fail');
  const lang = parseLang(flags.lang);
  const rules = await loadRulePack(flags.rules);
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new InputError(`địa chỉ không hợp lệ / not a URL: "${url}"`, undefined, undefined, 'URL');
  }
  const level = flags.level ? flags.level.toUpperCase() : guessLevel(url);
  if (!(SCHOOL_LEVELS as readonly string[]).includes(level))
    throw new InputError(`cấp học không hợp lệ / unknown level "${flags.level}" (expected ${SCHOOL_LEVELS.join(', ')})`, undefined, undefined, '--level');
  // The same validation as schools.yaml, so a bad URL gets the same message.
  const [school] = parseSchools(
    JSON.stringify([{ id: host.replace(/[^a-z0-9.-]/gi, '-') || 'school', name: flags.name ?? host, url, level, boarding: !!flags.boarding }]),
    'URL',
  );
  const log = stderrLog(flags.quiet || format !== 'table');
  const crawl = crawlOptions(flags, log);
  if (!flags.level) log.info(`Cấp học / level: ${level} (đoán từ tên miền / guessed from the host; dùng --level để chọn)`);
  const calendar = workingCalendar(flags.calendar, asOf, log);
  const results = await runAudit({ schools: [school!], rules, asOf, outDir: flags.out ?? '', crawl, log, now, calendar, writeFiles: false, screenshots: !!flags.out && flags.screenshots !== false });
  if (flags.out) await writeReports(results, { outDir: flags.out, pack: rules.pack, lang });
  const out =
    format === 'json'
      ? resultsJson(results)
      : format === 'junit'
        ? junitXml(results, rules.pack, lang)
        : sectionTable(results.schools[0]!, { color: !!process.stdout.isTTY && !process.env.NO_COLOR, lang, width: process.stdout.columns || 100 });
  process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
  // On GitHub Actions: annotations on stderr (the runner reads both streams; stdout may hold a JSON or JUnit document).
  if (inGithubActions()) for (const line of githubAnnotations(results, lang)) process.stderr.write(`${line}\n`);
  return breaches(results, failOn) ? EXIT.findings : EXIT.ok;
}
