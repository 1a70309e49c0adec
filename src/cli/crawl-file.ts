/**
 * crawl.json.gz: the gathered facts of a run, streamed school by school from the run's journal (so
 * memory stays flat: a school's JSON is copied as bytes, never parsed), and read back by
 * `portal-audit judge`.
 */
import { createWriteStream } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { once } from 'node:events';
import { gunzipSync, createGzip } from 'node:zlib';
import { z } from 'zod';
import { InputError } from '../config/errors.js';
import type { CrawlFile } from '../types.js';

export const CRAWL_FILE = 'crawl.json.gz';

export interface CrawlWriter {
  /** A school's SchoolCrawl as JSON (a journal line, its text or its UTF-8 bytes, written as it is). */
  addJson(json: string | Uint8Array): Promise<void>;
  /** Close the file and move it into place. */
  finish(): Promise<void>;
}

export function crawlWriter(file: string, header: Omit<CrawlFile, 'schools'>): CrawlWriter {
  const tmp = `${file}.tmp-${process.pid}`;
  const out = createWriteStream(tmp);
  const gz = createGzip({ level: 6 });
  gz.pipe(out);
  const write = async (s: string | Uint8Array) => {
    if (!gz.write(s)) await once(gz, 'drain');
  };
  let count = 0;
  let chain: Promise<void> = write(`${JSON.stringify(header).slice(0, -1)},"schools":[\n`);
  return {
    addJson(json) {
      chain = chain.then(async () => {
        if (count++) await write(',\n');
        await write(json);
      });
      return chain;
    },
    async finish() {
      await chain;
      gz.end(']}\n');
      await once(out, 'close');
      await rename(tmp, file);
    },
  };
}

const crawlFileSchema = z.object({
  tool: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  schools: z.array(
    z.object({ school: z.object({ id: z.string(), url: z.string() }).loose(), pages: z.array(z.unknown()), homeUrl: z.string(), reachable: z.boolean() }).loose(),
  ),
});

/** Read a crawl file, gzipped or not. */
export async function readCrawlFile(file: string): Promise<CrawlFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'không tìm thấy tệp / file not found' : `không đọc được tệp / cannot read file (${code})`, file);
  }
  let text: string;
  try {
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch {
    throw new InputError('tệp nén bị hỏng / corrupt gzip file', file);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`không phải JSON / not JSON: ${(e as Error).message}`, file);
  }
  const r = crawlFileSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InputError(`không phải tệp crawl của portal-audit / not a portal-audit crawl file: ${issue.message}`, file, undefined, issue.path.join('.'));
  }
  return data as CrawlFile;
}
