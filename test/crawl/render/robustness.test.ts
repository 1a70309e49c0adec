/**
 * The pool survives what real portals and real machines do to a browser: a page that never
 * answers, a script that never ends, a renderer that crashes, and the browser process killed.
 * Nothing throws; each failure is a bilingual `error` and the next render works. One pool, one
 * context, a 3 s page timeout and one browser restart allowed; the tests run in order.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserPool, type BrowserPool } from '../../../src/crawl/render/browser-pool.js';
import { findChromium } from '../../../src/crawl/render/chromium.js';
import { startPortal, type Portal } from '../helpers/portal-server.js';
import { html } from './pages.js';

let site: Portal;
let pool: BrowserPool;
let arrived: () => void = () => {};

const sameSite = (u: string): boolean => new URL(u).hostname === '127.0.0.1';
const OK_PAGE = html('Trang chủ', '<h1>Trường Tiểu học Thử Nghiệm</h1>');

beforeAll(async () => {
  site = await startPortal({
    '/': { body: OK_PAGE },
    '/treo': { hang: true },
    '/vong-lap': { body: html('Lặp', '<p>Đang tải</p><script>for (;;) {}</script>') },
    '/cham': () => {
      arrived();
      return { body: OK_PAGE, delayMs: 2000 };
    },
  });
  const chromium = findChromium();
  if ('missing' in chromium) throw new Error(chromium.missing);
  pool = await launchBrowserPool({ executablePath: chromium.path, contexts: 1, pageTimeoutMs: 3000, maxRestarts: 1 });
});

afterAll(async () => {
  await pool?.close();
  await site?.close();
});

/** The browser's main process: the one child of this Node process carrying the pool's marker. */
function browserPid(): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const ppid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      if (args.includes(pool.marker) && ppid === process.pid) return Number(name);
    } catch {
      /* the process ended while we looked */
    }
  }
  return undefined;
}

async function renderHome() {
  return pool.render(site.url('/'), { sameSite });
}

describe('a browser pool under failures', () => {
  it("keeps Playwright's disabled features when it adds its own (Chromium honours only the last --disable-features)", () => {
    const pid = browserPid();
    expect(pid).toBeDefined();
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const lists = args.filter((a) => a.startsWith('--disable-features=')).map((a) => a.slice('--disable-features='.length).split(','));
    expect(lists.length).toBeGreaterThanOrEqual(1);
    const honoured = lists[lists.length - 1]!;
    for (const list of lists) for (const feature of list) expect(honoured).toContain(feature);
    expect(honoured).toContain('WebUIOmniboxPopup');
  });

  it('gives up on a page that never answers, saying so with the seconds, then renders the next page', async () => {
    const page = await pool.render(site.url('/treo'), { sameSite });
    expect(page.error).toBe('Quá thời gian chờ dựng trang (3 giây) / timed out rendering the page after 3 s');
    expect(page.html).toBe('');
    const next = await renderHome();
    expect(next.error).toBeUndefined();
    expect(next.html).toContain('Trường Tiểu học Thử Nghiệm');
  });

  it('gives up on a page whose script never ends, then renders the next page', async () => {
    const page = await pool.render(site.url('/vong-lap'), { sameSite });
    expect(page.error).toMatch(/timed out/);
    const next = await renderHome();
    expect(next.error).toBeUndefined();
    expect(next.html).toContain('Trường Tiểu học Thử Nghiệm');
  });

  it('reports a crashed page and renders the next page on a fresh one', async () => {
    const crashes = pool.stats.crashes;
    const page = await pool.render('chrome://crash', { sameSite: () => true });
    expect(page.error).toBe('Trang bị sập khi dựng bằng trình duyệt / page crashed in the browser');
    expect(pool.stats.crashes).toBe(crashes + 1);
    const next = await renderHome();
    expect(next.error).toBeUndefined();
    expect(next.html).toContain('Trường Tiểu học Thử Nghiệm');
    expect(pool.stats.restarts).toBe(0);
  });

  it('answers the render in flight with an error when the browser is killed, relaunches it and renders again', async () => {
    const first = browserPid();
    expect(first).toBeDefined();
    const request = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const inFlight = pool.render(site.url('/cham'), { sameSite });
    await request;
    process.kill(first!, 'SIGKILL');
    const page = await inFlight;
    expect(page.error).toBe('Trình duyệt Chromium bị tắt giữa chừng / the Chromium browser process died while rendering');
    const next = await renderHome();
    expect(next.error).toBeUndefined();
    expect(next.html).toContain('Trường Tiểu học Thử Nghiệm');
    expect(pool.stats.restarts).toBe(1);
    const second = browserPid();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('says the browser is unavailable once its restarts are used up, and never throws', async () => {
    process.kill(browserPid()!, 'SIGKILL');
    // the call racing the kill may still see the dying browser
    expect((await renderHome()).error).toMatch(/bị tắt giữa chừng|không còn dùng được/);
    const unavailable = /^Trình duyệt không còn dùng được sau 1 lần khởi động lại \/ the browser is unavailable after 1 restarts/;
    const results = await Promise.all([renderHome(), pool.capture(site.url('/'), { sameSite, file: '/nonexistent/x.jpg', widths: [1366] })]);
    for (const r of results) expect(r.error).toMatch(unavailable);
    expect(pool.stats.restarts).toBe(1);
  });
});
