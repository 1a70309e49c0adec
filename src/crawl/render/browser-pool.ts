/**
 * Renders pages that school portals build in the browser, with playwright-core driving the
 * system's Chromium. One browser; `contexts` browser contexts, each with ONE page reused from URL
 * to URL (a new page per URL was 3× slower here); calls beyond that wait their turn.
 *
 * Every request that is not same-site is aborted before it is sent (trackers, CDNs, YouTube …),
 * redirect hops included; media and fonts always, images when only reading. A page counts as
 * settled after DOMContentLoaded once no request has been in flight for `quietMs` (300 ms), or for
 * `idleQuietMs` (50 ms) when the page itself has nothing queued; `settleMs` caps the wait.
 * Nothing throws out of `render`/`capture`: a timeout, a crashed page or a dead browser comes back
 * as a bilingual `error`, the page or the browser is replaced (the browser at most `maxRestarts`
 * times), and the next call works.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import pLimit from 'p-limit';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { cleanText } from '../../normalise.js';
import type { LayoutFacts, TickerFact } from '../../types.js';
import { renderMessages as msg } from './messages.js';
import { PageJob, sleep, type JobRules } from './page-job.js';
import * as inPage from './page-scripts.js';

export interface BrowserPoolOptions {
  executablePath: string;
  /** Browser contexts (each with ONE reused page) rendering at once. */
  contexts: number;
  /** Host name → IP, like curl --resolve (the crawler's `hosts` option): pass as --host-resolver-rules. */
  hosts?: Record<string, string>;
  userAgent?: string;
  /** Per page, navigation + settling + measuring (default 20000). */
  pageTimeoutMs?: number;
  /** Cap on waiting for the network to go quiet after load (default 3000). */
  settleMs?: number;
  /** "Xem thêm" clicks per page at most (default 10). */
  maxMoreClicks?: number;
  /** How long no request may be in flight before a page counts as settled (default 300). */
  quietMs?: number;
  /** The same, for a page that is loaded and has no short timeout or request pending (default 50). */
  idleQuietMs?: number;
  /** Browser relaunches after it died, per pool (default 3); then every call answers an error. */
  maxRestarts?: number;
}

export interface RenderedPage {
  url: string;
  finalUrl: string;
  /** Status of the main document (0 if none). */
  status: number;
  /** document.documentElement.outerHTML after scripts ran (with its doctype). */
  html: string;
  /** Scrolling text seen moving (css animation, marquee, JS). */
  tickers: TickerFact[];
  /** Bilingual "vi / en" message; html may then be ''. */
  error?: string;
  moreClicks: number;
  /** Requests of this page aborted before they were sent (other sites, fonts, media, images). */
  blocked: number;
}

export interface CapturedPage {
  /** Overflow at each width, broken images. */
  layout?: LayoutFacts;
  /** Written to `file`. */
  screenshot?: boolean;
  error?: string;
}

export interface BrowserPoolStats {
  rendered: number;
  captured: number;
  restarts: number;
  crashes: number;
  blocked: number;
}

export interface BrowserPool {
  /** Render for reading: images, media and fonts blocked. Never throws: failures come back as `error`. */
  render(url: string, opts: { sameSite: (url: string) => boolean }): Promise<RenderedPage>;
  /** Evidence: load with images allowed, measure layout at each width (first width: the screenshot),
   *  write a JPEG screenshot to `file` (full page, height capped ~3000 px). Never throws. */
  capture(url: string, opts: { sameSite: (url: string) => boolean; file: string; widths: number[] }): Promise<CapturedPage>;
  readonly stats: BrowserPoolStats;
  /** A unique switch on the browser's command line: finds its process in /proc (benchmarks, tests). */
  readonly marker: string;
  close(): Promise<void>;
}

/**
 * Contexts to use when the user does not say (bench/RESULTS.md, "Rendering"): on 2 cores, two
 * contexts rendered 17–55 % more pages/s than one for ~0.15 GB more (PSS); four were no faster
 * than two and took another ~0.3 GB. One per core, at least two (a page spends much of its time
 * waiting for the network), at most four (memory).
 */
export function defaultContexts(cores = availableParallelism()): number {
  return Math.max(2, Math.min(4, cores));
}

/** The desktop width SPEC's layout rule names (1366 px), as in a school office. */
const VIEWPORT = { width: 1366, height: 900 };
const SCREENSHOT_MAX_HEIGHT = 3000;
/** Between the two looks at script-moved elements (JS tickers). */
const TICKER_SAMPLE_MS = 300;
const MIN_TICKER_CHARS = 10;
const MORE_MARK = 'data-portal-audit-more';
/** Bound on cleaning up after a failure (closing a context, reloading about:blank). */
const CLEANUP_MS = 5000;
/** Bound on opening a fresh context and page (normally ~50 ms). */
const OPEN_CONTEXT_MS = 30_000;

/**
 * Playwright passes its own `--disable-features=…` list, and Chromium honours only the last
 * `--disable-features` switch: ours must repeat Playwright's (copied from playwright-core 1.64.1,
 * chromiumSwitches.ts; a test compares it with the running browser's command line).
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'DialMediaRouteProvider',
  'GlobalMediaControls',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'BlockOriginHeaderModificationOnRedirect',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'Translate',
  'AutoDeElevate',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
/**
 * Each new page otherwise starts omnibox pop-up renderers (measured, STACK.md); a spare renderer
 * kept warm for the next site is one more process (~75 MB RSS) that a crawl rarely uses.
 */
const OUR_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'SpareRendererForSitePerProcess', 'AutofillServerCommunication', 'CertificateTransparencyComponentUpdater'];

/** --host-resolver-rules value for the crawler's `hosts` table ("MAP school.edu.vn 10.0.0.5, …"). */
export function hostResolverRules(hosts: Record<string, string>): string {
  return Object.entries(hosts)
    .map(([name, ip]) => `MAP ${name} ${ip.includes(':') && !ip.startsWith('[') ? `[${ip}]` : ip}`)
    .join(', ');
}

export function chromiumArgs(marker: string, hosts?: Record<string, string>): string[] {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-dev-shm-usage', // containers often have a 64 MB /dev/shm
    '--mute-audio',
    // Fewer processes (bench/RESULTS.md, "Rendering"): GPU work (software only) in the browser
    // process; no process per site, since every cross-site frame is blocked anyway.
    '--in-process-gpu',
    '--disable-site-isolation-trials',
    `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OUR_DISABLED_FEATURES].join(',')}`,
    marker,
  ];
  if (hosts && Object.keys(hosts).length) args.push(`--host-resolver-rules=${hostResolverRules(hosts)}`);
  return args;
}

interface Slot {
  context?: BrowserContext;
  page?: Page;
  /** The job using the page now: its rules decide every request. */
  job?: PageJob;
  busy: boolean;
  /** The page's renderer died, or a cleanup failed: rebuild the context before the next job. */
  broken: boolean;
}

interface Generation {
  browser: Browser;
  slots: Slot[];
  alive: boolean;
}

type Outcome<T> = { value: T } | { error: unknown };

class ChromiumPool implements BrowserPool {
  readonly stats: BrowserPoolStats = { rendered: 0, captured: 0, restarts: 0, crashes: 0, blocked: 0 };
  readonly marker = `--portal-audit-pool=${randomUUID()}`;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly contexts: number;
  private readonly pageTimeoutMs: number;
  private readonly settleMs: number;
  private readonly quietMs: number;
  private readonly idleQuietMs: number;
  private readonly maxMoreClicks: number;
  private readonly maxRestarts: number;
  private gen?: Generation;
  private launching?: Promise<void>;
  private lastLaunchError?: string;
  private closed = false;

  constructor(private readonly opts: BrowserPoolOptions) {
    this.contexts = Math.max(1, Math.floor(opts.contexts) || 1);
    this.limit = pLimit(this.contexts);
    this.pageTimeoutMs = opts.pageTimeoutMs ?? 20_000;
    this.settleMs = opts.settleMs ?? 3000;
    this.quietMs = opts.quietMs ?? 300;
    this.idleQuietMs = Math.min(opts.idleQuietMs ?? 50, this.quietMs);
    this.maxMoreClicks = opts.maxMoreClicks ?? 10;
    this.maxRestarts = opts.maxRestarts ?? 3;
  }

  async start(): Promise<void> {
    try {
      this.gen = await this.launch();
    } catch (e) {
      throw new Error(msg.launchFailed(this.opts.executablePath, e), { cause: e });
    }
  }

  // ───────────── browser and pages ─────────────

  private async launch(): Promise<Generation> {
    const browser = await chromium.launch({
      executablePath: this.opts.executablePath,
      headless: true,
      args: chromiumArgs(this.marker, this.opts.hosts),
      timeout: 30_000,
    });
    const gen: Generation = { browser, slots: [], alive: true };
    browser.on('disconnected', () => {
      gen.alive = false;
      for (const slot of gen.slots) if (slot.job) slot.job.cancelled = true;
    });
    try {
      for (let i = 0; i < this.contexts; i++) {
        const slot: Slot = { busy: false, broken: false };
        await this.openContext(browser, slot);
        gen.slots.push(slot);
      }
    } catch (e) {
      await browser.close().catch(() => {});
      throw e;
    }
    return gen;
  }

  private async openContext(browser: Browser, slot: Slot): Promise<void> {
    const context = await browser.newContext({
      viewport: VIEWPORT,
      userAgent: this.opts.userAgent ?? desktopUserAgent(browser.version()),
      // Dates that scripts write are Hà Nội dates, in Vietnamese.
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      serviceWorkers: 'block', // a service worker's requests would bypass the routing below
      acceptDownloads: false,
    });
    slot.context = context;
    await context.addInitScript(inPage.recordMotion, inPage.MOTION_KEY);
    await context.addInitScript(inPage.watchPageWork, inPage.WORK_KEY);
    await context.route('**/*', async (route) => {
      const job = slot.job;
      if (!job) {
        this.stats.blocked++; // a request after its job ended: nobody wants it
        await route.abort('blockedbyclient').catch(() => {});
      } else if (await job.route(route)) this.stats.blocked++;
    });
    const page = await context.newPage();
    page.on('crash', () => {
      this.stats.crashes++;
      slot.broken = true;
      if (slot.job) slot.job.cancelled = true;
    });
    page.on('request', (r) => slot.job?.started(r));
    page.on('requestfinished', (r) => slot.job?.ended(r));
    page.on('requestfailed', (r) => slot.job?.ended(r));
    page.on('popup', (p) => void p.close().catch(() => {})); // Playwright turns off the popup blocker
    await this.guardHosts(context, page, slot);
    slot.page = page;
    slot.broken = false;
  }

  /**
   * Playwright's routing decides a request once and lets its redirects through unasked (a
   * cross-site hop of a fetch() even looks like a new request to it), so a same-site URL answering
   * "302 → tracker or another school" would reach that host. A second interception on the page
   * (Chromium pauses a request for each client, this one first) checks the host of every request
   * and every hop before it is sent; the route above still decides by resource type.
   */
  private async guardHosts(context: BrowserContext, page: Page, slot: Slot): Promise<void> {
    const cdp: CDPSession = await context.newCDPSession(page);
    cdp.on('Fetch.requestPaused', (e) => {
      const redirectedDocument = e.redirectedRequestId !== undefined && e.resourceType === 'Document';
      const refuse = slot.job ? slot.job.refuses(e.request.url, redirectedDocument) : true;
      if (refuse) this.stats.blocked++;
      const reply = refuse
        ? cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'BlockedByClient' })
        : cdp.send('Fetch.continueRequest', { requestId: e.requestId });
      reply.catch(() => {}); // the page or the browser went away meanwhile
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
  }

  /** A fresh context and page for the slot, after a timeout or a crash left the old one unusable. */
  private async rebuild(gen: Generation, slot: Slot): Promise<void> {
    const old = slot.context;
    slot.context = undefined;
    slot.page = undefined;
    slot.broken = true;
    if (old) await bounded(old.close(), CLEANUP_MS);
    const opened = this.openContext(gen.browser, slot).then(() => true);
    if ((await bounded(opened, OPEN_CONTEXT_MS)) !== true) {
      // A browser that cannot open a page any more is as good as dead: the next call relaunches it.
      gen.alive = false;
      void gen.browser.close().catch(() => {});
      throw new Error('no fresh browser page');
    }
  }

  /** The live browser, relaunched (at most `maxRestarts` times) after it died; or why there is none. */
  private async generation(): Promise<Generation | string> {
    for (;;) {
      if (this.closed) return msg.closed();
      if (this.gen?.alive) return this.gen;
      if (!this.launching) {
        if (this.stats.restarts >= this.maxRestarts) return msg.unavailable(this.stats.restarts, this.lastLaunchError);
        this.stats.restarts++;
        const dead = this.gen;
        this.launching = (async () => {
          if (dead) await bounded(dead.browser.close(), CLEANUP_MS);
          try {
            this.gen = await this.launch();
          } catch (e) {
            this.lastLaunchError = msg.launchFailed(this.opts.executablePath, e);
          }
        })().finally(() => {
          this.launching = undefined;
        });
      }
      await this.launching;
    }
  }

  // ───────────── jobs ─────────────

  /**
   * Runs `work` on a free page within the page timeout; turns every failure into `fail(message)`
   * and leaves the slot usable for the next job.
   */
  private run<T>(rules: JobRules, work: (page: Page, job: PageJob) => Promise<T>, fail: (error: string, job?: PageJob) => T): Promise<T> {
    return this.limit(async () => {
      const gen = await this.generation();
      if (typeof gen === 'string') return fail(gen);
      const slot = gen.slots.find((s) => !s.busy);
      if (!slot) return fail(msg.unavailable(this.stats.restarts)); // cannot happen: the limit matches the slots
      slot.busy = true;
      const job = new PageJob(rules);
      try {
        if (slot.broken || !slot.page) await this.rebuild(gen, slot);
        slot.job = job;
        return await this.attempt(gen, slot, job, work, fail);
      } catch (e) {
        // only opening a fresh context can throw here
        return fail(this.closed ? msg.closed() : gen.alive ? msg.loadFailed(e) : msg.browserDied(), job);
      } finally {
        job.cancelled = true;
        slot.job = undefined;
        slot.busy = false;
      }
    });
  }

  private async attempt<T>(gen: Generation, slot: Slot, job: PageJob, work: (page: Page, job: PageJob) => Promise<T>, fail: (error: string, job?: PageJob) => T): Promise<T> {
    const page = slot.page!;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.pageTimeoutMs);
    });
    const running = work(page, job).then(
      (value): Outcome<T> => ({ value }),
      (error: unknown): Outcome<T> => ({ error }),
    );
    const outcome = await Promise.race([running, timeout]);
    clearTimeout(timer);
    if (outcome !== 'timeout' && 'value' in outcome) {
      if (this.limit.pendingCount === 0) await this.blank(slot); // a waiting job navigates it anyway
      return outcome.value;
    }
    job.cancelled = true;
    if (outcome === 'timeout') {
      // The page may be stuck in a script or a hanging request: throw the context away.
      await this.rebuild(gen, slot).catch(() => {});
      await bounded(running, CLEANUP_MS);
      return fail(gen.alive ? msg.timeout(this.pageTimeoutMs) : msg.browserDied(), job);
    }
    if (await this.browserGone(gen, outcome.error)) return fail(this.closed ? msg.closed() : msg.browserDied(), job);
    if (slot.broken || (await crashedNow(page))) {
      slot.broken = true;
      await this.rebuild(gen, slot).catch(() => {});
      return fail(msg.crashed(), job);
    }
    await this.blank(slot);
    return fail(job.redirectedAway ? msg.redirectedAway(job.redirectedAway) : msg.loadFailed(outcome.error), job);
  }

  /** Whether a failure came from the browser going away ('disconnected' may arrive just after). */
  private async browserGone(gen: Generation, error: unknown): Promise<boolean> {
    if (!gen.alive) return true;
    const text = error instanceof Error ? error.message : String(error);
    if (!/closed|disconnected/i.test(text)) return false;
    for (let i = 0; i < 40 && gen.alive; i++) await sleep(25);
    return !gen.alive;
  }

  /** Leaves the page on about:blank: an idle page must not keep running the last site's tickers. */
  private async blank(slot: Slot): Promise<void> {
    const page = slot.page;
    if (!page) return;
    const ok = await bounded(page.goto('about:blank').then(() => true), CLEANUP_MS);
    if (ok !== true) slot.broken = true;
  }

  /** How a job waits for the page to settle (see PageJob.settle). */
  private waiting(page: Page) {
    return {
      quietMs: this.quietMs,
      idleQuietMs: this.idleQuietMs,
      capMs: this.settleMs,
      idle: () => page.evaluate(inPage.pageIdle, { key: inPage.WORK_KEY, quietMs: this.idleQuietMs }),
    };
  }

  render(url: string, opts: { sameSite: (url: string) => boolean }): Promise<RenderedPage> {
    const fail = (error: string, job?: PageJob): RenderedPage => ({
      url,
      finalUrl: url,
      status: 0,
      html: '',
      tickers: [],
      error,
      moreClicks: 0,
      blocked: job?.blocked ?? 0,
    });
    if (!allowed(opts.sameSite, url)) return Promise.resolve(fail(msg.notSameSite(url)));
    return this.run<RenderedPage>(
      { sameSite: opts.sameSite, images: false },
      async (page, job) => {
        const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: this.pageTimeoutMs });
        await job.settle(this.waiting(page));
        const moreClicks = await this.clickMore(page, job);
        const tickers = await this.tickers(page, job);
        const html = await page.evaluate(inPage.documentHtml);
        this.stats.rendered++;
        return { url, finalUrl: page.url(), status: response?.status() ?? 0, html, tickers, moreClicks, blocked: job.blocked };
      },
      fail,
    );
  }

  capture(url: string, opts: { sameSite: (url: string) => boolean; file: string; widths: number[] }): Promise<CapturedPage> {
    const widths = opts.widths.length ? opts.widths : [VIEWPORT.width];
    if (!allowed(opts.sameSite, url)) return Promise.resolve({ error: msg.notSameSite(url) });
    return this.run<CapturedPage>(
      { sameSite: opts.sameSite, images: true },
      async (page, job) => {
        try {
          await page.setViewportSize({ width: widths[0]!, height: VIEWPORT.height });
          await page.goto(url, { waitUntil: 'domcontentloaded', timeout: this.pageTimeoutMs });
          await job.settle(this.waiting(page));
          const first = await page.evaluate(inPage.documentOverflow);
          const overflow = [{ width: widths[0]!, px: first.px }];
          // Images we aborted (other sites) are not the page's fault.
          const brokenImages = (await page.evaluate(inPage.brokenImages)).filter((src) => !job.blockedUrls.has(src));
          let error: string | undefined;
          try {
            await mkdir(dirname(opts.file), { recursive: true });
            const height = Math.max(1, Math.min(first.height, SCREENSHOT_MAX_HEIGHT));
            await page.screenshot({
              path: opts.file,
              type: 'jpeg',
              quality: 70,
              fullPage: true,
              clip: { x: 0, y: 0, width: widths[0]!, height },
              timeout: this.pageTimeoutMs,
            });
          } catch (e) {
            if (!isFileError(e)) throw e;
            error = msg.screenshotFailed(e);
          }
          for (const width of widths.slice(1)) {
            await page.setViewportSize({ width, height: VIEWPORT.height });
            await page.evaluate(inPage.nextFrames);
            overflow.push({ width, px: (await page.evaluate(inPage.documentOverflow)).px });
          }
          this.stats.captured++;
          return { layout: { overflow, brokenImages }, screenshot: !error, ...(error ? { error } : {}) };
        } finally {
          await page.setViewportSize(VIEWPORT).catch(() => {});
        }
      },
      (error) => ({ error }),
    );
  }

  /**
   * Clicks "Xem thêm"-like controls until `maxMoreClicks`, until the control disappears or a click
   * brings nothing new. A click that leaves the page also ends it.
   */
  private async clickMore(page: Page, job: PageJob): Promise<number> {
    let clicks = 0;
    const here = withoutHash(page.url());
    while (clicks < this.maxMoreClicks && !job.cancelled) {
      const before = await page.evaluate(inPage.clickMoreButton, MORE_MARK).catch(() => null);
      if (!before) break;
      clicks++;
      await job.settle(this.waiting(page));
      if (withoutHash(page.url()) !== here) break;
      const after = await page.evaluate(inPage.afterMoreClick, MORE_MARK).catch(() => null);
      if (!after || after.gone || after.size <= before.size) break;
    }
    return clicks;
  }

  /** Marquees and CSS tickers at once; elements a script kept moving are looked at twice. */
  private async tickers(page: Page, job: PageJob): Promise<TickerFact[]> {
    const first = await page.evaluate(inPage.tickersFirstLook, inPage.MOTION_KEY);
    const raw = [...first.tickers];
    if (first.jsCandidates > 0 && !job.cancelled) {
      await sleep(TICKER_SAMPLE_MS);
      raw.push(...(await page.evaluate(inPage.jsTickersMoving, inPage.MOTION_KEY)));
    }
    const seen = new Set<string>();
    const out: TickerFact[] = [];
    for (const t of raw) {
      const text = tickerText(t);
      const key = `${t.kind}\u0000${text}`;
      if (text.length < MIN_TICKER_CHARS || seen.has(key)) continue;
      seen.add(key);
      out.push({ kind: t.kind, text });
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.launching?.catch(() => {});
    const gen = this.gen;
    if (gen) await gen.browser.close().catch(() => {});
  }
}

/** Like the static extractor: list items joined by " | ", separators folded, NFC, spaces folded. */
function tickerText(t: inPage.RawTicker): string {
  const raw = t.items.length >= 2 ? t.items.map(cleanText).filter(Boolean).join(' | ') : t.text;
  return cleanText(raw.replace(/\s*\|\s*/g, ' | ')).replace(/^\|\s*|\s*\|$/g, '');
}

/** Whether the page itself may be loaded: the caller's own URL should always be same-site. */
function allowed(sameSite: (url: string) => boolean, url: string): boolean {
  if (/^(about|chrome):/i.test(url)) return true;
  try {
    return sameSite(url);
  } catch {
    return false;
  }
}

/** Chromium's headless user agent says "HeadlessChrome", which some portals refuse. */
function desktopUserAgent(version: string): string {
  const major = version.split('.')[0] || '120';
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
}

function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

function isFileError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}

/** Whether the page's renderer is gone: the 'crash' event can trail the failed call by a moment. */
async function crashedNow(page: Page): Promise<boolean> {
  const probe = page.evaluate(() => 1).then(
    () => false,
    (e: unknown) => /crash/i.test(e instanceof Error ? e.message : String(e)),
  );
  return (await bounded(probe, 1000)) === true;
}

/** Waits for `p` at most `ms`; never rejects (undefined on failure or when time is up). */
async function bounded<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([p.catch(() => undefined), cap]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts Chromium with `contexts` ready pages; rejects with a clear Error if it cannot start. */
export async function launchBrowserPool(opts: BrowserPoolOptions): Promise<BrowserPool> {
  const pool = new ChromiumPool(opts);
  await pool.start();
  return pool;
}
