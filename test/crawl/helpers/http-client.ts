/** The HTTP client the fetcher tests share: small limits, a test user agent; each test adds what it checks. */
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../../src/crawl/fetcher.js';
import { createRequestLimiter } from '../../../src/crawl/limiter.js';

export function testHttpClient(opts: Partial<HttpClientOptions> = {}): HttpClient {
  return createHttpClient({
    userAgent: 'portal-audit-test',
    timeoutMs: 5_000,
    maxBodyBytes: 1_000_000,
    limiter: createRequestLimiter(4, 2),
    perSite: 2,
    ...opts,
  });
}
