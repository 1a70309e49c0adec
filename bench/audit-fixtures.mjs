// The whole audit (crawl → extract → map → judge → reports) of the five fixture portals, with the
// fixture server in its own process so only portal-audit's CPU is counted. Not a test: run
// `npm run bench` and compare figures within one run (the machine is shared and noisy).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const anchor = '2026-10-30T15:00:00+07:00';
const server = spawn(process.execPath, [join(root, 'dist/demo/serve-fixtures.js'), '--anchor', anchor], { stdio: ['ignore', 'pipe', 'inherit'] });
const listing = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    if (out.includes('Ctrl+C')) resolve(out);
  });
});
const schools = listing
  .split('\n')
  .map((l) => l.trim().split(/\s+/))
  .filter((w) => /^http:\/\/127\.0\.0\.1:\d+\/$/.test(w[0] ?? '') && w[1] && !w[1].startsWith('('))
  .map(([url, id, level]) => ({ id, name: id, url, level, boarding: true }));
const dir = mkdtempSync(join(tmpdir(), 'pa-bench-'));
writeFileSync(join(dir, 'schools.yaml'), JSON.stringify(schools));

function audit(round) {
  return new Promise((resolve) => {
    const out = join(dir, `r${round}`);
    const started = performance.now();
    // /usr/bin/time reports the CPU and peak RSS of the audit process alone.
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', process.execPath, join(root, 'bin/portal-audit.js'), 'audit', join(dir, 'schools.yaml'), '--as-of', anchor, '--out', out, '-q'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', () => {
      const [user, sys, rssKb] = err.trim().split('\n').pop().split(' ').map(Number);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      const pages = results.schools.reduce((n, s) => n + s.pagesCrawled, 0);
      resolve({ wall: (performance.now() - started) / 1000, cpu: user + sys, rssMb: rssKb / 1024, pages });
    });
  });
}

const runs = [];
for (let i = 0; i < 3; i++) runs.push(await audit(i));
server.kill();
console.log('| run | pages | wall s | CPU s | CPU ms/page | peak RSS MB |\n|---|---:|---:|---:|---:|---:|');
runs.forEach((r, i) =>
  console.log(`| ${i + 1} | ${r.pages} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${((r.cpu * 1000) / r.pages).toFixed(1)} | ${r.rssMb.toFixed(0)} |`),
);
console.log('\nCPU includes Node start-up, loading every module (about 1.5 s here) and writing 8 workbooks (about 0.5 s).');
