/** `portal-audit audit schools.yaml`: crawl, judge and report every school of the list. */
import { loadSchools } from '../config/schools.js';
import { formatInstant, localDate } from '../calendar/time.js';
import { loadRulePack } from '../rules/load.js';
import { githubAnnotations, inGithubActions } from '../report/annotations.js';
import { EXIT } from './exit-codes.js';
import { stderrLog } from './log.js';
import { breaches, crawlOptions, FAIL_ON, parseAsOf, parseChoice, parseLang, workingCalendar, type CrawlFlags } from './options.js';
import { runAudit } from './pipeline.js';

export interface AuditFlags extends CrawlFlags {
  out?: string;
  asOf?: string;
  rules?: string;
  calendar?: string[];
  lang?: string;
  failOn?: string;
  quiet?: boolean;
}

export async function auditCommand(schoolsFile: string, flags: AuditFlags): Promise<number> {
  const now = new Date();
  const asOf = parseAsOf(flags.asOf, now);
  const failOn = parseChoice('--fail-on', flags.failOn, FAIL_ON, 'fail');
  const rules = await loadRulePack(flags.rules);
  const schools = await loadSchools(schoolsFile, { sectionIds: rules.pack.sections.map((s) => s.id) });
  const outDir = flags.out ?? `reports/${localDate(now)}`;
  const log = stderrLog(flags.quiet);
  const crawl = crawlOptions(flags, log);
  log.info(`portal-audit: ${schools.length} trường/schools, quy tắc/rules ${rules.pack.id}, thời điểm/as of ${formatInstant(asOf)}`);
  const calendar = workingCalendar(flags.calendar, asOf, log);
  const lang = parseLang(flags.lang);
  const results = await runAudit({ schools, rules, asOf, outDir, crawl, log, now, calendar, screenshots: flags.screenshots !== false, lang });
  log.info(`Báo cáo / reports: ${outDir}/ (results.json, summary.xlsx, report.html, junit.xml, <trường>.xlsx, screenshots/, crawl.json.gz)`);
  if (inGithubActions()) for (const line of githubAnnotations(results, lang)) process.stderr.write(`${line}\n`);
  return breaches(results, failOn) ? EXIT.findings : EXIT.ok;
}
