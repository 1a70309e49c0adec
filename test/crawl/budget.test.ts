import { describe, expect, it } from 'vitest';
import { page, school, startPortal } from './helpers/portal-server.js';
import { closeAfterEach, crawler, portal } from './helpers/session.js';

closeAfterEach();

describe('the time budget of one school', () => {
  it('stops a slow site when its time runs out, keeps the pages read and says so', { timeout: 20_000 }, async () => {
    // every page takes 300 ms and links to 5 more: far more than a 1.5 s budget can read
    const slow = await startPortal(
      { '/robots.txt': { status: 404 }, '/sitemap.xml': { status: 404 } },
      {
        fallback: (req) => {
          const path = (req.url ?? '/').replace(/\/$/, '');
          return { ...page(`Trang ${path}`, [1, 2, 3, 4, 5].map((i) => `${path}/${i}`), ' <a href="/van-ban.pdf">Văn bản</a>'), delayMs: 300 };
        },
      },
    );
    try {
      const started = Date.now();
      const crawl = await crawler({ schoolBudgetMs: 1_500, maxPages: 300, maxDepth: 10 }).crawlSchool(school(slow.url('/')));
      expect(Date.now() - started).toBeLessThan(10_000); // a hang guard, not a speed test
      expect(crawl.reachable).toBe(true);
      expect(crawl.error).toBeNull();
      expect(crawl.pages.length).toBeGreaterThan(1);
      expect(crawl.pages.length).toBeLessThan(60);
      expect(crawl.pages.every((p) => p.title.startsWith('Trang'))).toBe(true); // no half-read page
      expect(crawl.attachments).toEqual([]); // no probes once the time is out
      expect(crawl.stats.pageLimitReached).toBe(false);
      const issue = crawl.issues?.find((i) => i.kind === 'time-budget');
      expect(issue).toMatchObject({ severity: 'warn' });
      expect(issue!.message.vi).toMatch(new RegExp(`^Hết thời gian dành cho trường \\(1\\.5 giây\\): đã dừng với ${crawl.stats.pages} trang đã đọc`));
      expect(issue!.message.en).toMatch(/^The school's time budget \(1\.5 s\) ran out/);
      expect(issue!.count).toBeGreaterThan(0);
    } finally {
      await slow.close();
    }
  });

  it('makes a school whose home page did not arrive in time unreachable, naming the budget', { timeout: 20_000 }, async () => {
    const site = await portal({ '/': { hang: true } });
    const crawl = await crawler({ schoolBudgetMs: 300, timeoutMs: 10_000 }).crawlSchool(school(site.url('/')));
    expect(crawl.reachable).toBe(false);
    expect(crawl.error).toBe(
      `Hết thời gian dành cho trường trước khi đọc được trang chủ / The school's time budget ran out before the home page was read — ${site.url('/')}`,
    );
  });

  it('leaves a school that finishes in time without a budget issue', async () => {
    const site = await portal({ '/': page('Trang chủ', ['/a']), '/a': page('A') });
    const crawl = await crawler({ schoolBudgetMs: 60_000 }).crawlSchool(school(site.url('/')));
    expect(crawl.issues?.filter((i) => i.kind === 'time-budget')).toEqual([]);
    expect(crawl.pages).toHaveLength(2);
  });
});
