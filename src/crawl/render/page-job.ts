/**
 * One use of a browser page (a render or a capture): which requests it lets through, which are in
 * flight, and the wait for the network to go quiet. The page is reused from job to job, so every
 * request is judged by the job that is current when it starts.
 */
import type { Request, Route } from 'playwright-core';

/** Types never needed to read a page or to see its layout. */
const ALWAYS_BLOCKED = new Set(['media', 'font']);

export interface JobRules {
  sameSite: (url: string) => boolean;
  /** Images load in `capture` (evidence), not in `render` (reading). */
  images: boolean;
}

export class PageJob {
  private readonly inFlight = new Set<Request>();
  private lastActivity = Date.now();
  /** Requests aborted before they were sent. */
  blocked = 0;
  readonly blockedUrls = new Set<string>();
  /** Set when the job was given up (timeout, crash): its loops stop at once. */
  cancelled = false;
  /** Where the page's own document was redirected to, when that was another site (not followed). */
  redirectedAway?: string;

  constructor(private readonly rules: JobRules) {}

  /** Decides a request before it is sent: abort it (true) or let it go (false). */
  shouldBlock(request: Request): boolean {
    const type = request.resourceType();
    if (ALWAYS_BLOCKED.has(type) || (type === 'image' && !this.rules.images)) return true;
    const url = request.url();
    if (/^(data|blob|about|chrome):/i.test(url)) return false;
    try {
      return !this.rules.sameSite(url);
    } catch {
      return true; // a sameSite that throws cannot vouch for the request
    }
  }

  /**
   * The context's route handler (Playwright): decides by resource type, and by host again for
   * requests the page's host guard does not see (workers).
   */
  async route(route: Route): Promise<boolean> {
    const request = route.request();
    if (this.cancelled || this.shouldBlock(request)) {
      this.blocked++;
      this.blockedUrls.add(request.url());
      await route.abort('blockedbyclient').catch(() => {});
      return true;
    }
    await route.continue().catch(() => {});
    return false;
  }

  /**
   * The host check for a request Chromium paused before sending it, including each hop of a
   * redirect (Playwright's routing lets hops through unasked): whether to refuse it.
   */
  refuses(url: string, redirectedDocument: boolean): boolean {
    if (/^(data|blob|about|chrome):/i.test(url)) return false;
    let allowed = false;
    try {
      allowed = !this.cancelled && this.rules.sameSite(url);
    } catch {
      /* a sameSite that throws cannot vouch for the request */
    }
    if (allowed) return false;
    this.blocked++;
    this.blockedUrls.add(url);
    if (redirectedDocument) this.redirectedAway ??= url;
    return true;
  }

  started(request: Request): void {
    this.inFlight.add(request);
    this.lastActivity = Date.now();
  }

  ended(request: Request): void {
    if (this.inFlight.delete(request)) this.lastActivity = Date.now();
  }

  /**
   * Resolves once no request has been in flight for `quietMs`, or for `idleQuietMs` when `idle()`
   * says the page has nothing left to do; after `capMs` at most, or when the job is cancelled.
   * The quiet time counts from the call at the earliest: a request a script starts at
   * DOMContentLoaded or on a click reaches Node a moment later. Polls every 25 ms.
   */
  async settle(wait: { quietMs: number; idleQuietMs: number; capMs: number; idle?: () => Promise<boolean> }): Promise<void> {
    const start = Date.now();
    const deadline = start + wait.capMs;
    for (;;) {
      const now = Date.now();
      if (this.cancelled || now >= deadline) return;
      const quiet = this.inFlight.size === 0 ? now - Math.max(this.lastActivity, start) : -1;
      if (quiet >= wait.quietMs) return;
      if (quiet >= wait.idleQuietMs && wait.idle) {
        const before = this.lastActivity;
        if ((await wait.idle().catch(() => false)) && this.inFlight.size === 0 && this.lastActivity === before) return;
      }
      await sleep(Math.min(25, deadline - Date.now()));
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
