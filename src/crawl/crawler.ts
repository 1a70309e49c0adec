/**
 * The crawler: school URL → SchoolCrawl of PageFacts. It fetches, decodes, hands each HTML page
 * to the extractor and keeps the facts; it knows nothing of what a page means.
 * Many schools are crawled at once through one crawler: one undici Agent, one global limit.
 */
import { setMaxListeners } from 'node:events';
import type { RenderMode, SchoolConfig, SchoolCrawl } from '../types.js';
import { createHttpClient } from './fetcher.js';
import { createRequestLimiter } from './limiter.js';
import { createRenderer, type EvidenceTarget } from './rendering.js';
import { runSchoolCrawl, type CrawlProgress } from './school-run.js';
import { siteKey } from './url.js';

export type { CrawlProgress } from './school-run.js';

export interface CrawlOptions {
  /** Global in-flight request limit shared by all schools (default 16). */
  concurrency: number;
  /** Per school (default 300; SchoolConfig.maxPages overrides). */
  maxPages: number;
  /** Link depth from the start URL (default 5; SchoolConfig.maxDepth overrides). */
  maxDepth: number;
  /** Per request, headers and body (default 15000). */
  timeoutMs: number;
  /** HTML bigger than this is cut (default 5 MB). */
  maxBodyBytes: number;
  /** Per school (default 150). */
  maxAttachmentProbes: number;
  /** Names the tool and a URL. */
  userAgent: string;
  /** In-flight requests per site (host without "www.") — small school servers (default 2; CLI `--per-host`). */
  perHost: number;
  /** Pause between two requests to one site, in ms (default 0; CLI `--per-host-delay`; robots.txt Crawl-delay may raise it). */
  perHostDelayMs: number;
  /** Obey robots.txt (default true; CLI `--ignore-robots` for a district's own sites). */
  robots: boolean;
  /** Seed the crawl from sitemap.xml and sitemap indexes (default true). */
  sitemaps: boolean;
  /** Retries of a transient failure (timeout, reset, 5xx, 429): exponential backoff with jitter (default 2). */
  retries: number;
  /** First backoff step in ms, doubled per retry up to 8 s, with full jitter (default 500; tests make it small). */
  retryBaseMs: number;
  /** A Retry-After longer than this is not waited for: the answer stands (default 60 s). */
  maxRetryAfterMs: number;
  /** Go on past an invalid TLS certificate; it is still reported (default false; CLI `--insecure`). */
  insecure: boolean;
  /** Follow links that resolve to private, loopback or link-local addresses (default false; CLI `--allow-private`). */
  allowPrivate: boolean;
  /** Wall time one school may take, in ms; then it stops with what it read (default 15 min; CLI `--school-budget`). */
  schoolBudgetMs: number;
  /**
   * Host name → IP address, like /etc/hosts or curl --resolve: audit a portal on a new server
   * before its DNS changes (the tests map school domains to 127.0.0.1).
   */
  hosts: Record<string, string>;
  /** Which pages a browser renders (default `auto`: those that look built by JavaScript). */
  render: RenderMode;
  /** Probe attachments on other hosts than the school's (default true: files often live on a file server). */
  probeOffSite: boolean;
  /** Whether a link's label names a section of the rule pack: read before the other pages of its depth. */
  sectionLink?: (label: string) => boolean;
  /** Chromium binary; else PORTAL_AUDIT_CHROMIUM, else Debian's paths. */
  chromium?: string;
  /** Browser contexts rendering at once (default: bench/RESULTS.md "Rendering"). */
  renderContexts?: number;
  /** Told once (Chromium missing …). */
  notice?: (line: string) => void;
}

export const DEFAULT_CRAWL_OPTIONS: Readonly<CrawlOptions> = {
  concurrency: 16,
  maxPages: 300,
  maxDepth: 5,
  timeoutMs: 15_000,
  maxBodyBytes: 5 * 1024 * 1024,
  maxAttachmentProbes: 150,
  userAgent: 'portal-audit/1.0 (school portal audit, letter 289/VP-CNTT; +https://www.npmjs.com/package/portal-audit)',
  perHost: 2,
  perHostDelayMs: 0,
  robots: true,
  sitemaps: true,
  retries: 2,
  retryBaseMs: 500,
  maxRetryAfterMs: 60_000,
  insecure: false,
  allowPrivate: false,
  schoolBudgetMs: 15 * 60_000,
  hosts: {},
  render: 'auto',
  probeOffSite: true,
};

export interface Crawler {
  crawlSchool(school: SchoolConfig, onProgress?: (p: CrawlProgress) => void, signal?: AbortSignal): Promise<SchoolCrawl>;
  /**
   * Evidence of a crawled school: screenshots (under `outDir/screenshots/<school id>/`) and the layout
   * of the given pages, stored in their facts. Returns how many screenshots were taken.
   */
  captureEvidence(crawl: SchoolCrawl, targets: EvidenceTarget[], outDir: string): Promise<number>;
  /** Stops crawls still running (they return what they read) and closes the connections and the browser. */
  close(): Promise<void>;
}

export function createCrawler(opts: Partial<CrawlOptions> = {}): Crawler {
  const o: CrawlOptions = { ...DEFAULT_CRAWL_OPTIONS };
  // undefined means "not given" (CLI flags left out), never "no limit"
  for (const [k, v] of Object.entries(opts)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;

  const limiter = createRequestLimiter(o.concurrency, o.perHost, o.perHostDelayMs);
  const http = createHttpClient({
    userAgent: o.userAgent,
    timeoutMs: o.timeoutMs,
    maxBodyBytes: o.maxBodyBytes,
    limiter,
    perSite: o.perHost,
    hosts: o.hosts,
    retries: o.retries,
    backoff: { baseMs: o.retryBaseMs },
    maxRetryAfterMs: o.maxRetryAfterMs,
    insecure: o.insecure,
    allowPrivate: o.allowPrivate,
  });
  const renderer = createRenderer(
    { mode: o.render, ...(o.chromium ? { chromium: o.chromium } : {}), ...(o.renderContexts ? { contexts: o.renderContexts } : {}), timeoutMs: o.timeoutMs, ...(o.notice ? { notice: o.notice } : {}) },
    limiter,
    o.hosts,
    o.userAgent,
  );
  const closing = new AbortController();
  // one listener per school in flight, by design: dozens at once are not a leak
  setMaxListeners(0, closing.signal);
  const settings = {
    renderer,
    http,
    maxPages: o.maxPages,
    maxDepth: o.maxDepth,
    maxBodyBytes: o.maxBodyBytes,
    maxAttachmentProbes: o.maxAttachmentProbes,
    workers: Math.max(1, Math.min(o.perHost, o.concurrency)),
    closing: closing.signal,
    robots: o.robots,
    sitemaps: o.sitemaps,
    budgetMs: o.schoolBudgetMs,
    probeOffSite: o.probeOffSite,
    ...(o.sectionLink ? { sectionLink: o.sectionLink } : {}),
  };
  const running = new Set<Promise<SchoolCrawl>>();
  let closed: Promise<void> | undefined;

  return {
    crawlSchool(school, onProgress, signal) {
      const crawl = runSchoolCrawl(settings, school, onProgress, signal);
      running.add(crawl);
      void crawl.finally(() => running.delete(crawl));
      return crawl;
    },
    captureEvidence(crawl, targets, outDir) {
      if (!crawl.reachable) return Promise.resolve(0);
      const sites = new Set([siteKey(crawl.school.url), siteKey(crawl.homeUrl)]);
      return renderer.capture(crawl.pages, targets, (u) => sites.has(siteKey(u)), outDir, `screenshots/${crawl.school.id}`);
    },
    close() {
      if (!closed) {
        closing.abort();
        closed = Promise.allSettled(running).then(() => Promise.all([http.close(), renderer.close()]).then(() => undefined));
      }
      return closed;
    },
  };
}
