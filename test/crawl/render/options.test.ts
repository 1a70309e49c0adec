/** The pool's launch settings: the default number of contexts, host mapping and Chromium switches. */
import { describe, expect, it } from 'vitest';
import { chromiumArgs, defaultContexts, hostResolverRules } from '../../../src/crawl/render/browser-pool.js';

describe('browser pool settings', () => {
  it('uses one context per core, at least two and at most four', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultContexts(cores))).toEqual([2, 2, 3, 4, 4, 4]);
  });

  it('maps host names like curl --resolve, IPv6 addresses in brackets', () => {
    expect(hostResolverRules({ 'thcs-gia-thuy.longbien.edu.vn': '10.0.0.5', 'mn-hoa-sen.test': '::1' })).toBe(
      'MAP thcs-gia-thuy.longbien.edu.vn 10.0.0.5, MAP mn-hoa-sen.test [::1]',
    );
  });

  it('launches headless Chromium without network side traffic, with the marker and the host rules', () => {
    const args = chromiumArgs('--portal-audit-pool=abc', { 'truong.test': '127.0.0.1' });
    for (const flag of ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']) {
      expect(args).toContain(flag);
    }
    expect(args).toContain('--portal-audit-pool=abc');
    expect(args).toContain('--host-resolver-rules=MAP truong.test 127.0.0.1');
    expect(args.filter((a) => a.startsWith('--disable-features='))).toHaveLength(1);
    expect(chromiumArgs('--m', {}).some((a) => a.startsWith('--host-resolver-rules'))).toBe(false);
  });
});
