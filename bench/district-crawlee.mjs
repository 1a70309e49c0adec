// The reference: Crawlee's CheerioCrawler over the same portals at the same concurrency, storing
// nothing on disk and doing nothing per page but what every crawler does (parse, read the title,
// queue the same-origin links). Child of bench/district.mjs; prints one JSON line.
//   --autoscale yes   Crawlee's own autoscaling (minConcurrency 1) instead of a fixed 16
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';
import { childArgs, startMeasure } from './district-measure.mjs';

const { ports, pages: perPortal, autoscale } = childArgs();
log.setLevel(log.LEVELS.WARNING);
// In-memory request queue and statistics: nothing written, nothing read back from an earlier run.
const config = new Configuration({ persistStorage: false, purgeOnStart: true });
let pages = 0;
let failed = 0;
const crawler = new CheerioCrawler(
  {
    maxConcurrency: 16,
    minConcurrency: autoscale === 'yes' ? 1 : 16,
    maxRequestRetries: 2, // portal-audit's `retries` default
    maxRequestsPerCrawl: ports.length * (Number(perPortal) + 50),
    async requestHandler({ $, enqueueLinks }) {
      $('title').text();
      pages++;
      // same-origin, not same-hostname: every portal is 127.0.0.1 on its own port
      await enqueueLinks({ strategy: 'same-origin' });
    },
    failedRequestHandler() {
      failed++;
    },
  },
  config,
);
const done = startMeasure();
await crawler.run(ports.map((port) => `http://127.0.0.1:${port}/`));
process.stdout.write(`${JSON.stringify(done({ pages, errors: failed, requests: pages + failed }))}\n`);
