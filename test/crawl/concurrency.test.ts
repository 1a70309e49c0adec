import { afterEach, describe, expect, it } from 'vitest';
import { createCrawler, type Crawler, type CrawlOptions } from '../../src/crawl/crawler.js';
import { deadPort, InFlightCounter, page, school, startPortal, type Portal, type Route } from './helpers/portal-server.js';

const opened: { crawler?: Crawler; portals: Portal[] } = { portals: [] };

function crawler(opts: Partial<CrawlOptions> = {}): Crawler {
  opened.crawler = createCrawler({ timeoutMs: 5_000, ...opts });
  return opened.crawler;
}

afterEach(async () => {
  await opened.crawler?.close();
  opened.crawler = undefined;
  await Promise.all(opened.portals.splice(0).map((p) => p.close()));
});

/** A school portal of a home page and `n` news pages that answer a little late, so requests overlap. */
async function slowSchoolSite(n: number, inFlight: InFlightCounter): Promise<Portal> {
  const routes: Record<string, Route> = { '/': page('Trang chủ', Array.from({ length: n }, (_, i) => `/tin-tuc/${i}`)) };
  for (let i = 0; i < n; i++) routes[`/tin-tuc/${i}`] = { ...page(`Tin ${i}`), delayMs: 15 };
  const p = await startPortal(routes, { inFlight });
  opened.portals.push(p);
  return p;
}

describe('one crawler for many schools', () => {
  it('never has more than `concurrency` requests in flight for two schools crawled at once', async () => {
    const inFlight = new InFlightCounter(); // counted at the servers, across both schools
    const a = await slowSchoolSite(10, inFlight);
    const b = await slowSchoolSite(10, inFlight);
    const c = crawler({ concurrency: 2 });
    const [ca, cb] = await Promise.all([
      c.crawlSchool(school(a.url('/'), { id: 'thcs-a' })),
      c.crawlSchool(school(b.url('/'), { id: 'th-b' })),
    ]);
    expect(inFlight.max).toBeLessThanOrEqual(2);
    expect(inFlight.max).toBeGreaterThanOrEqual(1);
    expect(ca.pages).toHaveLength(11);
    expect(cb.pages).toHaveLength(11);
    expect(ca.school.id).toBe('thcs-a');
    expect(cb.school.id).toBe('th-b');
  });

  it('keeps at most `perHost` requests in flight at one school server', async () => {
    const inFlight = new InFlightCounter();
    const site = await slowSchoolSite(12, inFlight);
    const crawl = await crawler({ concurrency: 16, perHost: 3 }).crawlSchool(school(site.url('/')));
    expect(inFlight.max).toBeLessThanOrEqual(3);
    expect(crawl.pages).toHaveLength(13);
  });

  it('carries on with the other schools when one is dead', async () => {
    const inFlight = new InFlightCounter();
    const live = await slowSchoolSite(3, inFlight);
    const dead = `http://127.0.0.1:${await deadPort()}/`;
    const c = crawler({ concurrency: 4 });
    const results = await Promise.all([
      c.crawlSchool(school(dead, { id: 'mn-dead' })),
      c.crawlSchool(school(live.url('/'), { id: 'th-live' })),
    ]);
    expect(results.map((r) => [r.school.id, r.reachable])).toEqual([
      ['mn-dead', false],
      ['th-live', true],
    ]);
    expect(results[1]!.pages).toHaveLength(4);
  });
});
