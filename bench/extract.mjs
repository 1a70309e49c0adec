// Extraction speed on real school pages (test/data/real-sites): CPU per page, the hot path of
// every crawl. Not a test: run `npm run bench`, compare figures within one run.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPage } from '../dist/extract/page.js';

const root = fileURLToPath(new URL('../test/data/real-sites/', import.meta.url));
const files = [];
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.html')) files.push(p);
  }
};
walk(root);

const pages = files.map((f) => ({ f: f.slice(root.length), html: readFileSync(f, 'utf8') }));
const run = ({ f, html }) =>
  extractPage({ url: `http://127.0.0.1/${f}`, finalUrl: `http://127.0.0.1/${f}`, status: 200, contentType: 'text/html', html, fetchedAt: '2026-10-30T08:00:00Z', depth: 1 });

for (const p of pages) run(p); // warm up
const rounds = 20;
const rows = [];
for (const p of pages) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.cpuUsage();
    run(p);
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  rows.push({ page: p.f, kb: Math.round(p.html.length / 1024), median: times[rounds >> 1] });
}
const total = rows.reduce((n, r) => n + r.median, 0);
const kb = rows.reduce((n, r) => n + r.kb, 0);
console.log('| page | KB | CPU ms (median of 20) |\n|---|---:|---:|');
for (const r of rows) console.log(`| ${r.page} | ${r.kb} | ${r.median.toFixed(1)} |`);
console.log(`\n${rows.length} pages, ${kb} KB: ${(total / rows.length).toFixed(1)} ms per page on average, ${((total / kb) * 30).toFixed(1)} ms per 30 KB.`);
