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
import type { EvidenceTarget } from '../crawl/rendering.js';
import { applicability, judgeSchool, type JudgeOptions } from '../judge/judge.js';
import { mapSite } from '../map/sections.js';
import type { LoadedRulePack } from '../rules/load.js';
import type { Lang } from '../report/labels.js';
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
  /** Screenshots and layout of the home page and the sections' main pages (default: when writing files). */
  screenshots?: boolean;
  /** Language of the reports (default Vietnamese). */
  lang?: Lang;
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

/** Custom sections can be many pages; their layout is checked on a few. */
const CUSTOM_PAGES_SHOWN = 5;

/**
 * The pages a reviewer should see as the crawler saw them: the home page and the main page of each
 * mandatory section, and the pages of sections whose layout is checked (school-made sections).
 */
export function evidenceTargets(crawl: SchoolCrawl, rules: LoadedRulePack): EvidenceTarget[] {
  if (!crawl.reachable) return [];
  const mapping = mapSite(crawl, rules.pack);
  const targets: EvidenceTarget[] = [{ url: crawl.homeUrl, name: 'home', layout: true }];
  const seen = new Set([crawl.homeUrl]);
  for (const section of rules.pack.sections) {
    const ev = mapping.sections.get(section.id);
    if (!ev?.pages.length) continue;
    const layout = section.checks.some((c) => c.check === 'layout');
    if (!layout && !applicability(section, crawl.school).mandatory) continue;
    const pages = layout ? ev.pages.slice(0, CUSTOM_PAGES_SHOWN) : ev.pages.slice(0, 1);
    pages.forEach((p, i) => {
      if (seen.has(p.url)) return;
      seen.add(p.url);
      targets.push({ url: p.url, name: `${section.code}-${section.id}${i ? `-${i + 1}` : ''}`, layout });
    });
  }
  return targets;
}

export async function runAudit(run: AuditRun): Promise<AuditResults> {
  const writeFiles = run.writeFiles ?? true;
  const judge = judgeOptions(run.rules, run.asOf, run.calendar);
  const shots = (run.screenshots ?? writeFiles) && !!run.outDir;
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
          if (shots) await crawler.captureEvidence(crawl, evidenceTargets(crawl, run.rules), run.outDir);
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
  if (writeFiles) await writeReports(results, { outDir: run.outDir, pack: run.rules.pack, lang: run.lang ?? 'vi' });
  return results;
}
