import { describe, expect, it } from 'vitest';
import { nextValueStep, TrapGuard, CHAIN_CAP, type LinkParent } from '../../src/crawl/traps.js';
import { parseInstant } from '../../src/calendar/time.js';
import { startFixtureServer } from '../../src/demo/fixture-server.js';
import { page, school, startPortal } from './helpers/portal-server.js';
import { closeAfterEach, crawler } from './helpers/session.js';

closeAfterEach();

const NOW = new Date('2026-11-05T03:00:00Z');

/** Follows `next(url)` from `start` as a crawl would (each link found on the previous page); returns the verdicts. */
function walk(guard: TrapGuard, start: string, next: (i: number) => string, steps: number): boolean[] {
  let parent: LinkParent = { url: start, chain: 0 };
  const out: boolean[] = [];
  for (let i = 1; i <= steps; i++) {
    const url = next(i);
    const v = guard.check(url, parent);
    out.push(v.ok);
    if (!v.ok) break;
    parent = { url, chain: v.chain };
  }
  return out;
}

describe('nextValueStep', () => {
  it.each([
    [[12], [13], 0],
    [[2026, 11, 30], [2026, 12, 1], 1],
    [[2026, 12, 31], [2027, 1, 1], 0],
    [[2026, 11, 1], [2026, 10, 31], 1],
    [[12, 3456], [12, 3457], 1],
    [[12, 3456], [12, 3470], -1],
    [[5], [7], -1],
    [[1, 1], [2, 2], -1],
    [[3], [3, 4], -1],
  ])('%j → %j: step at %i', (a, b, step) => {
    expect(nextValueStep(a, b)).toBe(step);
  });
});

describe('TrapGuard', () => {
  it('stops a calendar that links to the next day after a walk of CHAIN_CAP days, and names the family', () => {
    const guard = new TrapGuard(NOW);
    const verdicts = walk(guard, 'http://x.edu.vn/lich?d=0', (i) => `http://x.edu.vn/lich?d=${i}`, 50);
    expect(verdicts.filter(Boolean)).toHaveLength(CHAIN_CAP);
    expect(verdicts.at(-1)).toBe(false);
    expect(guard.stopped()).toEqual([
      { rule: 'counter', pattern: '/lich?d={n}', skipped: 1, examples: [`http://x.edu.vn/lich?d=${CHAIN_CAP + 1}`] },
    ]);
    // the family stays stopped wherever its next values are found again
    expect(guard.check('http://x.edu.vn/lich?d=31', { url: 'http://x.edu.vn/lich?d=30', chain: 0 }).ok).toBe(false);
    expect(guard.stopped()[0]!.skipped).toBe(2);
  });

  it('stops a date calendar through month and year ends', () => {
    const guard = new TrapGuard(NOW);
    const day = (i: number): string => new Date(Date.UTC(2026, 11, 25 + i)).toISOString().slice(0, 10);
    const verdicts = walk(guard, `http://x.edu.vn/lich-tuan?date=${day(0)}`, (i) => `http://x.edu.vn/lich-tuan?date=${day(i)}`, 40);
    expect(verdicts.filter(Boolean)).toHaveLength(CHAIN_CAP);
    expect(guard.stopped()[0]!.pattern).toBe('/lich-tuan?date={n}-{n}-{n}');
  });

  it('stops a calendar walking by year as soon as it leaves now ± 2 years', () => {
    const guard = new TrapGuard(NOW);
    const verdicts = walk(guard, 'http://x.edu.vn/lich/2026/', (i) => `http://x.edu.vn/lich/${2026 + i}/`, 20);
    expect(verdicts).toEqual([true, true, false]);
    expect(guard.stopped()[0]).toMatchObject({ rule: 'far-date', pattern: '/lich/{n}/' });
  });

  it('lets "next page" links of a long list run much further than a calendar', () => {
    const guard = new TrapGuard(NOW);
    const verdicts = walk(guard, 'http://x.edu.vn/tin-tuc?page=1', (i) => `http://x.edu.vn/tin-tuc?page=${i + 1}`, 40);
    expect(verdicts.every(Boolean)).toBe(true);
    expect(guard.stopped()).toEqual([]);
  });

  it('never stops posts that differ by id, even when post pages link to other posts', () => {
    const guard = new TrapGuard(NOW);
    let parent: LinkParent = { url: 'http://x.edu.vn/tin-tuc/c/12', chain: 0 };
    for (let i = 0; i < 500; i++) {
      const url = `http://x.edu.vn/tin-tuc/ct/12/${3456 + i * 7}`;
      const v = guard.check(url, parent);
      expect(v.ok).toBe(true);
      parent = { url, chain: v.ok ? v.chain : 0 };
    }
    // NukeViet posts: one path, a slug per post in the query
    for (let i = 0; i < 200; i++) {
      const v = guard.check(`http://x.edu.vn/index.php?language=vi&nv=news&op=hoat-dong/bai-viet-so-${i}-${600 + i}.html`);
      expect(v.ok).toBe(true);
    }
    expect(guard.stopped()).toEqual([]);
  });

  it('stops paths that repeat a segment (relative links nesting a page in itself) but not repeated numbers', () => {
    const guard = new TrapGuard(NOW);
    expect(guard.check('http://x.edu.vn/gioi-thieu/tin/gioi-thieu/tin/').ok).toBe(true);
    expect(guard.check('http://x.edu.vn/gioi-thieu/tin/gioi-thieu/tin/gioi-thieu/').ok).toBe(false);
    expect(guard.check('http://x.edu.vn/van-ban/vbplus/1/0/0/0').ok).toBe(true);
    expect(guard.check(`http://x.edu.vn/${Array.from({ length: 13 }, (_, i) => `m${'abcdefghijklm'[i]}`).join('/')}`).ok).toBe(false);
    expect(guard.stopped().map((f) => f.rule)).toEqual(['repeating-path', 'deep-path']);
  });

  it('stops URLs with more than 6 parameters and one path under more than 50 query combinations', () => {
    const guard = new TrapGuard(NOW);
    expect(guard.check('http://x.edu.vn/loc?a=1&b=2&c=3&d=4&e=5&f=6').ok).toBe(true);
    expect(guard.check('http://x.edu.vn/loc?a=1&b=2&c=3&d=4&e=5&f=6&g=7').ok).toBe(false);
    const sorts = ['asc', 'desc', 'new', 'old', 'hot'];
    const views = ['grid', 'list', 'card', 'table', 'tile', 'mini', 'wide', 'full', 'thin', 'dark', 'lite'];
    let refused = 0;
    for (const sort of sorts) for (const view of views) if (!guard.check(`http://x.edu.vn/san-pham?sort=${sort}&view=${view}`).ok) refused++;
    expect(refused).toBe(sorts.length * views.length - 50);
    expect(guard.stopped().map((f) => [f.rule, f.pattern])).toEqual([
      ['many-params', '/loc?… (> 6)'],
      ['query-explosion', '/san-pham?…'],
    ]);
  });
});

describe('trap detection in a crawl', () => {
  it('stops an endless calendar early, well before the page limit, and reports the trap', { timeout: 30_000 }, async () => {
    // as in test/e2e/hostile-neighbours: every path answers a calendar page linking to the next day, forever
    const trap = await startPortal({}, {
      fallback: (req) => {
        const day = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('d') ?? 0);
        return page(`Lịch ngày ${day}`, [`/lich?d=${day + 1}`, `/lich/x${day}/y`]);
      },
    });
    try {
      const crawl = await crawler().crawlSchool(school(trap.url('/'), { maxPages: 40 }));
      expect(crawl.reachable).toBe(true);
      expect(trap.requests.length).toBeLessThan(40);
      expect(trap.count(`/lich?d=${CHAIN_CAP + 2}`)).toBe(0);
      expect(crawl.stats.pageLimitReached).toBe(false);
      const issue = crawl.issues?.find((i) => i.kind === 'trap');
      expect(issue).toMatchObject({ severity: 'warn', count: 1, urls: [trap.url(`/lich?d=${CHAIN_CAP + 2}`)] });
      expect(issue!.message.vi).toMatch(/^Bẫy liên kết vô tận: .+ \(\/lich\?d=\{n\}\) — đã bỏ qua 1 địa chỉ$/);
      expect(issue!.message.en).toMatch(/^Endless link trap: .+ \(\/lich\?d=\{n\}\) — 1 URL skipped$/);
    } finally {
      await trap.close();
    }
  });

  it('stops relative links that nest a page in itself', { timeout: 30_000 }, async () => {
    const site = await startPortal({}, { fallback: (req) => page(`Trang ${req.url}`, ['tin-tuc/']) });
    try {
      const crawl = await crawler().crawlSchool(school(site.url('/')));
      expect(site.count('/tin-tuc/tin-tuc/tin-tuc/')).toBe(0);
      expect(crawl.issues?.find((i) => i.kind === 'trap')).toMatchObject({ urls: [site.url('/tin-tuc/tin-tuc/tin-tuc/')] });
    } finally {
      await site.close();
    }
  });

  it('finds no trap on any fixture portal', { timeout: 120_000 }, async () => {
    const fixtures = await startFixtureServer({ anchor: parseInstant('2026-10-30T15:00:00+07:00') });
    try {
      // deeper than the default, so that any walk a portal has would show
      const c = crawler({ render: 'never', maxDepth: 8, concurrency: 32 });
      const crawls = await Promise.all(fixtures.portals.map((p) => c.crawlSchool(school(p.url, { id: p.id }))));
      for (const crawl of crawls) {
        expect(crawl.reachable, crawl.school.id).toBe(true);
        expect(crawl.issues?.filter((i) => i.kind === 'trap'), crawl.school.id).toEqual([]);
      }
    } finally {
      await fixtures.close();
    }
  });
});
