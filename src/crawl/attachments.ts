/**
 * Attachments (documents of "Văn bản", "Công khai", menus as PDF …) are checked, never parsed:
 * HEAD, or a GET stopped right after the headers when the server refuses HEAD. On any http(s)
 * host (files often live on a separate file server), each URL once, a bounded number per school.
 */
import type { AttachmentProbe } from '../types.js';
import { failureMessage, htmlInsteadOfFileMessage, httpStatusMessage } from './errors.js';
import type { FetchResult, HttpClient } from './fetcher.js';
import { canonicalUrl, isHttpUrl } from './url.js';

/** Servers that refuse HEAD but serve GET (IIS handlers, S3-style signed URLs, some CDNs). */
const HEAD_REFUSED = new Set([403, 405, 501]);

/** Attachment URLs in the order found (breadth-first, so the menu pages' files come first), each once. */
export class AttachmentQueue {
  private readonly order: string[] = [];
  private readonly known = new Set<string>();

  add(url: string): void {
    if (!isHttpUrl(url)) return;
    const key = canonicalUrl(url);
    if (this.known.has(key)) return;
    this.known.add(key);
    this.order.push(key);
  }

  /** Canonical URLs, in the order found. */
  urls(): string[] {
    return [...this.order];
  }

  get size(): number {
    return this.order.length;
  }
}

export function isHtmlType(contentType: string): boolean {
  return /\b(text\/html|application\/xhtml\+xml)\b/i.test(contentType);
}

/** Turns the answer for a file URL into its probe record (`ok`: 2xx and not an HTML page). */
export function probeRecord(url: string, result: FetchResult): AttachmentProbe {
  const a = result.answer;
  if (!a || result.failure) {
    return {
      url,
      status: a?.status ?? 0,
      contentType: a?.contentType ?? '',
      ok: false,
      ...(result.failure ? { error: failureMessage(result.failure.kind, result.finalUrl, result.failure.detail) } : {}),
    };
  }
  const ok = a.status >= 200 && a.status < 300 && !isHtmlType(a.contentType);
  const probe: AttachmentProbe = { url, status: a.status, contentType: a.contentType, ok };
  if (a.status >= 400) probe.error = httpStatusMessage(a.status, result.finalUrl, 'file');
  else if (!ok && isHtmlType(a.contentType)) probe.error = htmlInsteadOfFileMessage(result.finalUrl);
  return probe;
}

export async function probeAttachment(
  http: HttpClient,
  url: string,
  signal: AbortSignal | undefined,
  onRequest: () => void,
): Promise<AttachmentProbe> {
  const follow = (_from: string, to: string): 'follow' | 'offsite' => (isHttpUrl(to) ? 'follow' : 'offsite');
  let result = await http.fetch(url, { method: 'HEAD', wantBody: () => false, redirect: follow, signal }, onRequest);
  if (result.answer && HEAD_REFUSED.has(result.answer.status)) {
    result = await http.fetch(url, { method: 'GET', wantBody: () => false, redirect: follow, signal }, onRequest);
  }
  return probeRecord(url, result);
}
