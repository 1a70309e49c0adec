/**
 * The entries the CLI calls to write results.json, junit.xml, summary.xlsx, report.html and one
 * workbook per school into `outDir`: `openReportWriter` as schools finish (audit), `writeReports`
 * for results already in hand (judge, merge, check --out). Each file is written to a temporary name
 * in the same folder and renamed, so a reader (a CI job, a file share) never sees half a file and an
 * interrupted run leaves the old one.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type ExcelJS from 'exceljs';
import type { RulePack } from '../rules/schema.js';
import type { AuditResults, SchoolResult, ScreenshotFact } from '../types.js';
import { reportHtmlParts } from './html.js';
import { resultsJsonParts } from './json.js';
import { junitXmlParts } from './junit.js';
import type { Lang } from './labels.js';
import { schoolWorkbook } from './school-workbook.js';
import { summaryWorkbook } from './summary-workbook.js';

export interface ReportOptions {
  outDir: string;
  pack: RulePack;
  /** Language of the labels and of the message shown first, in every report: workbooks, report.html, JUnit (default Vietnamese). */
  lang?: Lang;
}

const RESERVED = new Set(['results', 'summary', 'junit']);

/**
 * File name of a school's workbook: its id, kept to safe characters (ids from a merged results file
 * were not validated by us), and never one of the run's own files.
 */
export function schoolFileName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'school';
  return `${RESERVED.has(safe.toLowerCase()) ? `school-${safe}` : safe}.xlsx`;
}

/**
 * Screenshots stay where the audit saved them: a path relative to `fromDir` (the audit's folder)
 * made relative to `toDir` (where reports are written now), e.g. `../2026-10-30/screenshots/…`.
 */
export function relinkScreenshot(shot: ScreenshotFact | undefined, fromDir: string, toDir: string): void {
  if (shot && resolve(fromDir) !== resolve(toDir)) shot.file = relative(toDir, join(fromDir, ...shot.file.split('/'))).split(sep).join('/');
}

/** Fills a temporary file beside `file` with `fill`, then renames it to `file`; on failure the old file stays. */
async function replaceAtomically(file: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = join(file, '..', `.${file.split(/[\\/]/).pop()}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fill(tmp);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Writes `data` to `file` through a temporary file in the same folder and a rename. */
export function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  return replaceAtomically(file, (tmp) => writeFile(tmp, data));
}

/** Writes all of `bytes` at `position` of the open file (a write may take fewer bytes than asked). */
async function writeAllAt(fh: FileHandle, bytes: Uint8Array, position: number | null): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await fh.write(bytes, done, bytes.length - done, position === null ? null : position + done);
    done += bytesWritten;
  }
}

/** Reads `length` bytes at `position` of the open file. */
async function readAllAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  for (let done = 0; done < length; ) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (!bytesRead) throw new Error(`short read in ${SPOOL_PREFIX} file at ${position + done}`);
    done += bytesRead;
  }
  return buf;
}

/** A screenshot file relative to the output folder, or nothing when it is gone. */
function readBeside(outDir: string, file: string): Buffer | undefined {
  try {
    return readFileSync(join(outDir, ...file.split('/')));
  } catch {
    return undefined;
  }
}

async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * What a school is to the district: all that the heads of report.html and junit.xml, summary.xlsx,
 * the GitHub annotations and the exit code read of it. Sections keep their status and the check and
 * message of their failures and warnings; the page index, page lists and mapping, evidence, notes
 * and remedies go (results.json, report.html's school blocks, junit.xml's suites and the school's
 * workbook are written from the whole result). The copy keeps the `SchoolResult` shape with those
 * fields emptied: do not read them from it.
 *
 * Memory per school kept: the demo's six fixture portals (20–60 pages each) measure 39–71 KB of JSON
 * whole (61 KB on average; ~26 KB without the page index and mapping) and 6–9 KB slim (7.6 KB), so
 * a city's ~2,700 schools keep ≈ 20 MB of JSON's worth rather than ≈ 160 MB (in the heap, less:
 * section titles are the rule pack's own strings).
 */
export function slimSchool(result: SchoolResult): SchoolResult {
  return {
    ...result,
    pages: [],
    sections: result.sections.map((s) => ({
      ...s,
      pages: [],
      mapping: [],
      notes: [],
      remediation: null,
      findings: s.findings.filter((f) => f.status === 'fail' || f.status === 'warn').map(({ check, status, message }) => ({ check, status, message, evidence: [] })),
    })),
  };
}

export interface ReportWriterOptions extends ReportOptions {
  /** results.json without its schools (tool, rule pack, instant, generatedAt …), its keys in place. */
  header: Omit<AuditResults, 'schools'>;
  /**
   * School ids in the list's order. The reports follow it whatever order the schools are added in,
   * and workbook names are given in it, so a run writes the same files however its crawls finish.
   * Without it, the order of `addSchool`.
   */
  order?: readonly string[];
}

export interface ReportWriter {
  /** Writes the school's workbook now and keeps the rest of its result on disk until `finish`. */
  addSchool(result: SchoolResult): Promise<void>;
  /**
   * Writes results.json (a school at a time from disk), junit.xml, summary.xlsx and report.html;
   * returns the results with slim schools (see `slimSchool`) and every file written.
   */
  finish(extra?: Pick<AuditResults, 'notAudited'>): Promise<{ results: AuditResults; files: string[] }>;
  /** Drops the schools held on disk without writing the district reports (a run that failed). */
  discard(): Promise<void>;
}

/** A document written a school at a time: `head`, `school(result, i)` for each school in order, `tail`. */
interface DocumentParts {
  head: string;
  school(result: SchoolResult, index: number): string;
  tail: string;
}

/** Name prefix of the file in which a writer holds whole results until `finish`. */
const SPOOL_PREFIX = '.results-schools.';

/**
 * The reports of a run, written as it goes: each school's workbook as soon as the school is added,
 * the district files at the end. Memory holds a slim copy of each school; the whole result waits
 * in a spool file beside the reports (one JSON line per school) until results.json is written
 * from it. Adds are taken one at a time, so at most one school workbook is built at once.
 */
export async function openReportWriter(opts: ReportWriterOptions): Promise<ReportWriter> {
  const { outDir, pack, lang = 'vi', header } = opts;
  await mkdir(outDir, { recursive: true });
  await removeDeadSpools(outDir);
  const spoolFile = join(outDir, `${SPOOL_PREFIX}${process.pid}.${randomBytes(4).toString('hex')}.jsonl.tmp`);
  const spool = await open(spoolFile, 'w+');
  let spoolEnd = 0;
  const rank = new Map<string, number>();
  opts.order?.forEach((id, i) => {
    if (!rank.has(id)) rank.set(id, i);
  });
  const added: { slim: SchoolResult; at: number; length: number; file: string; n: number }[] = [];
  // Two ids that differ only in case or in unsafe characters must not overwrite each other.
  const usedNames = new Set<string>();
  const claimName = (id: string) => {
    let name = schoolFileName(id);
    for (let n = 2; usedNames.has(name.toLowerCase()); n++) name = schoolFileName(`${id}-${n}`);
    usedNames.add(name.toLowerCase());
    return name;
  };
  const reserved = new Map<string, string>();
  for (const id of rank.keys()) reserved.set(id, claimName(id));
  const bookHeader: AuditResults = { ...header, schools: [] };
  let queue: Promise<void> = Promise.resolve();

  const add = async (result: SchoolResult) => {
    const name = reserved.get(result.id) ?? claimName(result.id);
    reserved.delete(result.id);
    // One school at a time: a workbook of a big site holds thousands of rows in memory.
    await writeAtomic(join(outDir, name), await workbookBytes(await schoolWorkbook(result, bookHeader, pack, (file) => readBeside(outDir, file), lang)));
    const line = Buffer.from(`${JSON.stringify(result)}\n`);
    await writeAllAt(spool, line, spoolEnd);
    added.push({ slim: slimSchool(result), at: spoolEnd, length: line.length - 1, file: join(outDir, name), n: added.length });
    spoolEnd += line.length;
  };

  const close = async () => {
    await queue.catch(() => undefined);
    await spool.close().catch(() => undefined);
    await rm(spoolFile, { force: true });
  };

  return {
    addSchool(result) {
      const next = queue.then(() => add(result));
      queue = next.catch(() => undefined);
      return next;
    },
    async finish(extra = {}) {
      await queue;
      try {
        const inOrder = [...added].sort((a, b) => (rank.get(a.slim.id) ?? Infinity) - (rank.get(b.slim.id) ?? Infinity) || a.n - b.n);
        const results: AuditResults = { ...header, schools: inOrder.map((e) => e.slim), ...extra };
        const { schools: _, ...root } = results;
        const files: string[] = [];
        async function* whole() {
          for (const e of inOrder) yield JSON.parse((await readAllAt(spool, e.at, e.length)).toString('utf8')) as SchoolResult;
        }
        // The documents that hold every school whole are written from the spool, a school at a time.
        const stream = async (name: string, parts: DocumentParts) => {
          await replaceAtomically(join(outDir, name), async (tmp) => {
            const out = await open(tmp, 'w');
            const put = (text: string) => writeAllAt(out, Buffer.from(text), null);
            try {
              await put(parts.head);
              let i = 0;
              for await (const school of whole()) await put(parts.school(school, i++));
              await put(parts.tail);
            } finally {
              await out.close();
            }
          });
          files.push(join(outDir, name));
        };
        await stream('results.json', resultsJsonParts(root, inOrder.length));
        await stream('junit.xml', junitXmlParts(results, pack, lang));
        await writeAtomic(join(outDir, 'summary.xlsx'), await workbookBytes(await summaryWorkbook(results, pack, lang)));
        files.push(join(outDir, 'summary.xlsx'));
        await stream('report.html', reportHtmlParts(results, pack, lang));
        files.push(...inOrder.map((e) => e.file));
        return { results, files };
      } finally {
        await close();
      }
    },
    discard: close,
  };
}

/**
 * Spool files of runs that were killed (their process is gone): whole results nobody will read.
 * A spool of a process still running is left alone.
 */
async function removeDeadSpools(outDir: string): Promise<void> {
  for (const name of await readdir(outDir)) {
    const pid = name.startsWith(SPOOL_PREFIX) ? Number(name.slice(SPOOL_PREFIX.length).split('.')[0]) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !processRuns(pid)) await rm(join(outDir, name), { force: true });
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes every report of `results` at once (judge, merge, check --out): the writer, fed in order. */
export async function writeReports(results: AuditResults, opts: ReportOptions): Promise<{ files: string[] }> {
  const { schools, ...header } = results;
  const writer = await openReportWriter({ ...opts, header });
  try {
    for (const school of schools) await writer.addSchool(school);
  } catch (e) {
    await writer.discard();
    throw e;
  }
  return { files: (await writer.finish()).files };
}
