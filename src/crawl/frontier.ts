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
   * Queued before the other pages of its depth: the newest items of a list (its first rows), whose
   * own pages carry the posting time that a deadline needs, are read before a page limit hides them.
   */
  early?: boolean;
  /**
   * Queued behind the pages found by links at the same depth (sitemap seeds): a sitemap lists
   * old posts first as often as new ones, and must not push the menus' pages out of the page limit.
   */
  late?: boolean;
}

export class Frontier {
  /** Lanes by rank: depth × 3, plus 0 for early entries, 1 for the others, 2 for late ones. */
  private readonly lanes: FrontierEntry[][] = [];
  /** Read position in each lane (cheaper than shift() on long lanes). */
  private readonly heads: number[] = [];
  private readonly seen = new Set<string>();
  private readonly claimed = new Set<string>();
  private waiting = 0;
  /** Where each page still waiting was queued, for promote(). */
  private readonly queuedAt = new Map<string, { rank: number; entry: FrontierEntry }>();

  /** Queues a URL unless the page was already queued, fetched or refused. Returns whether it was new. */
  add(url: string, depth: number, opts: AddOptions = {}): boolean {
    const key = pageKey(url);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const fetchUrl = url.replace(/#.*$/, '');
    const rank = depth * 3 + (opts.early ? 0 : opts.late ? 2 : 1);
    const entry = { url: canonicalUrl(fetchUrl), fetchUrl, depth, chain: opts.chain ?? 0 };
    (this.lanes[rank] ??= []).push(entry);
    this.queuedAt.set(key, { rank, entry });
    this.waiting++;
    return true;
  }

  /**
   * Moves a queued page to the early lane of its depth (it was queued as a plain link, then found
   * again as the newest item of a list). Returns whether it was waiting.
   */
  promote(url: string): boolean {
    const key = pageKey(url);
    const queued = this.queuedAt.get(key);
    if (!queued || queued.rank % 3 === 0 || this.claimed.has(key)) return false;
    const early = queued.rank - (queued.rank % 3);
    (this.lanes[early] ??= []).push(queued.entry);
    this.queuedAt.set(key, { rank: early, entry: queued.entry });
    // The entry stays in its old lane too: next() skips it there once it is claimed.
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
    this.queuedAt.delete(key);
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
