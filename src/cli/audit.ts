/** `portal-audit audit schools.yaml`: crawl, judge and report every school of the list (or of one shard). */
import { join } from 'node:path';
import { loadSchools } from '../config/schools.js';
import { InputError } from '../config/errors.js';
import { formatInstant, localDate, parseInstant } from '../calendar/time.js';
import { loadRulePack } from '../rules/load.js';
import { githubAnnotations, inGithubActions } from '../report/annotations.js';
import { EXIT } from './exit-codes.js';
import { JOURNAL_FILE, readJournalHeader } from './journal.js';
import { breaches, crawlOptions, FAIL_ON, parseAsOf, parseChoice, parseLang, workingCalendar, type CrawlFlags } from './options.js';
import { runAudit } from './pipeline.js';
import { createProgress, progressMode, type RunProgress } from './progress.js';
import { formatShard, inShard, parseShard } from './shard.js';
import { watchStopSignals } from './signals.js';

export interface AuditFlags extends CrawlFlags {
  out?: string;
  asOf?: string;
  rules?: string;
  calendar?: string[];
  lang?: string;
  failOn?: string;
  quiet?: boolean;
  shard?: string;
  resume?: boolean;
  logFormat?: string;
}

export async function auditCommand(schoolsFile: string, flags: AuditFlags): Promise<number> {
  const logFormat = parseChoice('--log-format', flags.logFormat, ['text', 'json'] as const, 'text');
  const progress = createProgress({ mode: progressMode(logFormat), quiet: !!flags.quiet });
  if (logFormat === 'text') return audit(schoolsFile, flags, progress);
  // Machines reading the log get the failure as one more JSON line, and nothing else on stderr.
  try {
    return await audit(schoolsFile, flags, progress);
  } catch (e) {
    const input = e instanceof InputError;
    progress.error(input ? `portal-audit: ${e.toString()}` : `portal-audit: lỗi khi chạy / the run failed: ${(e as Error)?.message ?? String(e)}`);
    return input ? EXIT.input : EXIT.runFailed;
  }
}

async function audit(schoolsFile: string, flags: AuditFlags, log: RunProgress): Promise<number> {
  const now = new Date();
  let asOf = parseAsOf(flags.asOf, now);
  const failOn = parseChoice('--fail-on', flags.failOn, FAIL_ON, 'fail');
  const lang = parseLang(flags.lang);
  const shard = parseShard(flags.shard);
  const crawl = crawlOptions(flags, log);
  const rules = await loadRulePack(flags.rules);
  const list = await loadSchools(schoolsFile, { sectionIds: rules.pack.sections.map((s) => s.id) });
  const schools = inShard(list, shard);
  const outDir = flags.out ?? `reports/${localDate(now)}`;
  if (flags.resume) {
    const journal = await readJournalHeader(join(outDir, JOURNAL_FILE));
    // A resumed run judges at the instant the run began, so its reports match an uninterrupted one.
    if (journal && flags.asOf === undefined) asOf = parseInstant(journal.asOf);
    if (!journal)
      log.warn(`Không có nhật ký ${JOURNAL_FILE} trong ${outDir}: rà soát từ đầu / No ${JOURNAL_FILE} in ${outDir}: starting from the beginning`);
  }
  const part = shard ? ` (phần/shard ${formatShard(shard)} của/of ${list.length})` : '';
  log.info(`portal-audit: ${schools.length} trường/schools${part}, quy tắc/rules ${rules.pack.id}, thời điểm/as of ${formatInstant(asOf)}`);
  const calendar = workingCalendar(flags.calendar, asOf, log);
  const stop = watchStopSignals((name) =>
    log.warn(
      `Nhận ${name}: dừng, ghi báo cáo cho các trường đã xong; nhấn Ctrl+C lần nữa để thoát ngay / ` +
        `Got ${name}: stopping, writing the reports of the schools done; press Ctrl+C again to quit at once`,
    ),
  );
  let results;
  try {
    results = await runAudit({
      schools,
      rules,
      asOf,
      outDir,
      crawl,
      log,
      progress: log,
      now,
      calendar,
      screenshots: flags.screenshots !== false,
      lang,
      signal: stop.signal,
      resume: !!flags.resume,
      shard: shard ? formatShard(shard) : null,
    });
  } finally {
    stop.dispose();
  }
  log.info(`Báo cáo / reports: ${outDir}/ (results.json, summary.xlsx, report.html, junit.xml, <trường>.xlsx, screenshots/, crawl.json.gz)`);
  if (results.notAudited?.length) {
    // A stopped run is not a complete audit: exit code 3, and how to finish it.
    log.warn(
      `Chưa rà soát ${results.notAudited.length}/${schools.length} trường vì lần chạy bị dừng; báo cáo chỉ gồm ${results.schools.length} trường đã xong. ` +
        `Chạy lại đúng lệnh này, thêm --resume, để rà soát nốt / ` +
        `${results.notAudited.length} of ${schools.length} schools not audited: the run was stopped and the reports hold only the ${results.schools.length} finished. ` +
        `Run the same command again with --resume to finish it`,
    );
    return EXIT.runFailed;
  }
  if (inGithubActions() && flags.logFormat !== 'json') for (const line of githubAnnotations(results, lang)) process.stderr.write(`${line}\n`);
  return breaches(results, failOn) ? EXIT.findings : EXIT.ok;
}
