/**
 * Politeness: one global limit on requests in flight (shared by every school of a run) and a
 * smaller limit per site, so a district run never hammers one school's small server.
 * A request first waits for its site's slot, then for a global one: slots are never held in a
 * cycle, so no deadlock, and a busy site cannot fill the global queue with requests it may not send.
 *
 * A site may also ask for time between requests: a delay between two starts (the run's per-host
 * delay, raised by robots.txt Crawl-delay) and pauses (Retry-After). That waiting happens while
 * holding only the site's own slot — which no other request of the site could use anyway — never
 * a global one.
 */
import { performance } from 'node:perf_hooks';
import pLimit, { type LimitFunction } from 'p-limit';
import { sleep } from './backoff.js';
import { siteKey } from './url.js';

/** A site's own delay (robots.txt Crawl-delay) is honoured up to this. */
export const MAX_SITE_DELAY_MS = 10_000;
/** Raised delays remembered at once: far more than the schools a run crawls at the same time. */
const REMEMBERED_DELAYS = 4_096;

export interface RequestLimiter {
  /** Runs `task` when the site and the run allow; rejects with the signal's reason if it aborts while waiting. */
  run<T>(url: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** No request to the URL's site starts in the next `ms` (a Retry-After). */
  pause(url: string, ms: number): void;
  /** Time between two starts at the URL's site, at least the run's delay, at most MAX_SITE_DELAY_MS. */
  setDelay(url: string, ms: number): void;
}

interface SiteState {
  limit: LimitFunction;
  delayMs: number;
  /** performance.now() of the last start and the end of the current pause. */
  lastStart: number;
  pausedUntil: number;
  /** Requests of the site take turns to start through this chain (only while spacing applies). */
  gate: Promise<void>;
  forgetTimer?: NodeJS.Timeout;
}

export function createRequestLimiter(concurrency: number, perSite: number, perSiteDelayMs = 0): RequestLimiter {
  const global = pLimit(Math.max(1, concurrency));
  const baseDelay = Math.max(0, perSiteDelayMs);
  const sites = new Map<string, SiteState>();
  // Site states are forgotten when idle (a district run meets thousands of hosts: schools and file
  // servers), but a raised delay must outlive the quiet moments of its school's crawl.
  const raisedDelays = new Map<string, number>();

  function siteOf(key: string): SiteState {
    let site = sites.get(key);
    if (!site) {
      site = {
        limit: pLimit(Math.max(1, perSite)),
        delayMs: raisedDelays.get(key) ?? baseDelay,
        lastStart: -Infinity,
        pausedUntil: -Infinity,
        gate: Promise.resolve(),
      };
      sites.set(key, site);
    }
    return site;
  }

  const earliestStart = (s: SiteState): number => Math.max(s.lastStart + s.delayMs, s.pausedUntil);

  /** Drops an idle site once nothing about it is still to be waited for. */
  function forget(key: string): void {
    const site = sites.get(key);
    if (!site || site.limit.activeCount > 0 || site.limit.pendingCount > 0) return;
    clearTimeout(site.forgetTimer);
    const wait = earliestStart(site) - performance.now();
    if (wait <= 0) {
      sites.delete(key);
      return;
    }
    site.forgetTimer = setTimeout(() => forget(key), wait);
    site.forgetTimer.unref();
  }

  /** Waits for the site's turn, then for a global slot; the next request's turn begins at this start. */
  async function startSpaced<T>(site: SiteState, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = site.gate;
    let open!: () => void;
    site.gate = new Promise((resolve) => (open = resolve));
    try {
      await untilAborted(previous, signal);
      // a pause may be extended while waiting (another request of the site got a Retry-After)
      for (let wait = earliestStart(site) - performance.now(); wait > 0; wait = earliestStart(site) - performance.now()) {
        await sleep(wait, signal);
      }
    } catch (err) {
      open();
      throw err;
    }
    return global(() => {
      site.lastStart = performance.now();
      open();
      return task();
    });
  }

  return {
    run(url, task, signal) {
      const key = siteKey(url);
      const site = siteOf(key);
      clearTimeout(site.forgetTimer);
      const limited = site.limit(() => {
        if (earliestStart(site) <= performance.now() && site.delayMs === 0) {
          return global(() => {
            site.lastStart = performance.now();
            return task();
          });
        }
        return startSpaced(site, task, signal);
      });
      const done = (): void => forget(key);
      void limited.then(done, done);
      return limited;
    },
    pause(url, ms) {
      const key = siteKey(url);
      const site = siteOf(key);
      site.pausedUntil = Math.max(site.pausedUntil, performance.now() + ms);
      forget(key); // not forgotten now: remembered until the pause ends
    },
    setDelay(url, ms) {
      const key = siteKey(url);
      const delay = siteDelay(baseDelay, ms);
      raisedDelays.delete(key);
      if (delay > baseDelay) {
        raisedDelays.set(key, delay);
        if (raisedDelays.size > REMEMBERED_DELAYS) raisedDelays.delete(raisedDelays.keys().next().value!);
      }
      const site = sites.get(key);
      if (site) site.delayMs = delay;
    },
  };
}

/** The delay a site gets when it asks for `askedMs`: never below the run's, never above the cap. */
export function siteDelay(runDelayMs: number, askedMs: number): number {
  return Math.min(MAX_SITE_DELAY_MS, Math.max(runDelayMs, askedMs));
}

/** `p`, or the signal's reason as soon as it aborts. */
function untilAborted(p: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
