/**
 * HTTP for the crawl: undici `request` over one shared Agent, every request through the shared
 * limiter, a per-request deadline covering headers and body, bodies read as a capped stream,
 * and redirects followed here (at most 5 hops, loops detected) so each hop's URL is known.
 */
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import type { RequestLimiter } from './limiter.js';
import { classifyError, errorCode, type FetchFailure } from './errors.js';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export class FetchError extends Error {
  constructor(
    readonly kind: FetchFailure,
    readonly detail?: string,
  ) {
    super(detail ? `${kind} (${detail})` : kind);
  }
}

export interface HttpAnswer {
  url: string;
  status: number;
  contentType: string;
  lastModified?: string;
  location?: string;
  /** The body, when it was asked for and the answer had one. */
  body?: Buffer;
  /** The body was longer than the byte cap and was cut. */
  truncated: boolean;
  /** Body bytes read (after decompression). */
  bytes: number;
}

export interface Hop {
  url: string;
  status: number;
}

export interface FetchResult {
  /** Last answer received (after the redirects that were followed); absent when none arrived. */
  answer?: HttpAnswer;
  /** Redirect answers followed, in order. */
  hops: Hop[];
  /** URL of the last request sent. */
  finalUrl: string;
  failure?: FetchError;
  /** A redirect led to a page already fetched under another URL: nothing more was requested. */
  duplicate?: true;
}

/** Decides on each redirect target: follow it, refuse it (offsite), or stop quietly (already crawled). */
export type RedirectPolicy = (from: string, to: string) => 'follow' | 'offsite' | 'duplicate';

export interface FetchOptions {
  method: 'GET' | 'HEAD';
  /** Read the body of a final (non-redirect) answer? Otherwise it is discarded unread. */
  wantBody: (status: number, contentType: string) => boolean;
  redirect: RedirectPolicy;
  signal?: AbortSignal;
}

export interface HttpClientOptions {
  userAgent: string;
  timeoutMs: number;
  maxBodyBytes: number;
  limiter: RequestLimiter;
  perSite: number;
  /** Host name → IP address, like /etc/hosts or curl --resolve. */
  hosts?: Record<string, string>;
  /** Retries of transient failures (default 2). */
  retries?: number;
  /** Go on past invalid certificates (still reported). */
  insecure?: boolean;
  /** Connect to private, loopback and link-local addresses of any host. */
  allowPrivate?: boolean;
}

export interface HttpClient {
  fetch(url: string, opts: FetchOptions, onRequest?: () => void): Promise<FetchResult>;
  close(): Promise<void>;
}

export function createHttpClient(o: HttpClientOptions): HttpClient {
  const agent = new Agent({
    connect: { timeout: o.timeoutMs, ...(o.hosts && Object.keys(o.hosts).length ? { lookup: hostsLookup(o.hosts) } : {}) },
    headersTimeout: o.timeoutMs,
    bodyTimeout: o.timeoutMs,
    keepAliveTimeout: 4_000,
    connections: Math.max(1, o.perSite),
  });
  const headers = {
    'user-agent': o.userAgent,
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
    'accept-language': 'vi,en;q=0.5',
    'accept-encoding': 'gzip, br',
  };

  /** One request and its body, inside one limiter slot and one deadline. */
  async function exchange(url: string, opts: FetchOptions): Promise<HttpAnswer> {
    return o.limiter.run(url, async () => {
      if (opts.signal?.aborted) throw new FetchError('aborted');
      const deadline = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        deadline.abort();
      }, o.timeoutMs);
      const onAbort = (): void => deadline.abort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const res = await request(url, { method: opts.method, headers, dispatcher: agent, signal: deadline.signal });
        // undici reports a body destroyed on purpose (a file, a cut page) as an 'error': expected here
        res.body.on('error', () => undefined);
        const status = res.statusCode;
        const contentType = header(res.headers, 'content-type') ?? '';
        const answer: HttpAnswer = {
          url,
          status,
          contentType,
          lastModified: header(res.headers, 'last-modified'),
          location: header(res.headers, 'location'),
          truncated: false,
          bytes: 0,
        };
        const isRedirect = REDIRECT_STATUSES.has(status) && answer.location !== undefined;
        if (opts.method === 'GET' && !isRedirect && opts.wantBody(status, contentType)) {
          const read = await readCapped(res.body, header(res.headers, 'content-encoding'), o.maxBodyBytes);
          Object.assign(answer, read);
        } else if (opts.method === 'GET' && status < 400 && !isRedirect) {
          res.body.destroy(); // a file: stop the download right after the headers
        } else {
          await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined); // small error pages keep the connection
        }
        return answer;
      } catch (err) {
        if (timedOut) throw new FetchError('timeout', `${+(o.timeoutMs / 1000).toFixed(1)} s`);
        if (opts.signal?.aborted) throw new FetchError('aborted');
        if (err instanceof FetchError) throw err;
        throw new FetchError(classifyError(err), errorCode(err));
      } finally {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  return {
    async fetch(startUrl, opts, onRequest) {
      const hops: Hop[] = [];
      const visited = new Set<string>();
      let url = startUrl;
      for (;;) {
        visited.add(url);
        let answer: HttpAnswer;
        try {
          onRequest?.();
          answer = await exchange(url, opts).catch((err: unknown) => {
            // a keep-alive socket the server had just closed: one retry on a fresh connection
            if (err instanceof FetchError && err.kind === 'reset') {
              onRequest?.();
              return exchange(url, opts);
            }
            throw err;
          });
        } catch (err) {
          const failure = err instanceof FetchError ? err : new FetchError(classifyError(err), errorCode(err));
          return { hops, finalUrl: url, failure };
        }
        if (!REDIRECT_STATUSES.has(answer.status) || !answer.location) return { answer, hops, finalUrl: url };

        let next: string;
        try {
          next = new URL(answer.location, url).href.replace(/#.*$/, '');
        } catch {
          return { answer, hops, finalUrl: url, failure: new FetchError('bad-url', answer.location) };
        }
        if (visited.has(next)) return { answer, hops, finalUrl: url, failure: new FetchError('redirect-loop', next) };
        if (hops.length >= MAX_REDIRECTS) {
          return { answer, hops, finalUrl: url, failure: new FetchError('too-many-redirects', `> ${MAX_REDIRECTS}`) };
        }
        const decision = opts.redirect(url, next);
        if (decision === 'offsite') return { answer, hops, finalUrl: url, failure: new FetchError('redirect-offsite', next) };
        if (decision === 'duplicate') return { answer, hops, finalUrl: next, duplicate: true };
        hops.push({ url, status: answer.status });
        url = next;
      }
    },
    close: () => agent.close(),
  };
}

/** DNS lookup that answers the given names itself and asks the system for the others. */
function hostsLookup(hosts: Record<string, string>): LookupFunction {
  const table = new Map(Object.entries(hosts).map(([name, ip]) => [name.toLowerCase(), ip]));
  return (hostname, options, callback) => {
    const ip = table.get(hostname.toLowerCase());
    if (!ip) return dnsLookup(hostname, options, callback);
    const family = isIP(ip);
    if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: ip, family }]);
    else callback(null, ip, family);
  };
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads a (possibly compressed) body up to `maxBytes` of content; the rest is not downloaded. */
async function readCapped(
  body: Readable,
  encoding: string | undefined,
  maxBytes: number,
): Promise<Pick<HttpAnswer, 'body' | 'truncated' | 'bytes'>> {
  const decoder = decompressorFor(encoding);
  const stream: Readable = decoder ? pipeline(body, decoder, () => undefined) : body;
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const room = maxBytes - bytes;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        bytes += room;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      bytes += chunk.length;
    }
  } catch (err) {
    // corrupt compression: keep what was decoded; network errors and timeouts are the caller's
    if (!decoder || errorCode(err)?.startsWith('Z_') !== true) throw err;
  } finally {
    body.destroy();
    stream.destroy();
  }
  return { body: Buffer.concat(chunks, bytes), truncated, bytes };
}

function decompressorFor(encoding: string | undefined): Transform | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}
