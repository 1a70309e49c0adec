/**
 * PageFacts for pages that could not be read (network error, HTTP ≥ 400, a redirect not followed):
 * recorded all the same, so the reports can show which menu entries lead nowhere.
 */
import type { PageFacts } from '../types.js';

export interface UnreadPage {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string;
  depth: number;
  fetchedAt: string;
  error?: string;
}

export function unreadPageFacts(p: UnreadPage): PageFacts {
  return {
    url: p.url,
    finalUrl: p.finalUrl,
    status: p.status,
    ...(p.error ? { error: p.error } : {}),
    contentType: p.contentType,
    depth: p.depth,
    fetchedAt: p.fetchedAt,
    rendered: false,
    title: '',
    headings: [],
    breadcrumb: [],
    navLinks: [],
    links: [],
    lists: [],
    tables: [],
    images: [],
    videos: [],
    audio: [],
    attachments: [],
    contacts: { phones: [], emails: [] },
    people: [],
    tickers: [],
    dates: [],
    text: '',
    wordCount: 0,
  };
}
