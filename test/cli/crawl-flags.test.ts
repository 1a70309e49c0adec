import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/config/errors.js';
import { crawlOptions, type CrawlFlags } from '../../src/cli/options.js';
import { MAX_SCHOOLS_AT_ONCE, schoolsAtOnce } from '../../src/cli/pipeline.js';

describe('crawl flags → CrawlOptions', () => {
  it('leaves every option to the crawler default when no flag is given', () => {
    const o = crawlOptions({});
    for (const k of ['perHostDelayMs', 'retries', 'schoolBudgetMs', 'robots', 'sitemaps', 'insecure', 'allowPrivate'] as const) expect(o[k], k).toBeUndefined();
  });

  it('maps the politeness, retry, TLS, address and budget flags', () => {
    expect(
      crawlOptions({ perHostDelay: '250', retries: '0', schoolBudget: '1.5', ignoreRobots: true, sitemaps: false, insecure: true, allowPrivate: true, perHost: '3' }),
    ).toMatchObject({ perHostDelayMs: 250, retries: 0, schoolBudgetMs: 90_000, robots: false, sitemaps: false, insecure: true, allowPrivate: true, perHost: 3 });
  });

  it('refuses negative, fractional or empty numbers', () => {
    const field = (flags: CrawlFlags) => {
      try {
        crawlOptions(flags);
      } catch (e) {
        return e instanceof InputError ? e.toString() : 'not an InputError';
      }
      return 'accepted';
    };
    expect(field({ retries: '1.5' })).toBe('--retries: cần một số nguyên không âm / expected a whole number ≥ 0, got "1.5"');
    expect(field({ perHostDelay: '' })).toMatch(/^--per-host-delay: /);
    expect(field({ schoolBudget: '-2' })).toMatch(/^--school-budget: cần số phút lớn hơn 0/);
  });
});

describe('schools crawled at once', () => {
  it('fills the global request limit with per-host slots, plus two', () => {
    expect(schoolsAtOnce({})).toBe(10); // 16 / 2 + 2
    expect(schoolsAtOnce({ concurrency: 16, perHost: 4 })).toBe(6);
    expect(schoolsAtOnce({ concurrency: 5, perHost: 2 })).toBe(5);
    // a per-host limit above the global one counts as the global one
    expect(schoolsAtOnce({ concurrency: 2, perHost: 8 })).toBe(3);
  });

  it('is bounded for memory', () => {
    expect(schoolsAtOnce({ concurrency: 200, perHost: 1 })).toBe(MAX_SCHOOLS_AT_ONCE);
  });
});
