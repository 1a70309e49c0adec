/**
 * The whole audit for a list of schools: crawl each (several at once, one global request limit),
 * save its facts, judge it at the audit instant, and write the reports. One school's trouble never
 * stops the others.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { loadWorkingCalendar, type WorkingCalendar } from '../calendar/working-days.js';
import { formatInstant } from '../calendar/time.js';
import { createCrawler, type CrawlOptions } from '../crawl/crawler.js';
import { judgeSchool, type JudgeOptions } from '../judge/judge.js';
import type { LoadedRulePack } from '../rules/load.js';
import { writeReports } from '../report/write.js';
import type { AuditResults, SchoolConfig, SchoolCrawl, SchoolResult } from '../types.js';
import { CRAWL_FILE, crawlWriter } from './crawl-file.js';
import type { Log } from './log.js';
import { TOOL } from './options.js';

export interface AuditRun {
  schools: SchoolConfig[];
  rules: LoadedRulePack;
  asOf: Date;
  outDir: string;
  crawl: Partial<CrawlOptions>;
  log: Log;
  /** When the run started (results' generatedAt). */
  now: Date;
  /** Also write the reports (false for `check` printing to stdout only). */
  writeFiles?: boolean;
  /** Working days (default: the bundled decisions). */
  calendar?: WorkingCalendar;
}

/** Schools crawled at the same time; the request limit is global, this only bounds memory. */
const SCHOOLS_AT_ONCE = 6;

export function judgeOptions(rules: LoadedRulePack, asOf: Date, calendar: WorkingCalendar = loadWorkingCalendar()): JudgeOptions {
  return { asOf, rules, calendar };
}

export function emptyResults(rules: LoadedRulePack, asOf: Date, now: Date): AuditResults {
  return {
    tool: TOOL,
    rulePack: { id: rules.pack.id, title: rules.pack.title.vi },
    asOf: formatInstant(asOf),
    generatedAt: formatInstant(now),
    schools: [],
  };
}

export function schoolLine(r: SchoolResult): string {
  if (!r.reachable) return `${r.id}: KHÔNG TRUY CẬP ĐƯỢC / UNREACHABLE — ${r.error}`;
  const s = r.summary;
  return `${r.id}: ${r.pagesCrawled} trang/pages — đạt ${s.pass}, không đạt ${s.fail}, lưu ý ${s.warn}, kiểm tra ${s.unknown}, n/a ${s.na}`;
}

export async function runAudit(run: AuditRun): Promise<AuditResults> {
  const writeFiles = run.writeFiles ?? true;
  const judge = judgeOptions(run.rules, run.asOf, run.calendar);
  const results = emptyResults(run.rules, run.asOf, run.now);
  if (writeFiles) await mkdir(run.outDir, { recursive: true });
  const store = writeFiles ? crawlWriter(join(run.outDir, CRAWL_FILE), { tool: TOOL, createdAt: formatInstant(run.now) }) : undefined;
  const crawler = createCrawler(run.crawl);
  const limit = pLimit(SCHOOLS_AT_ONCE);
  const bySchool = new Map<string, SchoolResult>();
  let done = 0;
  try {
    await Promise.all(
      run.schools.map((school) =>
        limit(async () => {
          const crawl: SchoolCrawl = await crawler.crawlSchool(school);
          await store?.add(crawl);
          const result = judgeSchool(crawl, judge);
          bySchool.set(school.id, result);
          run.log.info(`[${++done}/${run.schools.length}] ${schoolLine(result)}`);
        }),
      ),
    );
  } finally {
    await crawler.close();
    await store?.finish();
  }
  // Keep the order of schools.yaml, whatever order the crawls finished in.
  results.schools = run.schools.map((s) => bySchool.get(s.id)!);
  if (writeFiles) await writeReports(results, { outDir: run.outDir, pack: run.rules.pack });
  return results;
}
