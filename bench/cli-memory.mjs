// Memory of the whole CLI (`audit … --render never --no-screenshots`) on the synthetic district:
// peak RSS from the kernel (VmHWM) and, every 200 ms, rss / heap used / external of the CLI's
// process, sampled from inside it by a preloaded script, so one sees which phase grows (the crawl,
// the reports as schools finish, crawl.json.gz and the district files at the end).
//
//   npm run build && node bench/cli-memory.mjs [--portals 10,20,40] [--pages 250] [--latency 0]
//                                               [--timeline yes] [--node-args "--max-old-space-size=256"]
//
// Prints a line per run: portals, pages crawled, wall s, peak RSS MB, and the largest heap used.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const SCALE = String(args.portals ?? '10,20,40').split(',').map(Number);
const PAGES = Number(args.pages ?? 250);
const LATENCY = Number(args.latency ?? 0);
const TIMELINE = args.timeline === 'yes';
const NODE_ARGS = args['node-args'] ? String(args['node-args']).split(' ') : [];

const work = mkdtempSync(join(tmpdir(), 'cli-memory-'));
// Sampled inside the CLI: the peak of each figure and, with --timeline, every sample.
const preload = join(work, 'sample-memory.cjs');
writeFileSync(
  preload,
  `const { writeFileSync } = require('node:fs');
const t0 = Date.now();
const samples = [];
const sample = () => { const m = process.memoryUsage(); samples.push([Date.now() - t0, m.rss, m.heapUsed, m.external + m.arrayBuffers]); };
setInterval(sample, 200).unref();
process.on('exit', () => { sample(); writeFileSync(process.env.CLI_MEMORY_OUT, JSON.stringify(samples)); });
`,
);

const servers = new Set();
process.on('exit', () => servers.forEach((s) => s.kill()));

function startServer(portals) {
  const server = spawn(process.execPath, [join(root, 'bench/district-server.mjs'), '--portals', String(portals), '--pages', String(PAGES), '--latency', String(LATENCY)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  servers.add(server);
  return new Promise((resolve) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ server, ...JSON.parse(out) });
    });
  });
}

function cliAudit(ports) {
  const dir = mkdtempSync(join(work, 'run-'));
  const schools = ports.map((port, i) => ({ id: `truong-${i + 1}`, name: `Trường Tiểu học Số ${i + 1}`, url: `http://127.0.0.1:${port}/`, level: 'TH', boarding: true }));
  writeFileSync(join(dir, 'schools.yaml'), JSON.stringify(schools));
  const samplesFile = join(dir, 'samples.json');
  const cli = [...NODE_ARGS, '--require', preload, join(root, 'bin/portal-audit.js'), 'audit', join(dir, 'schools.yaml')];
  cli.push('--render', 'never', '--no-screenshots', '--as-of', '2026-12-04T15:00:00+07:00', '--out', join(dir, 'out'), '-q');
  const t0 = performance.now();
  return new Promise((resolve) => {
    const p = spawn('/usr/bin/time', ['-f', '%M', process.execPath, ...cli], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CLI_MEMORY_OUT: samplesFile } });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('close', () => {
      const wallS = (performance.now() - t0) / 1000;
      const rssKb = Number(err.trim().split('\n').pop());
      let results;
      let samples;
      try {
        results = JSON.parse(readFileSync(join(dir, 'out/results.json'), 'utf8'));
        samples = JSON.parse(readFileSync(samplesFile, 'utf8'));
      } catch {
        console.error(`  CLI audit failed: ${err.trim().split('\n').slice(-3).join(' | ')}`);
        return resolve(undefined);
      }
      rmSync(dir, { recursive: true, force: true });
      const pages = results.schools.reduce((n, s) => n + s.pagesCrawled, 0);
      const heapMb = Math.max(...samples.map((s) => s[2])) / 2 ** 20;
      resolve({ pages, wallS, peakRssMb: rssKb / 1024, heapMb, samples });
    });
  });
}

const mb = (b) => (b / 2 ** 20).toFixed(0).padStart(5);
console.log('portals  pages  wall s  peak RSS MB  max heap used MB');
for (const portals of SCALE) {
  const { server, ports } = await startServer(portals);
  const r = await cliAudit(ports);
  server.kill();
  if (!r) continue;
  console.log(`${String(portals).padStart(7)} ${String(r.pages).padStart(6)} ${r.wallS.toFixed(1).padStart(7)} ${r.peakRssMb.toFixed(0).padStart(12)} ${r.heapMb.toFixed(0).padStart(17)}`);
  if (TIMELINE) {
    console.log('      s    rss   heap  external');
    for (const [t, rss, heap, ext] of r.samples.filter((_, i) => i % 5 === 0)) console.log(`${(t / 1000).toFixed(1).padStart(7)} ${mb(rss)} ${mb(heap)} ${mb(ext)}`);
  }
}
rmSync(work, { recursive: true, force: true });
