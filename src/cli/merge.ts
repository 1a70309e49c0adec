/**
 * `portal-audit merge results-*.json --out DIR`: joins the results of several runs of one audit
 * (shards of a district's list) into one set of reports. The shards must share the rule pack and the
 * audit instant, and no school may be in two of them: anything else is bad input (exit code 2).
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { parseInstant } from '../calendar/time.js';
import { fieldPath } from '../config/yaml-file.js';
import { InputError } from '../config/errors.js';
import { loadRulePack } from '../rules/load.js';
import { githubAnnotations, inGithubActions } from '../report/annotations.js';
import { relinkScreenshot, writeReports } from '../report/write.js';
import { SCHOOL_LEVELS, type AuditResults } from '../types.js';
import { EXIT } from './exit-codes.js';
import { stderrLog } from './log.js';
import { breaches, FAIL_ON, parseChoice, parseLang } from './options.js';
import { schoolLine } from './progress.js';

export interface MergeFlags {
  out?: string;
  rules?: string;
  lang?: string;
  failOn?: string;
  quiet?: boolean;
}

// The SPEC keys of results.json are required; the fields the reports read besides them get the
// values of a school with nothing to add, so a results file from an older version still merges.
const status = z.enum(['pass', 'fail', 'warn', 'unknown', 'n/a']);
const bilingual = z.object({ vi: z.string(), en: z.string() }).loose();
const screenshot = z.object({ file: z.string(), takenAt: z.string(), width: z.number() }).loose();
const count = z.number().int().nonnegative();

const finding = z.object({ check: z.string(), status, message: bilingual, evidence: z.array(z.string()) }).loose();

const section = z
  .object({
    id: z.string().min(1),
    code: z.string(),
    title: z.string(),
    mandatory: z.boolean(),
    status,
    pages: z.array(z.string()),
    latestDate: z.string().nullable(),
    findings: z.array(finding),
    titleEn: z.string().optional(),
    notes: z.array(bilingual).default([]),
    mapping: z.array(z.object({ url: z.string(), score: z.number(), reasons: z.array(z.string()) }).loose()).default([]),
    remediation: bilingual.nullable().default(null),
    screenshot: screenshot.optional(),
  })
  .loose()
  .transform((s) => ({ ...s, titleEn: s.titleEn ?? s.title }));

const page = z
  .object({
    url: z.string(),
    title: z.string(),
    status: z.number(),
    sections: z.array(z.object({ id: z.string(), score: z.number(), reasons: z.array(z.string()) }).loose()),
  })
  .loose();

const school = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    url: z.string(),
    level: z.enum(SCHOOL_LEVELS),
    reachable: z.boolean(),
    error: z.string().nullable(),
    pagesCrawled: count,
    sections: z.array(section),
    summary: z.object({ pass: count, fail: count, warn: count, unknown: count, na: count }).loose(),
    boarding: z.boolean().default(false),
    startedAt: z.string().default(''),
    finishedAt: z.string().default(''),
    pages: z.array(page).default([]),
    screenshot: screenshot.optional(),
    crawlIssues: z
      .array(z.object({ kind: z.string(), severity: z.enum(['warn', 'info']), message: bilingual, urls: z.array(z.string()), count: count.optional() }).loose())
      .default([]),
  })
  .loose();

const instant = z.string().refine((s) => {
  try {
    parseInstant(s);
    return true;
  } catch {
    return false;
  }
}, 'not an ISO 8601 instant');

const resultsSchema = z
  .object({
    tool: z.object({ name: z.string(), version: z.string() }).loose(),
    rulePack: z.object({ id: z.string().min(1), title: z.string() }).loose(),
    asOf: instant,
    generatedAt: instant.optional(),
    schools: z.array(school),
    notAudited: z.array(z.object({ id: z.string(), name: z.string(), url: z.string() }).loose()).optional(),
  })
  .loose();

/** One shard's results.json, validated; an unreadable or foreign file is an InputError naming it. */
export async function readResultsFile(file: string): Promise<AuditResults> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'không tìm thấy tệp / file not found' : `không đọc được tệp / cannot read file (${code})`, file);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`không phải JSON / not JSON: ${(e as Error).message}`, file);
  }
  const r = resultsSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InputError(`không phải tệp results.json của portal-audit / not a portal-audit results.json: ${issue.message}`, file, undefined, fieldPath(issue.path));
  }
  return r.data as unknown as AuditResults;
}

/** Joins the shards: the first file's tool, rule pack and instant; schools in the order of the files. */
export function mergeResults(shards: { file: string; results: AuditResults }[], outDir: string): AuditResults {
  const [first] = shards;
  if (!first) throw new InputError('cần ít nhất một tệp results.json / at least one results.json is needed');
  const asOf = parseInstant(first.results.asOf).getTime();
  const seen = new Map<string, string>();
  const { notAudited: _first, ...root } = first.results;
  const merged: AuditResults = { ...root, schools: [] };
  for (const { file, results } of shards) {
    if (results.rulePack.id !== first.results.rulePack.id) {
      throw new InputError(
        `bộ quy tắc khác nhau / different rule packs: "${results.rulePack.id}" ở đây, "${first.results.rulePack.id}" trong / here, but in ${first.file}`,
        file,
        undefined,
        'rulePack.id',
      );
    }
    if (parseInstant(results.asOf).getTime() !== asOf) {
      throw new InputError(
        `thời điểm rà soát khác nhau / different audit instants: ${results.asOf} ở đây / here, ${first.results.asOf} trong / in ${first.file}. ` +
          `Chạy các phần với cùng --as-of / run every shard with the same --as-of`,
        file,
        undefined,
        'asOf',
      );
    }
    // The run's time is the latest shard's: merging judges nothing anew.
    if (results.generatedAt && (!merged.generatedAt || Date.parse(results.generatedAt) > Date.parse(merged.generatedAt))) merged.generatedAt = results.generatedAt;
    const fromDir = dirname(file);
    for (const s of results.schools) {
      const other = seen.get(s.id);
      if (other !== undefined) {
        throw new InputError(`trường "${s.id}" có trong hai tệp / school "${s.id}" is in two files: ${other} và / and ${file}`, file, undefined, 'schools.id');
      }
      seen.set(s.id, file);
      relinkScreenshot(s.screenshot, fromDir, outDir);
      for (const x of s.sections) relinkScreenshot(x.screenshot, fromDir, outDir);
      merged.schools.push(s);
    }
    // A shard that was stopped leaves schools unaudited: the merge says so, as the shard did.
    if (results.notAudited?.length) (merged.notAudited ??= []).push(...results.notAudited);
  }
  merged.generatedAt ??= first.results.asOf;
  return merged;
}

export async function mergeCommand(files: string[], flags: MergeFlags): Promise<number> {
  const failOn = parseChoice('--fail-on', flags.failOn, FAIL_ON, 'fail');
  const lang = parseLang(flags.lang);
  if (!flags.out) throw new InputError('cần thư mục kết quả / an output folder is needed', undefined, undefined, '--out');
  const outDir = flags.out;
  const rules = await loadRulePack(flags.rules);
  const log = stderrLog(flags.quiet);
  const shards = [];
  for (const file of files) shards.push({ file, results: await readResultsFile(file) });
  const results = mergeResults(shards, outDir);
  // The workbooks lay out the letter's table from the pack: it must be the one the shards were judged by.
  if (results.rulePack.id !== rules.pack.id) {
    throw new InputError(
      `kết quả được chấm theo bộ quy tắc "${results.rulePack.id}", không phải "${rules.pack.id}": chọn đúng bằng --rules / the results were judged with rule pack "${results.rulePack.id}", not "${rules.pack.id}": choose it with --rules`,
      shards[0]!.file,
      undefined,
      'rulePack.id',
    );
  }
  await writeReports(results, { outDir, pack: rules.pack, lang });
  for (const s of results.schools) log.info(schoolLine(s));
  log.info(`Đã gộp / merged ${files.length} tệp/files, ${results.schools.length} trường/schools → ${outDir}/`);
  if (results.notAudited?.length) {
    log.warn(
      `Chưa rà soát ${results.notAudited.length} trường (một phần bị dừng): ${results.notAudited.map((s) => s.id).join(', ')}; chạy lại phần đó với --resume rồi gộp lại / ` +
        `${results.notAudited.length} schools not audited (a shard was stopped): resume that shard with --resume, then merge again`,
    );
    return EXIT.runFailed;
  }
  if (inGithubActions()) for (const line of githubAnnotations(results, lang)) process.stderr.write(`${line}\n`);
  return breaches(results, failOn) ? EXIT.findings : EXIT.ok;
}
