/**
 * HTML → PageFacts. STUB (API contract): only title and links for now; the full extractor
 * replaces the body of extractPage() without changing its signature.
 */
import * as cheerio from 'cheerio';
import type { PageFacts, LinkFact } from '../types.js';
import { cleanText } from '../normalise.js';

/** One fetched (or rendered) HTML document, as the crawler hands it over. */
export interface RawPage {
  /** Canonical URL (the crawl's key for the page). */
  url: string;
  /** URL after redirects: relative links resolve against it (or against <base href>). */
  finalUrl: string;
  status: number;
  contentType: string;
  /** Decoded HTML text (the crawler has already decoded the charset). */
  html: string;
  /** ISO instant of the fetch. */
  fetchedAt: string;
  depth: number;
  /** HTTP Last-Modified header, verbatim, when present. */
  lastModified?: string;
  rendered?: boolean;
}

export function extractPage(raw: RawPage): PageFacts {
  const $ = cheerio.load(raw.html);
  const links: LinkFact[] = [];
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href') ?? '';
    try {
      const u = new URL(href, raw.finalUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return;
      u.hash = '';
      links.push({ url: u.href, label: cleanText($(el).text()) });
    } catch {
      /* not a URL */
    }
  });
  return {
    url: raw.url,
    finalUrl: raw.finalUrl,
    status: raw.status,
    contentType: raw.contentType,
    depth: raw.depth,
    fetchedAt: raw.fetchedAt,
    rendered: raw.rendered ?? false,
    title: cleanText($('title').first().text()),
    headings: [],
    breadcrumb: [],
    navLinks: [],
    links,
    lists: [],
    tables: [],
    images: [],
    videos: [],
    attachments: [],
    contacts: { phones: [], emails: [] },
    people: [],
    tickers: [],
    dates: [],
    text: '',
    wordCount: 0,
  };
}
