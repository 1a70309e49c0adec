/**
 * The one entry the CLI calls: writes results.json, junit.xml, summary.xlsx, report.html and one
 * workbook per school into `outDir`. Each file is written to a temporary name in the same folder and renamed, so a
 * reader (a CI job, a file share) never sees half a file and an interrupted run leaves the old one.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type ExcelJS from 'exceljs';
import type { RulePack } from '../rules/schema.js';
import type { AuditResults, ScreenshotFact } from '../types.js';
import { reportHtml } from './html.js';
import { resultsJson } from './json.js';
import { junitXml } from './junit.js';
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

/** Writes `data` to `file` through a temporary file in the same folder and a rename. */
export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(file, '..', `.${file.split(/[\\/]/).pop()}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
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

export async function writeReports(results: AuditResults, opts: ReportOptions): Promise<{ files: string[] }> {
  const { outDir, pack, lang = 'vi' } = opts;
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const put = async (name: string, data: string | Uint8Array) => {
    const file = join(outDir, name);
    await writeAtomic(file, data);
    files.push(file);
  };
  await put('results.json', resultsJson(results));
  await put('junit.xml', junitXml(results, pack, lang));
  await put('summary.xlsx', await workbookBytes(await summaryWorkbook(results, pack, lang)));
  await put('report.html', reportHtml(results, pack, lang));
  const used = new Set<string>();
  for (const school of results.schools) {
    let name = schoolFileName(school.id);
    // Two ids that differ only in case or in unsafe characters must not overwrite each other.
    for (let n = 2; used.has(name.toLowerCase()); n++) name = schoolFileName(`${school.id}-${n}`);
    used.add(name.toLowerCase());
    // One school at a time: a workbook of a big site holds thousands of rows in memory.
    await put(name, await workbookBytes(await schoolWorkbook(school, results, pack, (file) => readBeside(outDir, file), lang)));
  }
  return { files };
}
