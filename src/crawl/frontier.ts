/**
 * The queue of pages still to fetch for one school: breadth-first by link depth (menu pages come
 * first, so the page limit keeps the important ones), each page once whatever URL variant or
 * scheme it is reached under.
 */
import { canonicalUrl, pageKey } from './url.js';

export interface FrontierEntry {
  /** Canonical URL (scheme of the first time the page was seen): the page's key in the crawl. */
  url: string;
  /** The URL as first seen (fragment removed): fetched as written, so slugs and encodings stay. */
  fetchUrl: string;
  depth: number;
}

export class Frontier {
  private readonly levels: FrontierEntry[][] = [];
  /** Read position in each level (cheaper than shift() on long levels). */
  private readonly heads: number[] = [];
  private readonly seen = new Set<string>();
  private readonly claimed = new Set<string>();
  private waiting = 0;

  /** Queues a URL unless the page was already queued or fetched. Returns whether it was new. */
  add(url: string, depth: number): boolean {
    const key = pageKey(url);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const fetchUrl = url.replace(/#.*$/, '');
    (this.levels[depth] ??= []).push({ url: canonicalUrl(fetchUrl), fetchUrl, depth });
    this.waiting++;
    return true;
  }

  /** The next page to fetch, lowest depth first; it is claimed at once. */
  next(): FrontierEntry | undefined {
    for (let depth = 0; depth < this.levels.length; depth++) {
      const level = this.levels[depth] ?? [];
      while ((this.heads[depth] ?? 0) < level.length) {
        const entry = level[this.heads[depth] ?? 0]!;
        this.heads[depth] = (this.heads[depth] ?? 0) + 1;
        this.waiting--;
        if (this.claim(entry.url)) return entry;
      }
    }
    return undefined;
  }

  /**
   * Marks a page as being fetched. False when it already was: a redirect that lands on a page
   * fetched under another URL stops there instead of fetching it twice.
   */
  claim(url: string): boolean {
    const key = pageKey(url);
    if (this.claimed.has(key)) return false;
    this.claimed.add(key);
    this.seen.add(key);
    return true;
  }

  /** Pages queued and not yet fetched (an upper bound: some may be claimed through redirects). */
  get size(): number {
    return this.waiting;
  }

  /** Whether a page is still waiting that was not fetched meanwhile through a redirect. */
  hasPending(): boolean {
    for (let depth = 0; depth < this.levels.length; depth++) {
      const level = this.levels[depth] ?? [];
      for (let i = this.heads[depth] ?? 0; i < level.length; i++) {
        if (!this.claimed.has(pageKey(level[i]!.url))) return true;
      }
    }
    return false;
  }
}
