import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/config/errors.js';
import { breaches, crawlOptions, parseAsOf } from '../../src/cli/options.js';
import { guessLevel } from '../../src/cli/check.js';
import type { AuditResults, SchoolResult, Status } from '../../src/types.js';

function results(statuses: Status[], reachable = true): AuditResults {
  const school = {
    id: 's',
    reachable,
    sections: statuses.map((status, i) => ({ id: `x${i}`, status })),
  } as unknown as SchoolResult;
  return { tool: { name: 'portal-audit', version: '1' }, rulePack: { id: 'r', title: 'r' }, asOf: '', generatedAt: '', schools: [school] };
}

describe('--fail-on decides exit code 1', () => {
  it('fails on fail only by default, on warn too with "warn", never with "never"', () => {
    expect(breaches(results(['pass', 'warn', 'unknown']), 'fail')).toBe(false);
    expect(breaches(results(['pass', 'fail']), 'fail')).toBe(true);
    expect(breaches(results(['pass', 'warn']), 'warn')).toBe(true);
    expect(breaches(results(['fail']), 'never')).toBe(false);
  });

  it('counts an unreachable portal as a failure', () => {
    expect(breaches(results([], false), 'fail')).toBe(true);
    expect(breaches(results([], false), 'never')).toBe(false);
  });
});

describe('options', () => {
  it('reads --as-of with an offset or as Hà Nội local time, and rejects garbage as bad input', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseAsOf(undefined, now)).toBe(now);
    expect(parseAsOf('2026-10-30T16:00:00+07:00', now).toISOString()).toBe('2026-10-30T09:00:00.000Z');
    expect(parseAsOf('2026-10-30T16:00', now).toISOString()).toBe('2026-10-30T09:00:00.000Z');
    expect(() => parseAsOf('thứ sáu', now)).toThrow(InputError);
  });

  it('rejects a non-positive --max-pages', () => {
    expect(() => crawlOptions({ maxPages: '0' })).toThrow(/--max-pages|positive integer/);
    expect(crawlOptions({ maxPages: '40', timeout: '3' })).toMatchObject({ maxPages: 40, timeoutMs: 3000 });
  });

  it('guesses the level of `check URL` from the host', () => {
    expect(guessLevel('https://thcsgiathuy.longbien.edu.vn/')).toBe('THCS');
    expect(guessLevel('https://mnhoasua.longbien.edu.vn/')).toBe('MN');
    expect(guessLevel('https://thdinhbang2.bacninh.edu.vn/')).toBe('TH');
    expect(guessLevel('http://127.0.0.1:8080/')).toBe('THCS');
  });
});
