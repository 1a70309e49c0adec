/**
 * Link traps: families of URLs that never end (a calendar whose every day links to the next day,
 * a counter, relative links that nest a path in itself, filters multiplying query strings).
 * A trap is told apart from a real portal by how its URLs are found, not by how many there are:
 * a portal has thousands of posts `/tin-tuc/ct/12/3456` differing by id, but a page that links to
 * the *next value* of its own URL, which links to the next one, and so on, is a walk with no end.
 * Pure bookkeeping, no network; memory is bounded by caps on what is tracked.
 */
import { canonicalUrl } from './url.js';

export type TrapRule = 'counter' | 'far-date' | 'repeating-path' | 'deep-path' | 'many-params' | 'query-explosion';

/** A family of URLs that was stopped: its pattern, how many of its URLs were skipped, a few of them. */
export interface TrapFamily {
  rule: TrapRule;
  /** Human-readable pattern, numbers shown as `{n}`: `/lich?d={n}`. */
  pattern: string;
  skipped: number;
  examples: string[];
}

/** Where a link was found: the page's URL and its place in a walk of next values. */
export interface LinkParent {
  url: string;
  chain: number;
}

export type TrapVerdict = { ok: true; chain: number } | { ok: false };

/**
 * Successive next-value links in one family before it is stopped. A menu or a list never walks
 * its own URL's next value page after page; a calendar's "next day" does. Small on purpose: with
 * the default depth limit of 5 a walk can only show 4 steps before the depth limit hides it.
 */
export const CHAIN_CAP = 3;
/** "Next page" links of a list that shows no page numbers: long lists are real, so more slack. */
export const PAGINATION_CHAIN_CAP = 50;
/** Years this far from the crawl's year, reached by a walk, are a calendar leading nowhere. */
const YEAR_SLACK = 2;
const MAX_SEGMENT_REPEATS = 2;
const MAX_PATH_DEPTH = 12;
const MAX_QUERY_PARAMS = 6;
const MAX_QUERY_SHAPES_PER_PATH = 50;
/** Tracking caps: a district run meets many sites; past these, new paths and families are not tracked. */
const MAX_TRACKED_PATHS = 1_000;
const MAX_FAMILIES = 20;
const MAX_EXAMPLES = 5;

const PAGE_KEYS = new Set(['page', 'paged', 'pg', 'trang', 'pageindex', 'pagenum', 'pagenumber', 'currentpage', 'start', 'offset']);
const PAGE_SEGMENT = /^(?:page|trang|p)-?\{n\}$/i;

interface UrlShape {
  /** Path and query with numbers masked and free text folded: URLs of one family share it. */
  shape: string;
  path: string;
  /** The query's shape alone (for query explosion). */
  queryShape: string;
  paramCount: number;
  segments: string[];
  /** The numbers of the URL, in order, and whether each one is a page number. */
  numbers: number[];
  paging: boolean[];
}

export class TrapGuard {
  private readonly families = new Map<string, TrapFamily>();
  /** Shapes whose walk was stopped (and by which rule): their next values are refused. */
  private readonly stoppedWalks = new Map<string, TrapRule>();
  /** Path → query shapes seen (each set stops growing past the cap). */
  private readonly queryShapes = new Map<string, Set<string>>();
  private readonly year: number;
  /** The links of one page are checked together: its shape is computed once. */
  private lastParent: { url: string; shape: UrlShape | undefined } | undefined;

  constructor(now: Date) {
    this.year = now.getUTCFullYear();
  }

  /**
   * May `url`, found on `parent` (absent: a sitemap or configured URL), be queued? When it may,
   * its place in a walk of next values (0: not a walk) is to be kept with it for its own links.
   */
  check(url: string, parent?: LinkParent): TrapVerdict {
    const s = shapeOf(url);
    if (!s) return { ok: true, chain: 0 };

    const repeated = repeatedSegment(s.segments);
    if (repeated) return this.skip('repeating-path', `…/${repeated}/…/${repeated}/…/${repeated}/…`, url);
    if (s.segments.length > MAX_PATH_DEPTH) {
      return this.skip('deep-path', `/${s.segments.slice(0, 3).join('/')}/… (> ${MAX_PATH_DEPTH})`, url);
    }
    if (s.paramCount > MAX_QUERY_PARAMS) return this.skip('many-params', `${s.path}?… (> ${MAX_QUERY_PARAMS})`, url);
    if (this.queryExploded(s)) return this.skip('query-explosion', `${s.path}?…`, url);

    const p = parent ? this.parentShape(parent.url) : undefined;
    if (!p || p.shape !== s.shape) return { ok: true, chain: 0 };
    const step = nextValueStep(p.numbers, s.numbers);
    if (step < 0) return { ok: true, chain: 0 };
    const stopped = this.stoppedWalks.get(s.shape);
    if (stopped) return this.skip(stopped, s.shape, url);
    const chain = parent!.chain + 1;
    let rule: TrapRule | undefined;
    if (chain > (s.paging[step] ? PAGINATION_CHAIN_CAP : CHAIN_CAP)) rule = 'counter';
    else if (chain >= 2 && s.numbers.some((n) => isYear(n) && Math.abs(n - this.year) > YEAR_SLACK)) rule = 'far-date';
    if (!rule) return { ok: true, chain };
    this.stoppedWalks.set(s.shape, rule);
    return this.skip(rule, s.shape, url);
  }

  /** The families stopped so far, in the order they were met. */
  stopped(): TrapFamily[] {
    return [...this.families.values()].map((f) => ({ ...f, examples: [...f.examples] }));
  }

  private parentShape(url: string): UrlShape | undefined {
    if (this.lastParent?.url !== url) this.lastParent = { url, shape: shapeOf(url) };
    return this.lastParent.shape;
  }

  private skip(rule: TrapRule, pattern: string, url: string): TrapVerdict {
    const key = `${rule} ${pattern}`;
    let family = this.families.get(key);
    if (!family && this.families.size < MAX_FAMILIES) {
      family = { rule, pattern, skipped: 0, examples: [] };
      this.families.set(key, family);
    }
    if (family) {
      family.skipped++;
      if (family.examples.length < MAX_EXAMPLES) family.examples.push(url);
    }
    return { ok: false };
  }

  /** One path under more query combinations than a portal has (filters and sort orders multiplying). */
  private queryExploded(s: UrlShape): boolean {
    if (s.paramCount === 0) return false;
    let seen = this.queryShapes.get(s.path);
    if (!seen) {
      if (this.queryShapes.size >= MAX_TRACKED_PATHS) return false;
      seen = new Set();
      this.queryShapes.set(s.path, seen);
    }
    if (seen.has(s.queryShape)) return false;
    if (seen.size >= MAX_QUERY_SHAPES_PER_PATH) return true;
    seen.add(s.queryShape);
    return false;
  }
}

/**
 * The index of the one number that moved to its next value (±1) from `a` to `b`, or -1.
 * Other numbers may only roll over (day 31 → 1 with the month +1, month 12 → 1 with the year +1).
 */
export function nextValueStep(a: number[], b: number[]): number {
  if (a.length !== b.length) return -1;
  let step = -1;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (Math.abs(y - x) === 1) {
      if (step >= 0) return -1;
      step = i;
    } else if (!(x <= 1 || y <= 1)) return -1;
  }
  return step;
}

function isYear(n: number): boolean {
  return n >= 1900 && n <= 2199;
}

/** A non-numeric path segment met more than twice: `/a/b/a/b/a/` built by relative links. */
function repeatedSegment(segments: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const seg of segments) {
    if (seg === '' || /^[\d{}n]*$/.test(seg)) continue; // `/van-ban/vbplus/1/0/0/0` is a real portal's
    const n = (counts.get(seg) ?? 0) + 1;
    if (n > MAX_SEGMENT_REPEATS) return seg;
    counts.set(seg, n);
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Free text (slugs, titles, search words) is one value for the shape: posts are not families by their slugs. */
const FREE_TEXT = /\p{L}[-\s/+_.]\p{L}|%/u;

function maskNumbers(text: string, numbers: number[], paging: boolean[], isPage: boolean): string {
  return text.replace(/\d+/g, (digits) => {
    numbers.push(Number(digits.slice(0, 15)));
    paging.push(isPage);
    return '{n}';
  });
}

function shapeOf(url: string): UrlShape | undefined {
  let u: URL;
  try {
    u = new URL(canonicalUrl(url)); // tracking parameters and QI variants do not make a family
  } catch {
    return undefined;
  }
  const numbers: number[] = [];
  const paging: boolean[] = [];
  const raw = u.pathname.split('/').filter((s) => s !== '');
  const segments: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const seg = safeDecode(raw[i]!).toLowerCase();
    const masked = seg.replace(/\d+/g, '{n}');
    const isPage = PAGE_SEGMENT.test(masked) || (masked === '{n}' && i > 0 && /^(?:page|trang)$/i.test(raw[i - 1]!));
    segments.push(maskNumbers(seg, numbers, paging, isPage));
  }
  const path = `/${segments.join('/')}${u.pathname.endsWith('/') && segments.length ? '/' : ''}`;
  const pairs = [...u.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = pairs.map(([key, value]) => {
    const k = key.toLowerCase();
    const v = FREE_TEXT.test(value) || value.length > 24 ? '*' : maskNumbers(value, numbers, paging, PAGE_KEYS.has(k));
    return `${k}=${v}`;
  });
  const queryShape = query.join('&');
  return {
    shape: queryShape ? `${path}?${queryShape}` : path,
    path,
    queryShape,
    paramCount: pairs.length,
    segments,
    numbers,
    paging,
  };
}
