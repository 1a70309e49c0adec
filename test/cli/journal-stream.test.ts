/**
 * The journal and crawl.json.gz handle schools of several megabytes without holding more than one
 * at a time: a line is written in pieces that add up to JSON.stringify's bytes, read back a chunk at
 * a time, and copied into crawl.json.gz without being parsed.
 */
import { appendFile, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { crawlWriter, readCrawlFile } from '../../src/cli/crawl-file.js';
import { journalHeader, journalLines, journalSchoolLines, jsonLineBytes, openJournal, readJournal, type JournalSubject } from '../../src/cli/journal.js';
import type { SchoolConfig, SchoolCrawl } from '../../src/types.js';

const school = (id: string) => ({ id, name: `Trường ${id}`, url: `http://${id}.test/`, level: 'TH', boarding: false, startUrls: [], sectionUrls: {} }) as SchoolConfig;

/** A school of `pages` pages of Vietnamese text (≈ 6 KB of JSON each), with the odd values JSON.stringify drops or turns to null. */
function bigCrawl(id: string, pages: number): SchoolCrawl {
  const text = 'Thông báo lịch công tác tuần của Ban giám hiệu trường — ngày 02/12/2026 🏫 '.repeat(80);
  return {
    school: school(id),
    startedAt: '2026-12-04T01:00:00.000Z',
    finishedAt: '2026-12-04T01:02:00.000Z',
    reachable: true,
    error: null,
    homeUrl: `http://${id}.test/`,
    pages: Array.from({ length: pages }, (_, i) => ({ url: `http://${id}.test/tin/${i}`, title: `Tin ${i} "trích dẫn"\n`, text: `${i} ${text}`, note: undefined, lone: '\ud800' })),
    attachments: [undefined, () => 1, { url: 'http://x.test/a.pdf' }],
    stats: { pages, errors: 0 },
    issues: undefined,
  } as unknown as SchoolCrawl;
}

const subject: JournalSubject = { rulePack: 'longbien-289-2017', asOf: new Date('2026-12-04T08:00:00Z'), schools: [school('a'), school('b')], crawl: {}, screenshots: false, shard: null };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pa-journal-stream-'));
});

describe('a journal line written in pieces', () => {
  it.each([
    ['an empty school', 0],
    ['a school of a few pages', 3],
    ['a school of several megabytes', 600],
  ])('has exactly the bytes of JSON.stringify for %s', (_, pages) => {
    const crawl = bigCrawl('a', pages);
    const pieces = jsonLineBytes(crawl);
    expect(Buffer.concat(pieces).equals(Buffer.from(`${JSON.stringify(crawl)}\n`))).toBe(true);
    if (pages === 600) expect(pieces.length).toBeGreaterThan(10);
  });

  it('is whole in the journal, and read back a school at a time across chunk boundaries', async () => {
    const file = join(dir, 'journal.jsonl');
    const crawls = [bigCrawl('a', 400), bigCrawl('b', 2), bigCrawl('c', 700)];
    const j = await openJournal(file, journalHeader(subject));
    // appended together, as schools finishing at once are
    await Promise.all(crawls.map((c) => j.append(c)));
    await j.close();
    expect((await stat(file)).size).toBeGreaterThan(2 * 2 ** 20);
    const read: SchoolCrawl[] = [];
    const end = await readJournal(file, (c) => void read.push(c));
    expect(end).toBe((await stat(file)).size);
    expect(read).toEqual(crawls.map((c) => JSON.parse(JSON.stringify(c))));
  });
});

describe('reading the journal', () => {
  it('gives the lines with their end offsets, and bytes after the last newline as not whole', async () => {
    const file = join(dir, 'journal.jsonl');
    const j = await openJournal(file, journalHeader(subject));
    await j.append(bigCrawl('a', 300));
    await j.close();
    await appendFile(file, '{"school":{"id":"b"');
    const bytes = await readFile(file);
    const lines = [];
    for await (const line of journalLines(file)) lines.push(line);
    expect(lines.map((l) => l.whole)).toEqual([true, true, false]);
    expect(lines.map((l) => l.end)).toEqual([bytes.indexOf(0x0a) + 1, bytes.lastIndexOf(0x0a) + 1, bytes.length]);
    expect(Buffer.concat(lines.flatMap((l) => [l.bytes, Buffer.from(l.whole ? '\n' : '')])).equals(bytes)).toBe(true);
  });

  it('reads no further than the line the caller is at', async () => {
    const file = join(dir, 'journal.jsonl');
    const j = await openJournal(file, journalHeader(subject));
    await j.append(bigCrawl('a', 1));
    await j.close();
    const lines = journalLines(file);
    await lines.next(); // the header
    expect(JSON.parse((await lines.next()).value.bytes.toString()).school.id).toBe('a');
    // Written after the reader passed school a: a reader that had read ahead to the end would miss it.
    await appendFile(file, `${JSON.stringify(bigCrawl('b', 1))}\n`);
    expect(JSON.parse((await lines.next()).value.bytes.toString()).school.id).toBe('b');
    expect((await lines.next()).done).toBe(true);
  });
});

describe('crawl.json.gz from the journal', () => {
  it('holds the journal schools byte for byte, copied as bytes, and is read back as a crawl file', async () => {
    const journal = join(dir, 'journal.jsonl');
    const crawls = [bigCrawl('a', 300), bigCrawl('b', 0)];
    const j = await openJournal(journal, journalHeader(subject));
    for (const c of crawls) await j.append(c);
    await j.close();
    await appendFile(journal, '{"torn":'); // a school the process died writing is left out
    const file = join(dir, 'crawl.json.gz');
    const store = crawlWriter(file, { tool: { name: 'portal-audit', version: '1' }, createdAt: '2026-12-04T15:00:00+07:00' });
    for await (const line of journalSchoolLines(journal)) await store.addJson(line);
    await store.finish();
    const text = gunzipSync(await readFile(file)).toString('utf8');
    const header = '{"tool":{"name":"portal-audit","version":"1"},"createdAt":"2026-12-04T15:00:00+07:00","schools":[\n';
    expect(text).toBe(`${header}${crawls.map((c) => JSON.stringify(c)).join(',\n')}]}\n`);
    const back = await readCrawlFile(file);
    expect(back.schools.map((s) => [s.school.id, s.pages.length])).toEqual([
      ['a', 300],
      ['b', 0],
    ]);
  });
});
