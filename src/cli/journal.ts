/**
 * journal.jsonl in the output folder: what a run has finished, so `audit --resume` skips it and a
 * killed run loses only the schools in flight. The first line is a header naming the audit (rule
 * pack, instant, school list, crawl options that change the facts, shard); each further line is one
 * finished school's SchoolCrawl, appended with a single write and an fsync. A torn last line (the
 * process died while writing it) is cut off on resume. crawl.json.gz is built from the journal.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, stat, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { formatInstant, parseInstant } from '../calendar/time.js';
import { InputError } from '../config/errors.js';
import { DEFAULT_CRAWL_OPTIONS, type CrawlOptions } from '../crawl/crawler.js';
import type { SchoolConfig, SchoolCrawl } from '../types.js';
import { TOOL } from './options.js';

export const JOURNAL_FILE = 'journal.jsonl';

export interface JournalHeader {
  journal: 'portal-audit';
  tool: { name: string; version: string };
  rulePack: string;
  asOf: string;
  /** sha256 of the schools' entries, in the list's order. */
  schools: string;
  /** sha256 of the crawl options that change the facts (limits, rendering, robots, screenshots …). */
  crawl: string;
  /** `i/n`, or null for the whole list. */
  shard: string | null;
}

export interface JournalSubject {
  rulePack: string;
  asOf: Date;
  schools: readonly SchoolConfig[];
  crawl: Partial<CrawlOptions>;
  screenshots: boolean;
  shard: string | null;
}

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

export function journalHeader(s: JournalSubject): JournalHeader {
  // Given or defaulted, an option means the same: compare the values in effect.
  const o = { ...DEFAULT_CRAWL_OPTIONS, ...Object.fromEntries(Object.entries(s.crawl).filter(([, v]) => v !== undefined)) };
  const facts = [o.maxPages, o.maxDepth, o.render, o.robots, o.sitemaps, o.insecure, o.allowPrivate, o.maxBodyBytes, s.screenshots];
  return { journal: 'portal-audit', tool: TOOL, rulePack: s.rulePack, asOf: formatInstant(s.asOf), schools: sha256(s.schools), crawl: sha256(facts), shard: s.shard };
}

const WHAT: Record<'tool' | 'rulePack' | 'schools' | 'crawl' | 'shard', string> = {
  tool: 'phiên bản công cụ / tool version',
  rulePack: 'bộ quy tắc / rule pack',
  schools: 'danh sách trường / school list',
  crawl: 'tùy chọn thu thập (--max-pages, --render, robots …) / crawl options (--max-pages, --render, robots …)',
  shard: 'phần / shard',
};

/**
 * Why the journal cannot be resumed with these inputs (bad input, exit code 2), or nothing.
 * The instant is checked by the caller: without --as-of a resumed run keeps the journal's.
 */
export function resumeMismatch(journal: JournalHeader, now: JournalHeader, file: string): InputError | undefined {
  if (parseInstant(journal.asOf).getTime() !== parseInstant(now.asOf).getTime()) {
    return new InputError(
      `nhật ký được lập cho thời điểm ${journal.asOf}, khác --as-of ${now.asOf}: bỏ --as-of để tiếp tục, hoặc chọn thư mục --out mới / ` +
        `the journal was started for as of ${journal.asOf}, not --as-of ${now.asOf}: drop --as-of to resume, or choose a new --out folder`,
      file,
      undefined,
      '--as-of',
    );
  }
  const differs = (Object.keys(WHAT) as (keyof typeof WHAT)[]).filter((k) => JSON.stringify(journal[k]) !== JSON.stringify(now[k]));
  if (!differs.length) return undefined;
  const what = differs.map((k) => WHAT[k]).join('; ');
  return new InputError(
    `nhật ký thuộc một lần rà soát khác (${what}): chọn thư mục --out mới hoặc bỏ --resume / ` +
      `the journal belongs to another audit (${what} differ): choose a new --out folder or drop --resume`,
    file,
    undefined,
    '--resume',
  );
}

function parseHeader(line: string, file: string): JournalHeader {
  try {
    const h = JSON.parse(line) as JournalHeader;
    if (h?.journal === 'portal-audit' && typeof h.asOf === 'string') return h;
  } catch {
    // not JSON: said below
  }
  throw new InputError('không phải nhật ký của portal-audit / not a portal-audit journal', file, 1);
}

/** The header of an existing journal, or nothing when there is none. */
export async function readJournalHeader(file: string): Promise<JournalHeader | undefined> {
  let header: JournalHeader | undefined;
  await readJournal(file, undefined, (h) => {
    header = h;
    return false;
  });
  return header;
}

/**
 * Reads the journal line by line (one school's facts in memory at a time). Returns the length in
 * bytes of its whole lines — the part to keep — or undefined when there is no journal.
 */
export async function readJournal(
  file: string,
  onSchool?: (crawl: SchoolCrawl, line: string) => void | Promise<void>,
  onHeader?: (header: JournalHeader) => boolean | void,
): Promise<number | undefined> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let end = 0;
  let first = true;
  try {
    for await (const line of lines) {
      const next = end + Buffer.byteLength(line, 'utf8') + 1;
      if (first) {
        first = false;
        if (onHeader?.(parseHeader(line, file)) === false) return next;
      } else {
        // A line without its newline, or not JSON, is the write the process died in.
        if (next > size) break;
        let crawl: SchoolCrawl;
        try {
          crawl = JSON.parse(line) as SchoolCrawl;
        } catch {
          break;
        }
        await onSchool?.(crawl, line);
      }
      end = next;
    }
  } finally {
    lines.close();
  }
  if (first) throw new InputError('nhật ký rỗng / empty journal', file);
  return end;
}

export interface JournalWriter {
  /** Appends a finished school; resolves once it is on disk. */
  append(crawl: SchoolCrawl): Promise<void>;
  close(): Promise<void>;
}

/**
 * A new journal (replacing any old one), or the existing one continued after its last whole line
 * (`keepBytes` from readJournal).
 */
export async function openJournal(file: string, header: JournalHeader, keepBytes?: number): Promise<JournalWriter> {
  if (keepBytes === undefined) {
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(header)}\n`, { flush: true });
    await rename(tmp, file);
  } else {
    await truncate(file, keepBytes);
  }
  const handle: FileHandle = await open(file, 'a');
  let chain: Promise<void> = Promise.resolve();
  return {
    append(crawl) {
      const line = `${JSON.stringify(crawl)}\n`;
      chain = chain.then(async () => {
        await handle.writeFile(line);
        await handle.sync();
      });
      return chain;
    },
    async close() {
      await chain.catch(() => undefined);
      await handle.close();
    },
  };
}
