/**
 * HTTP for the crawl: undici `request` over one shared Agent, every request through the shared
 * limiter, a per-request deadline covering headers and body, bodies read as a capped stream,
 * and redirects followed here (at most 5 hops, loops detected) so each hop's URL is known.
 * Transient failures and 408/429/5xx answers are tried again after a wait (backoff with jitter,
 * or the server's Retry-After) spent outside any limiter slot; permanent ones (DNS, TLS, other
 * 4xx, a refused connection, a private address) are not. Connections to private addresses are
 * refused unless admitted (address-guard.ts); with `insecure`, an invalid certificate is noted
 * and the request goes on through a second Agent that does not verify.
 */
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { AddressGuard } from './address-guard.js';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, sleep, type BackoffPolicy } from './backoff.js';
import type { RequestLimiter } from './limiter.js';
import { classifyError, errorCode, errorDetail, isCertificateCode, isTransient, type FetchFailure } from './errors.js';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Answers worth asking again: the server is busy, restarting or behind a failing gateway. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Answers whose Retry-After is honoured. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

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
  /** The Retry-After header, as sent. */
  retryAfter?: string;
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
  /** Requests sent again after a transient failure or a 408/429/5xx answer (all hops). */
  retries: number;
  /** Time waited because the server asked for it (Retry-After), in ms; absent when none. */
  retryAfterMs?: number;
  /** The server's certificate is invalid (its error code); the answer came anyway because of `insecure`. */
  tlsError?: string;
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
  /** Waits between retries (default 500 ms base, 8 s cap). */
  backoff?: Partial<BackoffPolicy>;
  /** A Retry-After longer than this is not waited for: the answer stands (default 60 s). */
  maxRetryAfterMs?: number;
  /** Go on past invalid certificates (still reported). */
  insecure?: boolean;
  /** Connect to private, loopback and link-local addresses of any host. */
  allowPrivate?: boolean;
}

export interface HttpClient {
  fetch(url: string, opts: FetchOptions, onRequest?: () => void): Promise<FetchResult>;
  /**
   * The auditor named this URL (a school's own): when its host is an IP literal or resolves to a
   * private address, that host and its www twin may use private addresses. Call before fetching it.
   */
  admit(url: string): Promise<void>;
  /** Time between two request starts at the URL's site (robots.txt Crawl-delay), capped. */
  setSiteDelay(url: string, ms: number): void;
  close(): Promise<void>;
}

export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** What the retries of one fetch add to its result. */
interface Tally {
  retries: number;
  retryAfterMs: number;
  tlsError?: string;
}

export function createHttpClient(o: HttpClientOptions): HttpClient {
  const retries = Math.max(0, o.retries ?? 2);
  const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, ...o.backoff };
  const maxRetryAfterMs = o.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const guard = new AddressGuard(o.allowPrivate ?? false, o.hosts && Object.keys(o.hosts).length ? hostsLookup(o.hosts) : dnsLookup);
  const makeAgent = (verify: boolean): Agent =>
    new Agent({
      connect: { timeout: o.timeoutMs, lookup: guard.lookup(), rejectUnauthorized: verify },
      headersTimeout: o.timeoutMs,
      bodyTimeout: o.timeoutMs,
      keepAliveTimeout: 4_000,
      connections: Math.max(1, o.perSite),
    });
  const agent = makeAgent(true);
  /** Made on the first invalid certificate met with `insecure`. */
  let insecureAgent: Agent | undefined;
  /** host:port → certificate error code, for servers whose certificate failed (with `insecure`). */
  const invalidCertificates = new Map<string, string>();
  const headers = {
    'user-agent': o.userAgent,
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
    'accept-language': 'vi,en;q=0.5',
    'accept-encoding': 'gzip, br',
  };

  /** One request and its body, inside one limiter slot and one deadline. */
  async function exchange(url: string, opts: FetchOptions, dispatcher: Agent): Promise<HttpAnswer> {
    try {
      return await o.limiter.run(url, () => exchangeNow(url, opts, dispatcher), opts.signal);
    } catch (err) {
      if (err instanceof FetchError) throw err;
      if (opts.signal?.aborted) throw new FetchError('aborted'); // while waiting for the site's turn
      throw new FetchError(classifyError(err), errorDetail(err));
    }
  }

  async function exchangeNow(url: string, opts: FetchOptions, dispatcher: Agent): Promise<HttpAnswer> {
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
      const res = await request(url, { method: opts.method, headers, dispatcher, signal: deadline.signal });
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
        retryAfter: header(res.headers, 'retry-after'),
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
      throw new FetchError(classifyError(err), errorDetail(err));
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** One exchange through the verifying Agent, or past an invalid certificate when `insecure`. */
  async function send(url: string, opts: FetchOptions, tally: Tally): Promise<HttpAnswer> {
    const server = new URL(url).host;
    const known = invalidCertificates.get(server);
    if (known !== undefined) {
      tally.tlsError = known;
      return exchange(url, opts, (insecureAgent ??= makeAgent(false)));
    }
    try {
      return await exchange(url, opts, agent);
    } catch (err) {
      if (!o.insecure || !(err instanceof FetchError) || err.kind !== 'tls' || !isCertificateCode(err.detail)) throw err;
      invalidCertificates.set(server, err.detail!);
      tally.tlsError = err.detail;
      return exchange(url, opts, (insecureAgent ??= makeAgent(false)));
    }
  }

  /** The answer for one URL (no redirects followed), after the retries it deserves. */
  async function answerFor(url: string, opts: FetchOptions, tally: Tally, onRequest?: () => void): Promise<HttpAnswer> {
    for (let attempt = 0; ; attempt++) {
      let wait: number;
      try {
        onRequest?.();
        const answer = await send(url, opts, tally);
        if (!RETRY_STATUSES.has(answer.status) || attempt >= retries) return answer;
        const asked = RETRY_AFTER_STATUSES.has(answer.status) ? parseRetryAfter(answer.retryAfter) : undefined;
        if (asked !== undefined && asked > maxRetryAfterMs) return answer; // too long to wait: the answer stands
        if (asked !== undefined) {
          // the whole site waits, not just this request; the limiter holds the retry back
          o.limiter.pause(url, asked);
          tally.retryAfterMs += asked;
          wait = 0;
        } else {
          wait = backoffDelay(attempt, backoff);
        }
      } catch (err) {
        if (!(err instanceof FetchError) || !isTransient(err.kind)) throw err;
        // a reset on a keep-alive socket the server had just closed: once at once, even with no retries
        const stale = err.kind === 'reset' && attempt === 0;
        if (attempt >= (stale ? Math.max(1, retries) : retries)) throw err;
        wait = stale ? 0 : backoffDelay(attempt, backoff);
      }
      tally.retries++;
      if (wait > 0) await sleep(wait, opts.signal).catch(() => Promise.reject(new FetchError('aborted')));
    }
  }

  return {
    async fetch(startUrl, opts, onRequest) {
      const hops: Hop[] = [];
      const visited = new Set<string>();
      const tally: Tally = { retries: 0, retryAfterMs: 0 };
      const done = (r: Omit<FetchResult, 'retries' | 'retryAfterMs' | 'tlsError'>): FetchResult => ({
        ...r,
        retries: tally.retries,
        ...(tally.retryAfterMs > 0 ? { retryAfterMs: tally.retryAfterMs } : {}),
        ...(tally.tlsError !== undefined ? { tlsError: tally.tlsError } : {}),
      });
      let url = startUrl;
      for (;;) {
        visited.add(withoutFragment(url));
        // undici does not look IP literals up: the guard sees them here, before any connection
        const refusal = guard.refusalOf(url);
        if (refusal) return done({ hops, finalUrl: url, failure: new FetchError('private-address', refusal.address) });
        let answer: HttpAnswer;
        try {
          answer = await answerFor(url, opts, tally, onRequest);
        } catch (err) {
          const failure = err instanceof FetchError ? err : new FetchError(classifyError(err), errorCode(err));
          return done({ hops, finalUrl: url, failure });
        }
        if (!REDIRECT_STATUSES.has(answer.status) || !answer.location) return done({ answer, hops, finalUrl: url });

        let next: string;
        try {
          next = withoutFragment(new URL(answer.location, url).href);
        } catch {
          return done({ answer, hops, finalUrl: url, failure: new FetchError('bad-url', answer.location) });
        }
        if (visited.has(next)) return done({ answer, hops, finalUrl: url, failure: new FetchError('redirect-loop', chain(hops, url, next)) });
        if (hops.length >= MAX_REDIRECTS) {
          return done({ answer, hops, finalUrl: url, failure: new FetchError('too-many-redirects', `> ${MAX_REDIRECTS}: ${chain(hops, url, next)}`) });
        }
        const decision = opts.redirect(url, next);
        if (decision === 'offsite') return done({ answer, hops, finalUrl: url, failure: new FetchError('redirect-offsite', next) });
        if (decision === 'duplicate') return done({ answer, hops, finalUrl: next, duplicate: true });
        guard.passAdmission(url, next);
        hops.push({ url, status: answer.status });
        url = next;
      }
    },
    admit: (url) => guard.admit(url),
    setSiteDelay: (url, ms) => o.limiter.setDelay(url, ms),
    close: () => Promise.all([agent.close(), insecureAgent?.close()]).then(() => undefined),
  };
}

/** The URL as sent (normalised, without its fragment, which never reaches the server). */
function withoutFragment(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

/** A redirect chain named by its ends: "first → … → last requested → where it sends". */
function chain(hops: Hop[], last: string, next: string): string {
  const urls = [...hops.map((h) => h.url), last, next];
  return urls.length <= 3 ? urls.join(' → ') : `${urls[0]} → … → ${last} → ${next}`;
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
