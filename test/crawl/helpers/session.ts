/**
 * Portals and a crawler opened by a test file, closed after each test: call `closeAfterEach()` once
 * at the top of the file, then `portal(routes)` and `crawler(opts)` in the tests.
 */
import { afterEach } from 'vitest';
import { createCrawler, type Crawler, type CrawlOptions } from '../../../src/crawl/crawler.js';
import { startPortal, type Portal, type Route } from './portal-server.js';

const opened: { crawler?: Crawler; portals: Portal[] } = { portals: [] };

export async function portal(routes: Record<string, Route>): Promise<Portal> {
  const p = await startPortal(routes);
  opened.portals.push(p);
  return p;
}

export function crawler(opts: Partial<CrawlOptions> = {}): Crawler {
  opened.crawler = createCrawler({ timeoutMs: 5_000, ...opts });
  return opened.crawler;
}

export function closeAfterEach(): void {
  afterEach(async () => {
    await opened.crawler?.close();
    opened.crawler = undefined;
    await Promise.all(opened.portals.splice(0).map((p) => p.close()));
  });
}
