/** `portal-audit judge crawl.json.gz`: judge saved facts again (another instant or rule pack), no network. */
import { dirname } from 'node:path';
import { judgeAll } from '../judge/judge.js';
import { loadRulePack } from '../rules/load.js';
import { relinkScreenshot, writeReports } from '../report/write.js';
import { readCrawlFile } from './crawl-file.js';
import { EXIT } from './exit-codes.js';
import { stderrLog } from './log.js';
import { breaches, FAIL_ON, parseAsOf, parseChoice, parseLang, TOOL, workingCalendar } from './options.js';
import { schoolLine } from './progress.js';

export interface JudgeFlags {
  asOf?: string;
  rules?: string;
  calendar?: string[];
  lang?: string;
  out?: string;
  failOn?: string;
  quiet?: boolean;
}

export async function judgeCommand(crawlFile: string, flags: JudgeFlags): Promise<number> {
  const now = new Date();
  const asOf = parseAsOf(flags.asOf, now);
  const failOn = parseChoice('--fail-on', flags.failOn, FAIL_ON, 'fail');
  const rules = await loadRulePack(flags.rules);
  const log = stderrLog(flags.quiet);
  const calendar = workingCalendar(flags.calendar, asOf, log);
  const crawl = await readCrawlFile(crawlFile);
  const outDir = flags.out ?? dirname(crawlFile);
  for (const p of crawl.schools.flatMap((c) => c.pages)) relinkScreenshot(p.screenshot, dirname(crawlFile), outDir);
  const results = judgeAll(crawl.schools, { asOf, rules, calendar }, { tool: TOOL, generatedAt: now });
  await writeReports(results, { outDir, pack: rules.pack, lang: parseLang(flags.lang) });
  for (const s of results.schools) log.info(schoolLine(s));
  log.info(`Báo cáo / reports: ${outDir}/`);
  return breaches(results, failOn) ? EXIT.findings : EXIT.ok;
}
