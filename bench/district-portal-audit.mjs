// portal-audit's HTTP-only crawl of the synthetic district, as the CLI drives it: one crawler (one
// global limit of 16 requests), a fixed number of schools at once, and each school's facts dropped
// as soon as it is done (the CLI streams them to crawl.json.gz and keeps only the judged result).
// Child of bench/district.mjs; prints one JSON line.
import pLimit from 'p-limit';
import { createCrawler } from '../dist/crawl/crawler.js';
import { childArgs, startMeasure } from './district-measure.mjs';

const { ports, pages: perPortal, schools } = childArgs();
// allowPrivate: the whole district is on 127.0.0.1 (the schools' own URLs are loopback addresses)
const crawler = createCrawler({ concurrency: 16, render: 'never', maxPages: Number(perPortal) + 50, allowPrivate: true });
const limit = pLimit(Number(schools));
const done = startMeasure();
let pages = 0;
let errors = 0;
let requests = 0;
await Promise.all(
  ports.map((port, i) =>
    limit(async () => {
      const crawl = await crawler.crawlSchool({
        id: `truong-${i + 1}`,
        name: `Trường Tiểu học Số ${i + 1}`,
        url: `http://127.0.0.1:${port}/`,
        level: 'TH',
        boarding: true,
        startUrls: [],
        sectionUrls: {},
      });
      pages += crawl.pages.length - crawl.stats.errors;
      errors += crawl.stats.errors;
      requests += crawl.stats.requests;
    }),
  ),
);
await crawler.close();
process.stdout.write(`${JSON.stringify(done({ pages, errors, requests }))}\n`);
