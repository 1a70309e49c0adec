// Browser rendering speed and memory: ~100 JS-built portal pages (≈ 30 KB of Vietnamese text each,
// a news list built from JSON) served on 127.0.0.1, rendered with pool sizes 1, 2 and 4.
// Reports rendered pages/s and the peak memory of the whole process tree (this Node process and
// every Chromium process under it, summed from /proc every ~100 ms). Not a test: compare figures
// within one run. Build first (`npx tsc -p tsconfig.json`), then `node bench/render.mjs
// [--pages 100] [--sizes 1,2,4] [--quiet 300] [--idle 100]`.
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultContexts, launchBrowserPool } from '../dist/crawl/render/browser-pool.js';
import { findChromium } from '../dist/crawl/render/chromium.js';

const { values: args } = parseArgs({
  options: { pages: { type: 'string', default: '100' }, sizes: { type: 'string', default: '1,2,4' }, quiet: { type: 'string' }, idle: { type: 'string' } },
});
const PAGES = Number(args.pages);
const SIZES = args.sizes.split(',').map(Number);

// ───────────── the pages: a portal shell, its list from JSON ─────────────

let seed = 289;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
const SUBJECTS = ['Liên đội', 'Chi đoàn giáo viên', 'Tổ Toán - Tin', 'Ban giám hiệu', 'Học sinh khối 6', 'Lớp 8A3', 'Công đoàn nhà trường', 'Tổ Ngữ văn'];
const VERBS = ['tổ chức', 'tham gia', 'hưởng ứng', 'triển khai', 'tổng kết', 'phát động'];
const EVENTS = [
  'lễ chào cờ đầu tuần',
  'hội giảng chào mừng ngày Nhà giáo Việt Nam 20/11',
  'chuyên đề đổi mới phương pháp dạy học môn Ngữ văn',
  'phong trào "Tết trồng cây đời đời nhớ ơn Bác Hồ"',
  'buổi ngoại khóa an toàn giao thông',
  'hội thi "Nét chữ nết người" cấp trường',
  'kiểm tra giữa học kỳ I năm học 2026-2027',
  'tiết học trải nghiệm tại Bảo tàng Dân tộc học',
];
const TAILS = [
  'với sự tham gia đông đủ của cán bộ, giáo viên và học sinh toàn trường.',
  'nhằm nâng cao chất lượng giáo dục toàn diện cho học sinh.',
  'theo kế hoạch của Phòng Giáo dục và Đào tạo quận Long Biên.',
  'tạo không khí vui tươi, phấn khởi trong nhà trường.',
];
const sentence = () => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(EVENTS)} ${pick(TAILS)}`;

function pageJson(n) {
  const items = [];
  let size = 0;
  for (let i = 0; size < 30_000; i++) {
    const day = 1 + ((n + i) % 28);
    const item = {
      title: `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(EVENTS)}`,
      date: `${String(day).padStart(2, '0')}/10/2026`,
      url: `/tin-tuc/bai-${n}-${i}`,
      summary: `${sentence()} ${sentence()} ${sentence()}`,
    };
    size += item.title.length + item.summary.length + 40;
    items.push(item);
  }
  return JSON.stringify({ heading: `Hoạt động chung - trang ${n}`, items });
}

const SHELL = (n) => `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Hoạt động chung - trang ${n}</title>
<style>body{font-family:Arial,sans-serif;margin:0}nav a{margin:0 8px}.tin{padding:6px 12px;border-bottom:1px solid #ddd}</style></head>
<body><header><h2>Trường THCS Thử Nghiệm</h2><nav id="menu"></nav></header><main><h1 id="tieu-de"></h1><div id="ds"></div></main>
<footer>Địa chỉ: Long Biên, Hà Nội</footer>
<script>
document.getElementById('menu').innerHTML = ['Giới thiệu','Tin tức','Văn bản','Lịch công tác','Thực đơn','Album ảnh']
  .map(function (t, i) { return '<a href="/muc/' + i + '">' + t + '</a>'; }).join('');
fetch('/api/trang/${n}.json').then(function (r) { return r.json(); }).then(function (d) {
  document.getElementById('tieu-de').textContent = d.heading;
  document.getElementById('ds').innerHTML = d.items.map(function (it) {
    return '<article class="tin"><h3><a href="' + it.url + '">' + it.title + '</a></h3><time>' + it.date + '</time><p>' + it.summary + '</p></article>';
  }).join('') + '<p id="het">Hết danh sách</p>';
});
</script></body></html>`;

const pages = Array.from({ length: PAGES }, (_, i) => ({ html: SHELL(i), json: pageJson(i) }));
const server = createServer((req, res) => {
  const m = /^\/(?:trang\/(\d+)|api\/trang\/(\d+)\.json)$/.exec(req.url ?? '');
  const page = m && pages[Number(m[1] ?? m[2])];
  if (!page) {
    res.writeHead(404).end();
    return;
  }
  const json = m[2] !== undefined;
  res.writeHead(200, { 'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8' });
  res.end(json ? page.json : page.html);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// ───────────── memory of the process tree ─────────────

/** This process and all its descendants, from /proc (ppid links). */
function tree() {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      /* gone */
    }
  }
  const out = [];
  const walk = (pid) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(process.pid);
  return out;
}

/** Summed RSS of the tree (shared pages counted once per process, as `ps` would). Cheap: /proc/PID/status. */
function rss() {
  let kb = 0;
  const pids = tree();
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return { bytes: kb * 1024, processes: pids.length };
}

/**
 * Summed PSS (shared pages split between the processes that map them): the memory the tree really
 * takes. Read once per run, at the end: smaps_rollup walks Chromium's huge address spaces and took
 * ~150 ms per reading here, far too slow to sample every 100 ms.
 */
function pss() {
  let kb = 0;
  for (const pid of tree()) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return kb * 1024;
}

// ───────────── runs ─────────────

const chromium = findChromium();
if ('missing' in chromium) {
  console.error(chromium.missing);
  process.exit(1);
}
const sameSite = (u) => u.startsWith(origin);
const MB = (b) => Math.round(b / 1024 / 1024);

console.log(`Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)}; ${PAGES} pages, ` +
  `${Math.round(pages.reduce((n, p) => n + p.json.length, 0) / PAGES / 1024)} KB of JSON each; defaultContexts() = ${defaultContexts()}`);
const rows = [];
for (const contexts of SIZES) {
  const peak = { rss: 0, processes: 0 };
  const sample = () => {
    const m = rss();
    peak.rss = Math.max(peak.rss, m.bytes);
    peak.processes = Math.max(peak.processes, m.processes);
  };
  const sampler = setInterval(sample, 100);
  const pool = await launchBrowserPool({
    executablePath: chromium.path,
    contexts,
    ...(args.quiet ? { quietMs: Number(args.quiet) } : {}),
    ...(args.idle ? { idleQuietMs: Number(args.idle) } : {}),
  });
  // warm up every context once
  await Promise.all(Array.from({ length: contexts }, (_, i) => pool.render(`${origin}/trang/${i}`, { sameSite })));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await Promise.all(pages.map((_, i) => pool.render(`${origin}/trang/${i}`, { sameSite })));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  sample();
  clearInterval(sampler);
  const pssAtEnd = pss();
  await pool.close();
  const bad = results.filter((r) => r.error || !r.html.includes('Hết danh sách'));
  if (bad.length) console.error(`${bad.length} pages not fully rendered, e.g. ${bad[0].url}: ${bad[0].error ?? 'list missing'}`);
  const row = {
    contexts,
    pagesPerSecond: PAGES / seconds,
    seconds,
    nodeCpuS: (cpu.user + cpu.system) / 1e6,
    peakRssMb: MB(peak.rss),
    pssAtEndMb: MB(pssAtEnd),
    processes: peak.processes,
    failed: bad.length,
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}
server.close();

console.log('\n| contexts | pages/s | wall s | Node CPU s | peak RSS sum MB | PSS sum at end MB | processes | failed |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.contexts} | ${r.pagesPerSecond.toFixed(1)} | ${r.seconds.toFixed(1)} | ${r.nodeCpuS.toFixed(1)} | ${r.peakRssMb} | ${r.pssAtEndMb} | ${r.processes} | ${r.failed} |`);
}
