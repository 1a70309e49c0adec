import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/config/errors.js';
import { journalHeader, openJournal, readJournal, readJournalHeader, resumeMismatch, type JournalSubject } from '../../src/cli/journal.js';
import type { SchoolConfig, SchoolCrawl } from '../../src/types.js';

const school = (id: string) => ({ id, name: id, url: `http://${id}.test/`, level: 'TH', boarding: false, startUrls: [], sectionUrls: {} }) as SchoolConfig;
const crawlOf = (id: string) => ({ school: school(id), reachable: true, error: null, homeUrl: `http://${id}.test/`, pages: [], attachments: [], stats: { pages: 0 } }) as unknown as SchoolCrawl;

const subject: JournalSubject = {
  rulePack: 'longbien-289-2017',
  asOf: new Date('2026-10-30T08:00:00Z'),
  schools: [school('a'), school('b'), school('c')],
  crawl: { maxPages: 80 },
  screenshots: false,
  shard: null,
};

let file: string;
beforeEach(async () => {
  file = join(await mkdtemp(join(tmpdir(), 'pa-journal-')), 'journal.jsonl');
});

async function ids(f: string): Promise<string[]> {
  const seen: string[] = [];
  await readJournal(f, (c) => void seen.push(c.school.id));
  return seen;
}

describe('the journal of finished schools', () => {
  it('starts with a header and keeps every appended school, one JSON line each', async () => {
    const j = await openJournal(file, journalHeader(subject));
    await j.append(crawlOf('b'));
    await j.append(crawlOf('a'));
    await j.close();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toMatchObject({ journal: 'portal-audit', rulePack: 'longbien-289-2017', asOf: '2026-10-30T15:00:00+07:00', shard: null });
    expect(await ids(file)).toEqual(['b', 'a']);
  });

  it('ignores a torn last line and cuts it off before appending again', async () => {
    const j = await openJournal(file, journalHeader(subject));
    await j.append(crawlOf('a'));
    await j.close();
    // The process died in the middle of writing school b.
    await appendFile(file, JSON.stringify(crawlOf('b')).slice(0, 40));
    const keep = await readJournal(file);
    expect(await ids(file)).toEqual(['a']);
    const again = await openJournal(file, journalHeader(subject), keep);
    await again.append(crawlOf('c'));
    await again.close();
    expect(await ids(file)).toEqual(['a', 'c']);
  });

  it('treats a whole JSON line without its newline as torn too', async () => {
    const j = await openJournal(file, journalHeader(subject));
    await j.close();
    await appendFile(file, JSON.stringify(crawlOf('a')));
    expect(await ids(file)).toEqual([]);
  });

  it('replaces an old journal when not resuming', async () => {
    const j = await openJournal(file, journalHeader(subject));
    await j.append(crawlOf('a'));
    await j.close();
    await (await openJournal(file, journalHeader(subject))).close();
    expect(await ids(file)).toEqual([]);
  });

  it('has no header when there is no journal, and refuses a foreign file as bad input', async () => {
    expect(await readJournalHeader(file)).toBeUndefined();
    await writeFile(file, 'hello\n');
    await expect(readJournalHeader(file)).rejects.toThrow(InputError);
  });

  it('resumes only the same audit: instant, school list, rule pack, crawl options and shard', () => {
    const h = journalHeader(subject);
    expect(resumeMismatch(h, journalHeader({ ...subject, crawl: { maxPages: 80, concurrency: 4 } }), file)).toBeUndefined();
    // a default given explicitly is the same option
    expect(resumeMismatch(journalHeader({ ...subject, crawl: {} }), journalHeader({ ...subject, crawl: { maxPages: 300 } }), file)).toBeUndefined();
    const asOf = resumeMismatch(h, journalHeader({ ...subject, asOf: new Date('2026-10-31T08:00:00Z') }), file);
    expect(asOf?.message).toMatch(/bỏ --as-of.*drop --as-of/);
    const list = resumeMismatch(h, journalHeader({ ...subject, schools: [school('a'), school('b')] }), file);
    expect(list).toBeInstanceOf(InputError);
    expect(list?.message).toMatch(/danh sách trường \/ school list.*--out.*--resume/);
    expect(resumeMismatch(h, journalHeader({ ...subject, rulePack: 'other' }), file)?.message).toMatch(/rule pack/);
    expect(resumeMismatch(h, journalHeader({ ...subject, crawl: { maxPages: 40 } }), file)?.message).toMatch(/crawl options/);
    expect(resumeMismatch(h, journalHeader({ ...subject, shard: '1/2' }), file)?.message).toMatch(/shard/);
  });
});
