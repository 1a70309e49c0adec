/**
 * journal.jsonl in the output folder: what a run has finished, so `audit --resume` skips it and a
 * killed run loses only the schools in flight. The first line is a header naming the audit (rule
 * pack, instant, school list, crawl options that change the facts, shard); each further line is one
 * finished school's SchoolCrawl, appended with a single write and an fsync. A torn last line (the
 * process died while writing it) is cut off on resume. crawl.json.gz is built from the journal.
 */
import { createHash } from 'node:crypto';
import { open, rename, truncate, writeFile, type FileHandle } from 'node:fs/promises';
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

/** Bytes read from the journal at a time: a school's line (≈ 1–10 MB) is read in several. */
const CHUNK_BYTES = 1 << 20;

export interface JournalLine {
  /** The line's bytes, without its newline. */
  bytes: Buffer;
  /** Offset just after the line's newline. */
  end: number;
  /** False for bytes after the last newline: the write the process died in (or a header alone). */
  whole: boolean;
}

/**
 * The journal's lines in order, read a chunk at a time: the next line is read only when the caller
 * asks for it, so one school's line is in memory, never the journal (readline reads ahead without
 * bound when the caller is slower than the disk, e.g. judging or gzipping each school).
 */
export async function* journalLines(file: string): AsyncGenerator<JournalLine> {
  const handle = await open(file, 'r');
  try {
    let pieces: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, offset);
      if (!bytesRead) break;
      const read = chunk.subarray(0, bytesRead);
      let from = 0;
      for (let nl = read.indexOf(0x0a); nl !== -1; nl = read.indexOf(0x0a, from)) {
        pieces.push(read.subarray(from, nl));
        // Copied out of the chunk, so that a short line does not pin the whole megabyte.
        yield { bytes: Buffer.concat(pieces), end: offset + nl + 1, whole: true };
        pieces = [];
        from = nl + 1;
      }
      if (from < bytesRead) pieces.push(Buffer.from(read.subarray(from)));
      offset += bytesRead;
    }
    if (pieces.length) yield { bytes: Buffer.concat(pieces), end: offset, whole: false };
  } finally {
    await handle.close();
  }
}

/**
 * The finished schools' lines of the journal (JSON of a SchoolCrawl each, as bytes), a line at a
 * time, up to the first torn one: what crawl.json.gz is made of, copied without being parsed.
 */
export async function* journalSchoolLines(file: string): AsyncGenerator<Buffer> {
  let first = true;
  for await (const line of journalLines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (!line.whole) return;
    yield line.bytes;
  }
}

/**
 * Reads the journal a line at a time (one school's facts in memory at a time). Returns the length in
 * bytes of its whole lines — the part to keep — or undefined when there is no journal.
 */
export async function readJournal(
  file: string,
  onSchool?: (crawl: SchoolCrawl) => void | Promise<void>,
  onHeader?: (header: JournalHeader) => boolean | void,
): Promise<number | undefined> {
  let end: number | undefined;
  try {
    for await (const line of journalLines(file)) {
      if (end === undefined) {
        if (onHeader?.(parseHeader(line.bytes.toString('utf8'), file)) === false) return line.end;
      } else {
        // A line without its newline, or not JSON, is the write the process died in.
        const handled = line.whole && handleSchool(line.bytes, onSchool);
        if (!handled) break;
        await handled.done;
      }
      end = line.end;
    }
  } catch (e) {
    if (end === undefined && (e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (end === undefined) throw new InputError('nhật ký rỗng / empty journal', file);
  return end;
}

/**
 * Parses a school's line and hands it over; false when it is not JSON. Apart from readJournal, so
 * that its suspended frame does not hold the school's facts while `onSchool` works on them.
 */
function handleSchool(bytes: Buffer, onSchool?: (crawl: SchoolCrawl) => void | Promise<void>): false | { done: void | Promise<void> } {
  let crawl: SchoolCrawl;
  try {
    crawl = JSON.parse(bytes.toString('utf8')) as SchoolCrawl;
  } catch {
    return false;
  }
  return { done: onSchool?.(crawl) };
}

export interface JournalWriter {
  /**
   * Appends a finished school; resolves once it is on disk. The crawl is read before this returns
   * (its JSON is kept as UTF-8 until written), so the caller may drop it at once.
   */
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
      // As UTF-8 a school's line is ≈ 4× smaller than its facts as objects, and several schools
      // often finish at once while the one before them is written.
      const line = jsonLineBytes(crawl);
      chain = chain.then(async () => {
        // The pieces go out one after the other: the line is whole once this append resolves.
        for (const piece of line) await handle.writeFile(piece);
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

/** About how many characters of JSON are written at once. */
const PIECE_CHARS = 1 << 18;

/**
 * `${JSON.stringify(crawl)}\n` as UTF-8, in pieces of about PIECE_CHARS characters, each array of
 * the crawl (its pages above all) turned to JSON an element at a time: the same bytes, never the
 * whole line as one string (a school's is 1–10 M characters, stored as UTF-16 for Vietnamese text).
 */
export function jsonLineBytes(crawl: SchoolCrawl): Buffer[] {
  const pieces: Buffer[] = [];
  let piece = '{';
  const put = (text: string) => {
    piece += text;
    if (piece.length >= PIECE_CHARS) {
      pieces.push(Buffer.from(piece, 'utf8'));
      piece = '';
    }
  };
  let comma = '';
  for (const [key, value] of Object.entries(crawl)) {
    if (Array.isArray(value)) {
      put(`${comma}${JSON.stringify(key)}:[`);
      // JSON.stringify writes null for an element it cannot write (undefined, a function).
      for (let i = 0; i < value.length; i++) put(`${i ? ',' : ''}${JSON.stringify(value[i]) ?? 'null'}`);
      put(']');
    } else {
      const json = JSON.stringify(value);
      if (json === undefined) continue; // a key JSON.stringify leaves out
      put(`${comma}${JSON.stringify(key)}:${json}`);
    }
    comma = ',';
  }
  pieces.push(Buffer.from(`${piece}}\n`, 'utf8'));
  return pieces;
}
