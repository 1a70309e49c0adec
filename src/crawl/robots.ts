/**
 * robots.txt of a school's site, read once through the crawl's own HTTP client (it is a request
 * like any other: limited, counted, aborted with the school). Parsed by `robots-parser`; our group
 * is the one named by the token `portal-audit`, else `*`.
 */
import robotsParserModule from 'robots-parser';
import type { FetchResult, HttpClient } from './fetcher.js';
import { isSameSite } from './url.js';

// CommonJS (`module.exports = fn`) typed as an ES default export: under NodeNext the default import is the function
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** The product token our user agent starts with, matched against `User-agent:` lines. */
export const ROBOTS_TOKEN = 'portal-audit';
/** Google reads the first 500 KiB of a robots.txt; the rest is ignored. */
const MAX_ROBOTS_BYTES = 512 * 1024;
/** A Crawl-delay above this is taken as this: one audit must still finish the same day. */
export const MAX_CRAWL_DELAY_MS = 10_000;

export interface RobotsRules {
  /** Whether robots.txt lets us fetch this URL of the site (any scheme, with or without www). */
  allows(url: string): boolean;
  /** Crawl-delay of our group, in ms, capped (0: none). */
  crawlDelayMs: number;
  /** `Sitemap:` lines. */
  sitemaps: string[];
  /** What the fetch of robots.txt gave: rules, none (4xx), or none because the server failed. */
  source: 'rules' | 'none' | 'unavailable';
  /** The URL of the robots.txt read. */
  url: string;
}

/** Rules that allow everything (no robots.txt, or the audit was told to ignore it). */
export function allowAll(url: string, source: RobotsRules['source'] = 'none'): RobotsRules {
  return { allows: () => true, crawlDelayMs: 0, sitemaps: [], source, url };
}

/**
 * Fetches and parses `/robots.txt` of the site of `siteUrl`. 4xx: no rules. 5xx or a network
 * failure: no rules either (Google would stop the whole site; an audit is read-only, a few
 * requests at a low rate, and a school that broke its server should still be audited).
 */
export async function fetchRobots(
  http: HttpClient,
  siteUrl: string,
  signal: AbortSignal,
  onRequest: () => void,
): Promise<RobotsRules> {
  const url = new URL('/robots.txt', siteUrl).href;
  const result = await http.fetch(
    url,
    {
      method: 'GET',
      wantBody: (status) => status < 400,
      // robots.txt may move to the other scheme or host name of the same site, never elsewhere
      redirect: (_from, to) => (isSameSite(url, to) ? 'follow' : 'offsite'),
      signal,
    },
    onRequest,
  );
  return parseRobotsAnswer(url, result);
}

function parseRobotsAnswer(url: string, result: FetchResult): RobotsRules {
  const a = result.answer;
  if (result.failure || !a) return allowAll(url, 'unavailable');
  if (a.status >= 500) return allowAll(url, 'unavailable');
  if (a.status >= 400 || !a.body) return allowAll(url, 'none');
  return parseRobots(url, a.body.subarray(0, MAX_ROBOTS_BYTES).toString('utf8'));
}

/** Rules of one robots.txt text, read for our token. */
export function parseRobots(url: string, text: string): RobotsRules {
  const robots = robotsParser(url, text);
  const origin = new URL(url).origin;
  const delay = robots.getCrawlDelay(ROBOTS_TOKEN);
  return {
    allows(target) {
      // robots-parser only answers for the exact origin of the file: the school's site also
      // lives under www and the other scheme, so its rules are applied to the path and query
      let u: URL;
      try {
        u = new URL(target);
      } catch {
        return true;
      }
      return robots.isAllowed(`${origin}${u.pathname}${u.search}`, ROBOTS_TOKEN) !== false;
    },
    crawlDelayMs: delay && delay > 0 ? Math.min(MAX_CRAWL_DELAY_MS, Math.round(delay * 1000)) : 0,
    sitemaps: robots.getSitemaps(),
    source: 'rules',
    url,
  };
}
