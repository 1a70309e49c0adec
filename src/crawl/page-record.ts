/**
 * PageFacts for pages that could not be read (network error, HTTP ≥ 400, a redirect not followed):
 * recorded all the same, so the reports can show which menu entries lead nowhere.
 */
import { emptyFacts } from '../extract/page.js';
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
  const facts = emptyFacts(p);
  if (p.error) facts.error = p.error;
  return facts;
}
