/**
 * The whole audit for a list of schools: crawl each (several at once, one global request limit),
 * journal its facts as soon as it is done, judge it at the audit instant, and write the reports.
 * One school's trouble never stops the others; a stopped run reports what is done and leaves the
 * rest to `--resume`. Memory holds slim results (the reports are written as schools finish), never
 * every school's facts.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { loadWorkingCalendar, type WorkingCalendar } from '../calendar/working-days.js';
import { formatInstant } from '../calendar/time.js';
import { createCrawler, DEFAULT_CRAWL_OPTIONS, type CrawlOptions } from '../crawl/crawler.js';
import type { EvidenceTarget } from '../crawl/rendering.js';
import { applicability, judgeSchool, type JudgeOptions } from '../judge/judge.js';
import { sectionLinkTest } from '../map/labels.js';
import { mapSite } from '../map/sections.js';
import type { LoadedRulePack } from '../rules/load.js';
import type { Lang } from '../report/labels.js';
import { openReportWriter, type ReportWriter } from '../report/write.js';
import type { AuditResults, SchoolConfig, SchoolCrawl, SchoolResult } from '../types.js';
import { CRAWL_FILE, crawlWriter } from './crawl-file.js';
import { JOURNAL_FILE, journalHeader, journalSchoolLines, openJournal, readJournal, resumeMismatch, type JournalWriter } from './journal.js';
import type { Log } from './log.js';
import { TOOL } from './options.js';
import { createProgress, type RunProgress } from './progress.js';

export interface AuditRun {
  schools: SchoolConfig[];
  rules: LoadedRulePack;
  asOf: Date;
  outDir: string;
  crawl: Partial<CrawlOptions>;
  log: Log;
  /** When the run started (results' generatedAt). */
  now: Date;
  /** Also write the reports, the journal and crawl.json.gz (false for `check` printing to stdout only). */
  writeFiles?: boolean;
  /** Working days (default: the bundled decisions). */
  calendar?: WorkingCalendar;
  /** Screenshots and layout of the home page and the sections' main pages (default: when writing files). */
  screenshots?: boolean;
  /** Language of the reports (default Vietnamese). */
  lang?: Lang;
  /** Where the run stands (default: a line per school on `log`). */
  progress?: RunProgress;
  /** Stops the run: no school starts any more, and schools cut short are left for `--resume`. */
  signal?: AbortSignal;
  /** Go on from the journal in `outDir`: its schools are judged from their facts, not crawled again. */
  resume?: boolean;
  /** `i/n` when the list is one shard of a district's (recorded in the journal). */
  shard?: string | null;
}

/**
 * Schools crawled side by side: enough to fill the global request limit (`perHost` requests each,
 * plus two for schools probing attachments or waiting on a slow server), at most 32 because a school
 * in flight holds its facts in memory (~1–3 MB each).
 */
export const MAX_SCHOOLS_AT_ONCE = 32;

export function schoolsAtOnce(crawl: Partial<CrawlOptions>): number {
  const concurrency = crawl.concurrency ?? DEFAULT_CRAWL_OPTIONS.concurrency;
  const perHost = Math.min(crawl.perHost ?? DEFAULT_CRAWL_OPTIONS.perHost, concurrency);
  return Math.min(MAX_SCHOOLS_AT_ONCE, Math.ceil(concurrency / perHost) + 2);
}

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

/** crawl.json.gz from the journal, one school's line at a time, copied as bytes. */
async function writeCrawlFile(journalFile: string, file: string, now: Date): Promise<void> {
  const store = crawlWriter(file, { tool: TOOL, createdAt: formatInstant(now) });
  for await (const line of journalSchoolLines(journalFile)) await store.addJson(line);
  await store.finish();
}

/**
 * Audits the list. With files, each school's workbook is written as it finishes and only a slim copy
 * of its result stays in memory (see `slimSchool`): the returned schools have no page index and no
 * page mapping. Without files (`check`), the results come back whole.
 */
export async function runAudit(run: AuditRun): Promise<AuditResults> {
  const writeFiles = run.writeFiles ?? true;
  const judge = judgeOptions(run.rules, run.asOf, run.calendar);
  const shots = (run.screenshots ?? writeFiles) && !!run.outDir;
  const progress = run.progress ?? createProgress({ mode: 'plain', write: (text) => run.log.info(text.replace(/\n$/, '')) });
  const results = emptyResults(run.rules, run.asOf, run.now);
  // The facts go to the journal and each result to the report writer as its school finishes.
  const done = new Set<string>();
  const whole = new Map<string, SchoolResult>();
  const journalFile = join(run.outDir, JOURNAL_FILE);
  let journal: JournalWriter | undefined;
  let reports: ReportWriter | undefined;
  let out: AuditResults;
  const record = async (result: SchoolResult) => {
    done.add(result.id);
    if (reports) await reports.addSchool(result);
    else whole.set(result.id, result);
  };
  try {
    if (writeFiles) {
      const { schools: _, ...header } = results;
      reports = await openReportWriter({ outDir: run.outDir, pack: run.rules.pack, lang: run.lang ?? 'vi', header, order: run.schools.map((s) => s.id) });
      const journalHead = journalHeader({ rulePack: run.rules.pack.id, asOf: run.asOf, schools: run.schools, crawl: run.crawl, screenshots: shots, shard: run.shard ?? null });
      const keep = run.resume
        ? await readJournal(
            journalFile,
            // Not async: the school's facts are dropped once judged, not kept while its workbook is written.
            (crawl) => (done.has(crawl.school.id) ? undefined : record(judgeSchool(crawl, judge))),
            (found) => {
              const mismatch = resumeMismatch(found, journalHead, journalFile);
              if (mismatch) throw mismatch;
            },
          )
        : undefined;
      journal = await openJournal(journalFile, journalHead, keep);
    }
    const stopped = () => run.signal?.aborted ?? false;
    const crawler = createCrawler({ sectionLink: sectionLinkTest(run.rules.pack.sections), ...run.crawl });
    // A school's facts (10–30 MB as objects) go to the journal, as UTF-8 bytes, and to the judge in
    // one synchronous step, and are dropped before the disk or the reports are awaited: schools
    // often finish together. `crawlAndSettle` returns there, because an async function keeps its
    // locals alive across every later await (V8 holds them in its suspended frame).
    const crawlAndSettle = async (school: SchoolConfig) => {
      const crawl: SchoolCrawl = await crawler.crawlSchool(school, (p) => progress.schoolProgress(p), run.signal);
      // A crawl the stop cut short is not finished: it is left for --resume, never reported as complete.
      if (stopped()) return undefined;
      if (shots) await crawler.captureEvidence(crawl, evidenceTargets(crawl, run.rules), run.outDir);
      return { written: journal?.append(crawl), result: judgeSchool(crawl, judge), errors: crawl.stats.errors };
    };
    const crawlAndJudge = async (school: SchoolConfig) => {
      progress.schoolStart(school.id);
      const settled = await crawlAndSettle(school);
      await settled?.written;
      return settled && { result: settled.result, errors: settled.errors };
    };
    const limit = pLimit(schoolsAtOnce(run.crawl));
    progress.runStart(run.schools.length, done.size);
    try {
      await Promise.all(
        run.schools
          .filter((school) => !done.has(school.id))
          .map((school) =>
            limit(async () => {
              if (stopped()) return;
              const judged = await crawlAndJudge(school);
              if (!judged) return;
              await record(judged.result);
              progress.schoolDone(judged.result, judged.errors);
            }),
          ),
      );
    } finally {
      await crawler.close();
      await journal?.close();
    }
    const notAudited = run.schools.filter((s) => !done.has(s.id)).map(({ id, name, url }) => ({ id, name, url }));
    const extra = notAudited.length ? { notAudited } : {};
    if (reports) {
      await writeCrawlFile(journalFile, join(run.outDir, CRAWL_FILE), run.now);
      out = (await reports.finish(extra)).results;
      // A finished run has it all in crawl.json.gz; the journal (facts uncompressed) goes.
      if (!notAudited.length) await rm(journalFile, { force: true });
    } else {
      // Keep the order of schools.yaml, whatever order the crawls finished in.
      out = { ...results, schools: run.schools.flatMap((s) => whole.get(s.id) ?? []), ...extra };
    }
  } catch (e) {
    await reports?.discard();
    throw e;
  }
  progress.runEnd({ done: out.schools.length, total: run.schools.length, interrupted: !!out.notAudited });
  return out;
}
