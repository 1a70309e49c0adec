// District scale (issue 6): portal-audit against Crawlee's CheerioCrawler on a synthetic district
// served on 127.0.0.1, in one invocation, on the same portals, at the same global concurrency (16).
// Not a test: the machine is shared, so compare the figures of one run with each other.
//
//   npm run build && node bench/district.mjs                       # 40 portals × 250 pages (≈ 25 min)
//   node bench/district.mjs --portals 10 --pages 100 --scale 5,10  # a quick run (≈ 2 min)
//
// Options: --portals 40 --pages 250 --latencies 0,100 (ms added to every response)
//          --scale 10,20,40,80 (portal counts for the memory-growth runs; "" to skip)
//
// Every run is its own child process, so each starts cold and its CPU and peak RSS are its own;
// the server is one more process, so its CPU is never counted.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schoolsAtOnce } from '../dist/cli/pipeline.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const PORTALS = Number(opt('portals', 40));
const PAGES = Number(opt('pages', 250));
const LATENCIES = opt('latencies', '0,100').split(',').filter(Boolean).map(Number);
const SCALE = opt('scale', '10,20,40,80').split(',').filter(Boolean).map(Number);
const CONCURRENCY = 16;
const PER_HOST = 2; // crawler default (src/crawl/crawler.ts)

// The bench crawls as many schools side by side as the CLI does.
const CLI_SCHOOLS = schoolsAtOnce({ concurrency: CONCURRENCY, perHost: PER_HOST });
// Enough schools at once to fill every global slot with the per-host limit.
const FILL_SCHOOLS = Math.ceil(CONCURRENCY / PER_HOST);

const work = mkdtempSync(join(tmpdir(), 'pa-district-'));
const scratch = join(work, 'crawlee-storage');
// Crawlee: nothing persisted, nothing purged from the project folder, no proxies.
const crawleeEnv = { ...process.env, CRAWLEE_STORAGE_DIR: scratch, CRAWLEE_PERSIST_STORAGE: 'false', CRAWLEE_PURGE_ON_START: 'true' };
for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete crawleeEnv[k];

// Servers still running when this script ends (an error included) are stopped with it.
const servers = new Set();
process.on('exit', () => servers.forEach((s) => s.kill()));

function startServer(portals, latency) {
  const server = spawn(process.execPath, [join(root, 'bench/district-server.mjs'), '--portals', String(portals), '--pages', String(PAGES), '--latency', String(latency)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  servers.add(server);
  server.on('exit', () => servers.delete(server));
  return new Promise((resolve) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ server, ...JSON.parse(out) });
    });
  });
}

/** Runs a child; returns the JSON line it printed, or why it failed (e.g. out of memory). */
function child(args, env = process.env) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    p.on('close', (code) => {
      const line = out.trim().split('\n').pop();
      if (code === 0 && line?.startsWith('{')) return resolve(JSON.parse(line));
      const why = /heap out of memory/.test(err) ? 'out of memory' : `exit ${code}: ${err.trim().split('\n').slice(-2).join(' | ')}`;
      resolve({ failed: `${why} after ${((performance.now() - t0) / 1000).toFixed(0)} s` });
    });
  });
}

// The issue asks for the HTTP-only crawl to fit in `--max-old-space-size=128`; the uncapped run
// gives the speed when it does not.
const portalAudit = (ports, schools, heapMb) =>
  child([
    ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
    'bench/district-portal-audit.mjs',
    '--ports', ports.join(','),
    '--pages', String(PAGES),
    '--schools', String(schools),
  ]);
const crawlee = (ports, autoscale) =>
  child(['bench/district-crawlee.mjs', '--ports', ports.join(','), '--pages', String(PAGES), '--autoscale', autoscale ? 'yes' : 'no'], crawleeEnv);

/** The whole CLI, end to end with reports; /usr/bin/time gives its CPU and peak RSS. */
function cliAudit(ports) {
  const dir = mkdtempSync(join(work, 'cli-'));
  const schools = ports.map((port, i) => ({ id: `truong-${i + 1}`, name: `Trường Tiểu học Số ${i + 1}`, url: `http://127.0.0.1:${port}/`, level: 'TH', boarding: true }));
  writeFileSync(join(dir, 'schools.yaml'), JSON.stringify(schools));
  const args = ['-f', '%U %S %M', process.execPath, join(root, 'bin/portal-audit.js'), 'audit', join(dir, 'schools.yaml')];
  args.push('--render', 'never', '--no-screenshots', '--as-of', '2026-12-04T15:00:00+07:00', '--out', join(dir, 'out'), '-q');
  const t0 = performance.now();
  return new Promise((resolve) => {
    const p = spawn('/usr/bin/time', args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('close', () => {
      const wallS = (performance.now() - t0) / 1000;
      const [user, sys, rssKb] = err.trim().split('\n').pop().split(' ').map(Number);
      let results;
      try {
        results = JSON.parse(readFileSync(join(dir, 'out/results.json'), 'utf8'));
      } catch {
        // the CLI failed: say why and go on with the other runs
        console.error(`  CLI audit failed: ${err.trim().split('\n').slice(-3).join(' | ')}`);
        return resolve(undefined);
      }
      const pages = results.schools.reduce((n, s) => n + s.pagesCrawled, 0);
      rmSync(dir, { recursive: true, force: true });
      resolve({ pages, errors: NaN, wallS, cpuMs: (user + sys) * 1000, peakRssMb: rssKb / 1024, load1: loadavg()[0] });
    });
  });
}

const rows = [];
const row = (latency, name, portals, r, group = 'main') => {
  if (r.failed) {
    rows.push({ latency, name, portals, group, failed: r.failed });
    console.error(`  ${name}: FAILED, ${r.failed}`);
    return undefined;
  }
  const line = { latency, name, portals, group, ...r, pagesPerS: r.pages / r.wallS, schoolsPerMin: (portals / r.wallS) * 60, cpuMsPerPage: r.cpuMs / r.pages };
  rows.push(line);
  console.error(`  ${name}: ${r.pages} pages in ${r.wallS.toFixed(1)} s, ${line.cpuMsPerPage.toFixed(1)} ms CPU/page, ${r.peakRssMb.toFixed(0)} MB`);
  return line;
};

const version = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
console.error(`district: ${PORTALS} portals × ${PAGES} pages, concurrency ${CONCURRENCY}; CLI schools at once ${CLI_SCHOOLS}; Node ${process.version}, Crawlee ${version('@crawlee/cheerio')}`);
const ratios = [];
for (const latency of LATENCIES) {
  const { server, ports } = await startServer(PORTALS, latency);
  console.error(`latency ${latency} ms:`);
  const label = (n, heap) => `portal-audit crawl, ${n} schools at once, ${heap ? `heap ${heap} MB` : 'default heap'}`;
  const runs = [row(latency, label(CLI_SCHOOLS, 128), PORTALS, await portalAudit(ports, CLI_SCHOOLS, 128))];
  runs.push(row(latency, label(CLI_SCHOOLS), PORTALS, await portalAudit(ports, CLI_SCHOOLS)));
  if (CLI_SCHOOLS < FILL_SCHOOLS) runs.push(row(latency, label(FILL_SCHOOLS), PORTALS, await portalAudit(ports, FILL_SCHOOLS)));
  const cli = await cliAudit(ports);
  if (cli) row(latency, 'portal-audit CLI audit (reports)', PORTALS, cli);
  const cr = row(latency, 'Crawlee CheerioCrawler, 16 fixed', PORTALS, await crawlee(ports, false));
  row(latency, 'Crawlee CheerioCrawler, autoscaled ≤ 16', PORTALS, await crawlee(ports, true));
  server.kill();
  for (const p of runs.filter(Boolean)) {
    ratios.push({
      latency,
      name: p.name,
      speed: cr ? p.pagesPerS / cr.pagesPerS : NaN,
      memory: cr ? p.peakRssMb / cr.peakRssMb : NaN,
      cpu: p.cpuMsPerPage,
      ceiling: latency ? p.pagesPerS / (CONCURRENCY / (latency / 1000)) : NaN,
    });
  }
}

// Memory as the district grows: the schools in flight are the same, only their number grows.
if (SCALE.length) {
  const { server, ports } = await startServer(Math.max(...SCALE), 0);
  console.error('memory as the district grows:');
  for (const n of SCALE) row(0, `portal-audit crawl, ${n} portals`, n, await portalAudit(ports.slice(0, n), CLI_SCHOOLS), 'scale');
  server.kill();
}
rmSync(work, { recursive: true, force: true });

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
console.log(`\n${PORTALS} portals × ${PAGES} pages, global concurrency ${CONCURRENCY}, per host ${PER_HOST}; Node ${process.version}, @crawlee/cheerio ${version('@crawlee/cheerio')}; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
console.log('| latency ms | run | pages | wall s | pages/s | schools/min | CPU ms/page | peak RSS MB | load 1 min |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows.filter((r) => r.group === 'main'))
  console.log(
    r.failed
      ? `| ${r.latency} | ${r.name} | failed: ${r.failed} | | | | | | |`
      : `| ${r.latency} | ${r.name} | ${r.pages} | ${f(r.wallS)} | ${f(r.pagesPerS)} | ${f(r.schoolsPerMin)} | ${f(r.cpuMsPerPage)} | ${f(r.peakRssMb, 0)} | ${f(r.load1, 2)} |`,
  );
console.log('\n| latency ms | portal-audit run | pages/s ÷ Crawlee 16 fixed (≥ 1.5) | peak RSS ÷ Crawlee (≤ 0.33) | CPU ms/page (≤ 6) | pages/s ÷ (16 ÷ latency) (≥ 0.9) |\n|---:|---|---:|---:|---:|---:|');
for (const r of ratios) console.log(`| ${r.latency} | ${r.name} | ${f(r.speed, 2)} | ${f(r.memory, 2)} | ${f(r.cpu)} | ${f(r.ceiling, 2)} |`);
if (SCALE.length) {
  console.log(`\n| portals (${CLI_SCHOOLS} at once, default heap) | pages | wall s | CPU ms/page | peak RSS MB |\n|---:|---:|---:|---:|---:|`);
  for (const r of rows.filter((r) => r.group === 'scale'))
    console.log(r.failed ? `| ${r.portals} | failed: ${r.failed} | | | |` : `| ${r.portals} | ${r.pages} | ${f(r.wallS)} | ${f(r.cpuMsPerPage)} | ${f(r.peakRssMb, 0)} |`);
}
