/**
 * The crawl of one school: the home page first (it decides whether the site is reachable and,
 * when it moved, which site is the school's), then the site's robots.txt and sitemaps, then
 * breadth-first over same-site pages, then the attachment probes. Never throws for anything a
 * site does; stops cleanly on abort or when the school's time budget runs out, keeping what it read.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { extractPage } from '../extract/page.js';
import type { AttachmentProbe, CrawlStats, PageFacts, SchoolConfig, SchoolCrawl } from '../types.js';
import { AttachmentQueue, isHtmlType, probeAttachment, probeRecord } from './attachments.js';
import { decodeHtml } from './decode.js';
import {
  failureMessage,
  httpStatusMessage,
  notHtmlMessage,
  parseFailedMessage,
} from './errors.js';
import type { HttpClient } from './fetcher.js';
import { Frontier, type FrontierEntry } from './frontier.js';
import { IgnoredParams } from './ignored-params.js';
import { buildCrawlIssues, CrawlNotes } from './issues.js';
import { allowAll, fetchRobots, type RobotsRules } from './robots.js';
import { readSitemaps } from './sitemaps.js';
import { TrapGuard, type LinkParent } from './traps.js';
import type { Renderer } from './rendering.js';
import { classifyLink } from './link-kinds.js';
import { unreadPageFacts } from './page-record.js';
import { canonicalUrl, isHttpUrl, isSameSite, pageKey, siteKey } from './url.js';

export interface CrawlProgress {
  schoolId: string;
  pages: number;
  queued: number;
  errors: number;
}

export interface SchoolRunSettings {
  http: HttpClient;
  maxPages: number;
  maxDepth: number;
  maxBodyBytes: number;
  maxAttachmentProbes: number;
  /** Requests of one school in flight at once (the shared limiter may allow fewer). */
  workers: number;
  /** Aborted when the whole crawler closes. */
  closing: AbortSignal;
  /** Renders pages built by JavaScript (absent: HTTP only). */
  renderer?: Renderer;
  /** Obey robots.txt (default true). */
  robots?: boolean;
  /** Seed the frontier from the sitemaps (default true). */
  sitemaps?: boolean;
  /** Wall time of the school's crawl in ms (default: none). */
  budgetMs?: number;
  /** Probe attachments on other hosts too (default true: files often live on a file server). */
  probeOffSite?: boolean;
  /**
   * Whether a link's label names a section the audit looks for: such links are read before the
   * other pages of their depth, so a page limit cuts something else (the rule pack's labels; the
   * crawler itself knows no sections).
   */
  sectionLink?: (label: string) => boolean;
}

export async function runSchoolCrawl(
  settings: SchoolRunSettings,
  school: SchoolConfig,
  onProgress?: (p: CrawlProgress) => void,
  signal?: AbortSignal,
): Promise<SchoolCrawl> {
  const run = new SchoolRun(settings, school, onProgress, signal);
  try {
    return await run.crawl();
  } catch (err) {
    // a bug of ours must not stop the other schools
    const detail = err instanceof Error ? err.message : String(err);
    return run.finish(false, `Lỗi nội bộ của công cụ / Internal error of the tool (${detail}) — ${school.url}`);
  } finally {
    run.dispose();
  }
}

class SchoolRun {
  /**
   * Facts of the pages read, as deflated JSON until the school is done: a page's facts take ≈ 4× more
   * as objects on the heap than as UTF-8 JSON, and ≈ 5× less again deflated (≈ 0.2 ms a page at
   * level 1; bench/RESULTS.md), and a district run has ten schools or more in flight.
   */
  private readonly pages: Buffer[] = [];
  private readonly frontier = new Frontier();
  private readonly files = new AttachmentQueue();
  /** Canonical file URL → probe; also files met where a page was expected. */
  private readonly probes = new Map<string, AttachmentProbe>();
  /** In-page viewers (`/ViewFilePdf?…`, `/XemTaiLieu?…`) show a file; they are not pages. */
  private readonly viewers = new Set<string>();
  /** Site keys of the school: its URL's, and its home page's after redirects. */
  private readonly sites = new Set<string>();
  private readonly stats: CrawlStats = { requests: 0, pages: 0, bytes: 0, errors: 0, pageLimitReached: false, durationMs: 0 };
  private readonly abort = new AbortController();
  private readonly unlink: (() => void)[] = [];
  private readonly startedAt = new Date().toISOString();
  private readonly t0 = performance.now();
  private readonly maxPages: number;
  private readonly maxDepth: number;
  private homeUrl: string;
  private robots: RobotsRules;
  /** robots.txt forbids the home page to us: only the configured pages are read. */
  private robotsClosedSite = false;
  private readonly traps = new TrapGuard(new Date());
  /**
   * Link URLs, as written, whose fate is settled (queued, refused, off-site, a file): most links of a
   * page are its menu, met again on every page, and each costs several URL parses (bench/RESULTS.md).
   */
  private readonly settledLinks = new Set<string>();
  private readonly notes = new CrawlNotes();
  /**
   * What the page budget counts. Only pages read count against --max-pages: error pages (404,
   * 5xx, network failures) and bodies already read under another URL are counted apart, each with
   * a cap of their own (the page limit again), so dead links or a session id in every link cannot
   * use up the budget before the menus' pages are read.
   */
  private readonly spent = { read: 0, errors: 0, duplicates: 0 };
  /** Fingerprint of each body read → the URL it was first read under. */
  private readonly bodies = new Map<string, string>();
  /** Per URL family (path and query keys): bodies read and bodies that repeated one already read. */
  private readonly families = new Map<string, { unique: number; repeats: number }>();
  /** Families that only repeat pages already read: their other URLs are not fetched. */
  private readonly stoppedFamilies = new Set<string>();
  /** Query parameters the site was seen to ignore, and the pages read, keyed without them. */
  private readonly ignored = new IgnoredParams();
  private readonly readUrls: string[] = [];
  private readKeys = new Set<string>();
  private budgetTimer: NodeJS.Timeout | undefined;
  private budgetExpired = false;

  constructor(
    private readonly settings: SchoolRunSettings,
    private readonly school: SchoolConfig,
    private readonly onProgress: ((p: CrawlProgress) => void) | undefined,
    signal: AbortSignal | undefined,
  ) {
    this.maxPages = Math.max(1, school.maxPages ?? settings.maxPages);
    this.maxDepth = Math.max(0, school.maxDepth ?? settings.maxDepth);
    this.homeUrl = canonicalUrl(school.url);
    this.robots = allowAll(school.url);
    const budget = settings.budgetMs;
    if (budget !== undefined && budget > 0 && Number.isFinite(budget)) {
      this.budgetTimer = setTimeout(() => {
        this.budgetExpired = true;
        this.abort.abort(); // in-flight requests end now; the pages read are kept
      }, budget);
      this.budgetTimer.unref();
    }
    for (const s of [signal, settings.closing]) {
      if (!s) continue;
      if (s.aborted) this.abort.abort();
      const stop = (): void => this.abort.abort();
      s.addEventListener('abort', stop, { once: true });
      this.unlink.push(() => s.removeEventListener('abort', stop));
    }
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  async crawl(): Promise<SchoolCrawl> {
    const s = this.school;
    this.sites.add(siteKey(s.url));
    // the auditor named these URLs: they may live on a private address (a district's intranet)
    const configured = [s.url, ...(s.startUrls ?? []), ...Object.values(s.sectionUrls ?? {}).flat()];
    await Promise.all(configured.map((url) => this.settings.http.admit(url)));
    // configured URLs are crawled wherever they are; only links found on pages must be on the site
    this.frontier.add(s.url, 0);
    for (const url of s.startUrls ?? []) this.frontier.add(url, 0);
    for (const urls of Object.values(s.sectionUrls ?? {})) {
      for (const url of urls) this.frontier.add(url, 1);
    }
    const home = this.frontier.next();
    const homeError = home ? await this.visit(home, true) : null;
    if (homeError) return this.finish(false, this.budgetExpired ? budgetRanOutMessage(s.url) : homeError);
    await this.seedFromSitemaps();
    await this.crawlPages();
    await this.probeAttachments();
    return this.finish(true, null);
  }

  finish(reachable: boolean, error: string | null): SchoolCrawl {
    this.stats.durationMs = Math.round(performance.now() - this.t0);
    this.report();
    const issues = buildCrawlIssues(
      this.notes,
      {
        stats: this.stats,
        maxPages: this.maxPages,
        maxBodyBytes: this.settings.maxBodyBytes,
        queued: this.frontier.size,
        traps: this.traps.stopped(),
        robotsClosedSite: this.robotsClosedSite,
        ...(this.budgetExpired ? { budgetExpiredMs: this.settings.budgetMs } : {}),
      },
      reachable,
    );
    return {
      school: this.school,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      reachable,
      error,
      homeUrl: this.homeUrl,
      pages: this.pages.map((b) => JSON.parse(inflateRawSync(b).toString('utf8')) as PageFacts),
      attachments: [...this.probes.values()],
      stats: { ...this.stats },
      issues,
    };
  }

  dispose(): void {
    clearTimeout(this.budgetTimer);
    for (const f of this.unlink) f();
  }

  /**
   * robots.txt of the site the home page landed on, read before the home page's links are
   * followed. Its Crawl-delay slows this site's requests down.
   */
  private async readRobots(siteUrl: string): Promise<void> {
    if (this.settings.robots === false) return;
    this.robots = await fetchRobots(this.settings.http, siteUrl, this.abort.signal, () => this.stats.requests++);
    this.robotsClosedSite = !this.robots.allows(siteUrl);
    if (this.robots.crawlDelayMs > 0) this.settings.http.setSiteDelay(siteUrl, this.robots.crawlDelayMs);
  }

  /**
   * Pages the sitemaps declare, queued at depth 2 behind the pages the links of the same depth
   * find: the menus' pages and their posts stay first within the page limit (a sitemap often
   * lists the oldest posts first), while pages no menu links to are still read.
   */
  private async seedFromSitemaps(): Promise<void> {
    const depth = Math.min(2, this.maxDepth);
    if (this.settings.sitemaps === false || this.stopped || depth < 1 || this.robotsClosedSite) return;
    // the `Sitemap:` lines are offered to crawlers; the usual place is a page like any other
    const sources = this.robots.sitemaps.length > 0 ? this.robots.sitemaps : [new URL('/sitemap.xml', this.homeUrl).href].filter(this.robots.allows);
    const urls = await readSitemaps({
      http: this.settings.http,
      sources,
      onSite: (u) => this.sites.has(siteKey(u)),
      // the frontier drops the pages already queued; more than the limit could never be read
      maxUrls: 2 * this.maxPages,
      signal: this.abort.signal,
      onRequest: () => this.stats.requests++,
    });
    for (const url of urls) {
      if (classifyLink(url) === 'page' && !this.viewers.has(pageKey(url))) this.queue(url, depth, undefined, true);
    }
  }

  /** Queues a same-site page unless robots.txt forbids it or it continues a trap. */
  private queue(url: string, depth: number, parent: LinkParent | undefined, late = false, early = false): void {
    if (this.frontier.has(url)) return;
    if (this.stoppedFamilies.has(familyKey(url)) || this.alreadyRead(url)) {
      this.frontier.refuse(url);
      this.notes.note('duplicates', url);
      return;
    }
    if (!this.robots.allows(url)) {
      this.frontier.refuse(url);
      this.notes.note('robots', url);
      return;
    }
    const verdict = this.traps.check(url, parent);
    if (!verdict.ok) {
      this.frontier.refuse(url);
      return;
    }
    this.frontier.add(url, depth, { chain: verdict.chain, late, early });
  }

  /** Breadth-first: up to `workers` pages in flight, never more pages than the limit allows. */
  private async crawlPages(): Promise<void> {
    const running = new Set<Promise<void>>();
    for (;;) {
      while (!this.stopped && running.size < this.settings.workers && this.used() + running.size < this.maxPages) {
        const entry = this.frontier.next();
        if (!entry) break;
        if (this.stoppedFamilies.has(familyKey(entry.url)) || this.alreadyRead(entry.url)) {
          this.notes.note('duplicates', entry.url);
          continue;
        }
        const task: Promise<void> = this.visit(entry)
          .catch(() => null) // visit records its own failures; this is a last guard
          .then(() => {
            running.delete(task);
          });
        running.add(task);
      }
      if (running.size === 0) break;
      await Promise.race(running);
    }
    this.stats.pageLimitReached = !this.stopped && this.used() >= this.maxPages && this.frontier.hasPending();
  }

  /** Pages counted against the limit: those read, plus error pages and repeats beyond their own caps. */
  private used(): number {
    const { read, errors, duplicates } = this.spent;
    return read + Math.max(0, errors - this.maxPages) + Math.max(0, duplicates - this.maxPages);
  }

  /**
   * A body already read under another URL (a session id, a query the server ignores, `?page=N`
   * past the end): recorded as a pointer to the first URL. A family of URLs
   * that repeats at least as often as it shows something new, three times or more, is stopped.
   */
  private repeated(facts: PageFacts, isHome: boolean): string | undefined {
    const print = fingerprint(facts);
    const family = familyKey(facts.url);
    const f = this.families.get(family) ?? { unique: 0, repeats: 0 };
    this.families.set(family, f);
    const first = this.bodies.get(print);
    // The home page is always read: its body is what `/index.php` or `/?lang=vi` may repeat.
    if (first === undefined || first === facts.url || isHome) {
      this.bodies.set(print, facts.url);
      f.unique++;
      this.remember(facts.url);
      return undefined;
    }
    f.repeats++;
    if (f.repeats >= 3 && f.repeats >= f.unique) this.stoppedFamilies.add(family);
    // The parameters the two URLs differ in change nothing: other URLs differing only in them are this page too.
    if (this.ignored.learn(first, facts.url)) this.readKeys = new Set(this.readUrls.map((u) => this.ignored.key(u)));
    return first;
  }

  private remember(url: string): void {
    this.readUrls.push(url);
    this.readKeys.add(this.ignored.key(url));
  }

  /** A URL that differs from a page read only in parameters the site ignores. */
  private alreadyRead(url: string): boolean {
    return this.readKeys.has(this.ignored.key(url));
  }

  /** Fetches one page and records its facts. For the home page, returns why the site is unreachable. */
  private async visit(entry: FrontierEntry, isHome = false): Promise<string | null> {
    const fetchedAt = new Date().toISOString();
    const own = new Set([pageKey(entry.url)]);
    const result = await this.settings.http.fetch(
      entry.fetchUrl,
      {
        method: 'GET',
        wantBody: (status, contentType) => status < 400 && (contentType === '' || isHtmlType(contentType)),
        redirect: (from, to) => {
          // only a moved home page may take the school to another site; once moved, links to the
          // old domain that redirect to the new one stay on the school's site
          if (!isHttpUrl(to)) return 'offsite';
          if (!isHome && !isSameSite(from, to) && !this.sites.has(siteKey(to))) return 'offsite';
          const key = pageKey(to);
          if (!own.has(key)) {
            if (!this.frontier.claim(to)) return 'duplicate';
            own.add(key);
          }
          return 'follow';
        },
        signal: this.abort.signal,
      },
      () => this.stats.requests++,
    );
    const { answer, failure, finalUrl } = result;
    if (failure?.kind === 'aborted') return isHome ? failureMessage('aborted', entry.fetchUrl) : null;
    this.notes.page(entry.fetchUrl, result);

    const unread = (status: number, error?: string): PageFacts =>
      unreadPageFacts({
        url: entry.url,
        finalUrl,
        status,
        contentType: answer?.contentType ?? '',
        depth: entry.depth,
        fetchedAt,
        ...(error ? { error } : {}),
      });
    if (result.duplicate) {
      // redirects to a page read under another URL: keep the link between the two (menus use both)
      this.record(unread(result.hops[0]?.status ?? answer?.status ?? 0), false, 'duplicate');
      return null;
    }
    if (failure || !answer) {
      const error = failure ? failureMessage(failure.kind, finalUrl, failure.detail) : failureMessage('network', finalUrl);
      this.record(unread(answer?.status ?? 0, error), failure?.kind !== 'redirect-offsite');
      return isHome ? error : null;
    }
    if (answer.status >= 400) {
      const error = httpStatusMessage(answer.status, finalUrl, isHome ? 'home' : 'page');
      this.record(unread(answer.status, error), true);
      return isHome ? error : null;
    }
    if (!answer.body || looksBinary(answer.body, answer.contentType)) {
      if (isHome) {
        const error = notHtmlMessage(answer.contentType, finalUrl);
        this.record(unread(answer.status, error), true);
        return error;
      }
      // a file behind a page-like URL (`/DownloadFile?id=…`): it is an attachment, not a page
      const key = canonicalUrl(entry.fetchUrl);
      if (!this.probes.has(key)) this.probes.set(key, probeRecord(key, result));
      return null;
    }

    this.stats.bytes += answer.bytes;
    const { html } = decodeHtml(answer.body, answer.contentType);
    let facts: PageFacts;
    try {
      facts = extractPage({
        url: entry.url,
        finalUrl,
        status: answer.status,
        contentType: answer.contentType,
        html,
        fetchedAt,
        depth: entry.depth,
        ...(answer.lastModified ? { lastModified: answer.lastModified } : {}),
      });
    } catch (err) {
      this.record(unread(answer.status, parseFailedMessage(finalUrl, err instanceof Error ? err.message : String(err))), true);
      return null;
    }
    if (answer.truncated) facts.truncated = true;
    if (!facts.error && this.settings.renderer && !this.stopped) {
      // An empty app shell over HTTP: read the page again as a browser builds it.
      const sameSite = (u: string) => this.sites.has(siteKey(u)) || (isHome && isSameSite(finalUrl, u));
      facts = await this.settings.renderer.upgrade(facts, html, this.school.render, sameSite, answer.lastModified);
      if (facts.rendered) this.stats.rendered = (this.stats.rendered ?? 0) + 1;
    }
    if (isHome && facts.error) {
      // A home page that is not readable HTML (binary garbage, a broken document): nothing to audit.
      const error = `${notHtmlMessage(answer.contentType, finalUrl)} — ${facts.error}`;
      this.record({ ...facts, error }, true);
      return error;
    }
    if (isHome) {
      // The home page is known by where it landed ("/" → "/trang-chu.aspx"), so judging finds it.
      this.homeUrl = canonicalUrl(finalUrl);
      facts.url = this.homeUrl;
      this.sites.add(siteKey(finalUrl));
      await this.readRobots(finalUrl);
    }
    // An app shell no browser rendered looks like every other one: never a repeat of it.
    const first = facts.error || (facts.needsRender && !facts.rendered) ? undefined : this.repeated(facts, isHome);
    // A repeat's links are followed all the same: the trap guard and the family count end a walk
    // of variants within a few steps, and name it.
    this.follow(facts, entry, metaRefreshTarget(html, finalUrl), isHome);
    if (first) {
      // read once: the page index shows this URL as the same page as the first
      this.notes.note('duplicates', entry.fetchUrl);
      this.record({ ...unread(answer.status), duplicateOf: first }, false, 'duplicate');
      return null;
    }
    this.record(facts, false);
    return null;
  }

  /** Queues the page's same-site links one level deeper and collects its attachments. */
  private follow(facts: PageFacts, entry: FrontierEntry, refresh: string | undefined, isHome: boolean): void {
    for (const a of facts.attachments) {
      this.files.add(a.url);
      if (a.viewerUrl) this.viewers.add(pageKey(a.viewerUrl));
    }
    const targets = [...facts.links, ...facts.navLinks].map((l) => l.url);
    if (refresh) {
      // a home page that only says "go there" (meta refresh) moves the school like a redirect
      if (isHome) this.sites.add(siteKey(refresh));
      targets.unshift(refresh);
    }
    const depth = entry.depth + 1;
    const heads = isHome ? new Set<string>() : listHeads(facts);
    const named = this.settings.sectionLink;
    if (named) for (const l of [...facts.navLinks, ...facts.links]) if (l.label && named(l.label)) heads.add(l.url);
    for (const url of targets) {
      if (this.settledLinks.has(url)) continue;
      const kind = classifyLink(url);
      if (kind === 'document') this.files.add(url);
      if (kind !== 'page') {
        this.settledLinks.add(url);
        continue;
      }
      if (depth > this.maxDepth) continue; // may come again nearer the home page
      if (!this.sites.has(siteKey(url)) && !isHome) {
        this.settledLinks.add(url); // the school's sites are known once its home page is read
        continue;
      }
      if (!this.sites.has(siteKey(url)) || this.viewers.has(pageKey(url))) continue;
      const early = heads.has(url);
      if (early && this.frontier.has(url)) this.frontier.promote(url);
      this.queue(url, depth, entry, false, early);
      // a list head may be met again on another list: settle it only as a plain link
      if (this.frontier.has(url) && !early) this.settledLinks.add(url);
    }
  }

  private record(
    facts: PageFacts,
    failed: boolean,
    kind: 'read' | 'error' | 'duplicate' = failed || !!facts.error || facts.status >= 400 || facts.status === 0 ? 'error' : 'read',
  ): void {
    this.pages.push(deflateRawSync(JSON.stringify(facts), { level: 1 }));
    this.stats.pages++;
    if (failed) this.stats.errors++;
    if (kind === 'read') this.spent.read++;
    else if (kind === 'error') this.spent.errors++;
    else this.spent.duplicates++;
    this.report();
  }

  private report(): void {
    if (!this.onProgress) return;
    try {
      this.onProgress({ schoolId: this.school.id, pages: this.stats.pages, queued: this.frontier.size, errors: this.stats.errors });
    } catch {
      /* a progress display must not break the crawl */
    }
  }

  /** HEAD each attachment once, within the school's probe budget, files of the menu pages first. */
  private async probeAttachments(): Promise<void> {
    const todo = this.files
      .urls()
      .filter((url) => !this.probes.has(url) && (this.settings.probeOffSite !== false || this.sites.has(siteKey(url))))
      .slice(0, Math.max(0, this.settings.maxAttachmentProbes));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!this.stopped && next < todo.length) {
        const url = todo[next++]!;
        const probe = await probeAttachment(this.settings.http, url, this.abort.signal, () => this.stats.requests++);
        if (!this.stopped) this.probes.set(url, probe);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.settings.workers) }, worker));
  }
}

/**
 * The first rows of a category page's list: its newest items, whose own pages (with the posting
 * time a deadline needs) are read before the other pages of their depth. The home page's columns
 * are not: its menu entries come first.
 */
const HEADS_PER_LIST = 3;

function listHeads(facts: PageFacts): Set<string> {
  const heads = new Set<string>();
  for (const l of facts.lists) if (l.main) for (const it of l.items.slice(0, HEADS_PER_LIST)) if (it.url) heads.add(it.url);
  return heads;
}

/**
 * What a reader sees of a page, links left out: two URLs whose pages show the same title, headings,
 * text, items, tables and media are one page (their links may differ by a session id or a pager).
 */
function fingerprint(f: PageFacts): string {
  const h = createHash('sha1');
  const put = (s: string | undefined) => h.update(`${s ?? ''}\u0000`);
  put(f.title);
  put(f.breadcrumb.join('\u0001'));
  for (const x of f.headings) put(x.text);
  put(f.text);
  for (const l of f.lists) for (const i of l.items) put(`${i.title}|${i.date?.date ?? ''}|${i.image ?? ''}`);
  for (const t of f.tables) for (const r of t.rows) put(r.map((c) => c.text).join('\u0001'));
  for (const i of f.images) put(stripQuery(i.src));
  for (const v of f.videos) put(v.src);
  for (const a of f.attachments) put(stripQuery(a.url));
  for (const p of f.people) put(`${p.name}|${p.position ?? ''}|${p.phones.join(',')}|${p.emails.join(',')}`);
  for (const t of f.tickers) put(t.text);
  return h.digest('base64');
}

function stripQuery(url: string): string {
  const i = url.search(/[?#]/);
  return i < 0 ? url : url.slice(0, i);
}

/** A family of URLs: the path and the names of its query parameters, values left out. */
export function familyKey(url: string): string {
  try {
    const u = new URL(url);
    const keys = [...new Set([...u.searchParams.keys()])].sort().join('&');
    return `${siteKey(url)}${u.pathname}?${keys}`;
  } catch {
    return url;
  }
}

/** A body with NUL bytes and no Content-Type is a file, not HTML. */
function looksBinary(body: Buffer, contentType: string): boolean {
  return contentType === '' && body.subarray(0, 1024).includes(0);
}

/** `<meta http-equiv="refresh" content="0; url=/portal">`: small portals use it as their home page. */
export function metaRefreshTarget(html: string, base: string): string | undefined {
  const tag = /<meta\b[^>]*http-equiv\s*=\s*["']?refresh\b[^>]*>/i.exec(html.slice(0, 8192))?.[0];
  const target = tag ? /content\s*=\s*["']?\s*[\d.]*\s*[;,]\s*url\s*=\s*['"]?([^"'>\s]+)/i.exec(tag)?.[1] : undefined;
  if (!target) return undefined;
  try {
    const u = new URL(target, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href.replace(/#.*$/, '') : undefined;
  } catch {
    return undefined;
  }
}

function budgetRanOutMessage(url: string): string {
  return `Hết thời gian dành cho trường trước khi đọc được trang chủ / The school's time budget ran out before the home page was read — ${url}`;
}
