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
  /** Place in a walk of next values (a calendar's next day …), for trap detection; 0: none. */
  chain: number;
}

export interface AddOptions {
  chain?: number;
  /**
   * Queued behind the pages found by links at the same depth (sitemap seeds): a sitemap lists
   * old posts first as often as new ones, and must not push the menus' pages out of the page limit.
   */
  late?: boolean;
}

export class Frontier {
  /** Lanes by rank: depth × 2, plus 1 for late entries. */
  private readonly lanes: FrontierEntry[][] = [];
  /** Read position in each lane (cheaper than shift() on long lanes). */
  private readonly heads: number[] = [];
  private readonly seen = new Set<string>();
  private readonly claimed = new Set<string>();
  private waiting = 0;

  /** Queues a URL unless the page was already queued, fetched or refused. Returns whether it was new. */
  add(url: string, depth: number, opts: AddOptions = {}): boolean {
    const key = pageKey(url);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const fetchUrl = url.replace(/#.*$/, '');
    const rank = depth * 2 + (opts.late ? 1 : 0);
    (this.lanes[rank] ??= []).push({ url: canonicalUrl(fetchUrl), fetchUrl, depth, chain: opts.chain ?? 0 });
    this.waiting++;
    return true;
  }

  /** Whether the page was queued, fetched or refused already. */
  has(url: string): boolean {
    return this.seen.has(pageKey(url));
  }

  /** Remembers a page that is not to be fetched (robots.txt, a trap), so it is judged once. */
  refuse(url: string): void {
    this.seen.add(pageKey(url));
  }

  /** The next page to fetch, lowest depth first; it is claimed at once. */
  next(): FrontierEntry | undefined {
    for (let rank = 0; rank < this.lanes.length; rank++) {
      const lane = this.lanes[rank] ?? [];
      while ((this.heads[rank] ?? 0) < lane.length) {
        const entry = lane[this.heads[rank] ?? 0]!;
        this.heads[rank] = (this.heads[rank] ?? 0) + 1;
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
    for (let rank = 0; rank < this.lanes.length; rank++) {
      const lane = this.lanes[rank] ?? [];
      for (let i = this.heads[rank] ?? 0; i < lane.length; i++) {
        if (!this.claimed.has(pageKey(lane[i]!.url))) return true;
      }
    }
    return false;
  }
}
