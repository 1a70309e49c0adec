/**
 * Sitemaps of a school's site: the page URLs its CMS declares, used to seed the crawl with pages
 * its menus hide (JavaScript menus, pages linked from nowhere). `<urlset>` and `<sitemapindex>`
 * (one level: an index's children are read, an index inside an index is not), plain or `.gz`.
 * Bounded in files, bytes and URLs; a broken sitemap is ignored quietly: the links still work.
 */
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import type { HttpClient } from './fetcher.js';

/** Sitemap files read per school (the index counts as one). */
export const MAX_SITEMAP_FILES = 10;
/** Unzipped bytes read of one sitemap (the protocol's own limit is 50 MB; a school's is far smaller). */
export const MAX_SITEMAP_BYTES = 5 * 1024 * 1024;

export interface SitemapRequest {
  http: HttpClient;
  /** Sitemaps to read first (robots.txt `Sitemap:` lines, else `/sitemap.xml`). */
  sources: string[];
  /** Sitemaps and page URLs outside the school's site are ignored. */
  onSite: (url: string) => boolean;
  /** Page URLs wanted at most (the crawl cannot use more than its page limit). */
  maxUrls: number;
  signal: AbortSignal;
  onRequest: () => void;
}

/** Page URLs of the site's sitemaps, in their order, each once. Never throws. */
export async function readSitemaps(r: SitemapRequest): Promise<string[]> {
  const urls = new Set<string>();
  const queue = r.sources.filter(r.onSite).map((url) => ({ url, nested: false }));
  const read = new Set<string>();
  while (queue.length > 0 && read.size < MAX_SITEMAP_FILES && urls.size < r.maxUrls && !r.signal.aborted) {
    const { url, nested } = queue.shift()!;
    if (read.has(url)) continue;
    read.add(url);
    const xml = await fetchSitemap(r, url).catch(() => undefined);
    if (!xml) continue;
    const parsed = parseSitemap(xml);
    if (parsed.kind === 'index') {
      // only as many children as can still be read
      if (!nested) for (const child of parsed.locs.filter(r.onSite).slice(0, MAX_SITEMAP_FILES)) queue.push({ url: child, nested: true });
      continue;
    }
    for (const loc of parsed.locs) {
      if (urls.size >= r.maxUrls) break;
      if (r.onSite(loc)) urls.add(loc);
    }
  }
  return [...urls];
}

async function fetchSitemap(r: SitemapRequest, url: string): Promise<string | undefined> {
  const result = await r.http.fetch(
    url,
    {
      method: 'GET',
      wantBody: (status) => status < 300,
      redirect: (_from, to) => (r.onSite(to) ? 'follow' : 'offsite'),
      signal: r.signal,
    },
    r.onRequest,
  );
  const body = result.answer?.body;
  if (result.failure || !body || result.answer!.status >= 300) return undefined;
  // `.xml.gz` files are gzip inside (not a Content-Encoding the client already undid)
  const xml = body[0] === 0x1f && body[1] === 0x8b ? await gunzipCapped(body, MAX_SITEMAP_BYTES) : body.subarray(0, MAX_SITEMAP_BYTES);
  return xml.toString('utf8');
}

/** Unzips up to `cap` bytes; a cut or corrupt archive gives what was decoded before the fault. */
async function gunzipCapped(gz: Buffer, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const gunzip = Readable.from([gz]).pipe(createGunzip());
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      chunks.push(chunk.subarray(0, cap - size));
      size += Math.min(chunk.length, cap - size);
      if (size >= cap) break;
    }
  } catch {
    /* keep what was decoded */
  } finally {
    gunzip.destroy();
  }
  return Buffer.concat(chunks, size);
}

export interface ParsedSitemap {
  kind: 'index' | 'urlset';
  locs: string[];
}

const LOC = /<loc\b[^>]*>\s*(?:<!\[CDATA\[)?\s*([^<\]]*?)\s*(?:\]\]>)?\s*<\/loc\s*>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `<loc>` values of a sitemap or sitemap index (http(s) URLs only); anything else gives none. */
export function parseSitemap(xml: string): ParsedSitemap {
  const kind = /<sitemapindex\b/i.test(xml.slice(0, 4096)) ? 'index' : 'urlset';
  const locs: string[] = [];
  for (const m of xml.matchAll(LOC)) {
    const loc = m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);
    try {
      const u = new URL(loc);
      if (u.protocol === 'http:' || u.protocol === 'https:') locs.push(u.href);
    } catch {
      /* not a URL: skipped */
    }
  }
  return { kind, locs };
}
