import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createRequestLimiter, siteDelay } from '../../src/crawl/limiter.js';

/** Timers may fire a millisecond early against performance.now(): lower bounds allow that much. */
const SLACK = 2;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Records when each task started and ended. */
function recorder(): { task: (name: string, ms?: number) => () => Promise<string>; starts: Map<string, number>; order: string[] } {
  const starts = new Map<string, number>();
  const order: string[] = [];
  return {
    starts,
    order,
    task: (name, ms = 0) => async () => {
      starts.set(name, performance.now());
      order.push(name);
      await pause(ms);
      return name;
    },
  };
}

describe('delay between requests to one site', () => {
  it('starts two requests to one site at least `delayMs` apart, and requests to other sites freely', async () => {
    const limiter = createRequestLimiter(4, 2, 150);
    const r = recorder();
    await Promise.all([
      limiter.run('http://thcs-a.test/1', r.task('a1')),
      limiter.run('http://www.thcs-a.test/2', r.task('a2')), // www. is the same site
      limiter.run('https://thcs-a.test/3', r.task('a3')), // so is https
      limiter.run('http://th-b.test/1', r.task('b1')),
    ]);
    const a = ['a1', 'a2', 'a3'].map((n) => r.starts.get(n)!).sort((x, y) => x - y);
    expect(a[1]! - a[0]!).toBeGreaterThanOrEqual(150 - SLACK);
    expect(a[2]! - a[1]!).toBeGreaterThanOrEqual(150 - SLACK);
    expect(r.starts.get('b1')!).toBeLessThan(a[1]!); // the other site did not wait for thcs-a's turn
  });

  it('holds no global slot while a site waits for its turn', async () => {
    const limiter = createRequestLimiter(1, 2, 300);
    const r = recorder();
    await Promise.all([
      limiter.run('http://thcs-a.test/1', r.task('a1')),
      limiter.run('http://thcs-a.test/2', r.task('a2')),
      limiter.run('http://th-b.test/1', r.task('b1')),
    ]);
    expect(r.order).toEqual(['a1', 'b1', 'a2']);
  });

  it('keeps the per-site limit with a delay: never more than `perSite` in flight', async () => {
    const limiter = createRequestLimiter(8, 1, 20);
    let now = 0;
    let max = 0;
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        limiter.run(`http://thcs-a.test/${i}`, async () => {
          max = Math.max(max, ++now);
          await pause(40); // longer than the delay: only the slot keeps them apart
          now--;
        }),
      ),
    );
    expect(max).toBe(1);
  });
});

describe('a site that asks for time', () => {
  it('pause(url, ms) holds back the next start at that site only', async () => {
    const limiter = createRequestLimiter(4, 2);
    const r = recorder();
    await limiter.run('http://thcs-a.test/', r.task('a1'));
    const paused = performance.now();
    limiter.pause('http://thcs-a.test/tin-tuc', 200);
    await Promise.all([limiter.run('http://thcs-a.test/2', r.task('a2')), limiter.run('http://th-b.test/', r.task('b1'))]);
    expect(r.starts.get('a2')! - paused).toBeGreaterThanOrEqual(200 - SLACK);
    expect(r.order).toEqual(['a1', 'b1', 'a2']);
  });

  it('setDelay raises one site\'s delay and remembers it after the site went idle and was forgotten', async () => {
    const limiter = createRequestLimiter(4, 2);
    limiter.setDelay('http://thcs-a.test/robots.txt', 100);
    const r = recorder();
    await limiter.run('http://thcs-a.test/1', r.task('a1'));
    await pause(250); // idle longer than its delay: its state is dropped
    await Promise.all([limiter.run('http://thcs-a.test/2', r.task('a2')), limiter.run('http://thcs-a.test/3', r.task('a3'))]);
    expect(Math.abs(r.starts.get('a3')! - r.starts.get('a2')!)).toBeGreaterThanOrEqual(100 - SLACK);

    await Promise.all([limiter.run('http://th-b.test/1', r.task('b1')), limiter.run('http://th-b.test/2', r.task('b2'))]);
    expect(Math.abs(r.starts.get('b2')! - r.starts.get('b1')!)).toBeLessThan(100); // other sites keep no delay
  });

  it('never lowers the run\'s delay and caps a site\'s own at 10 s', async () => {
    const limiter = createRequestLimiter(4, 2, 120);
    limiter.setDelay('http://thcs-a.test/', 0);
    const r = recorder();
    await Promise.all([limiter.run('http://thcs-a.test/1', r.task('a1')), limiter.run('http://thcs-a.test/2', r.task('a2'))]);
    expect(r.starts.get('a2')! - r.starts.get('a1')!).toBeGreaterThanOrEqual(120 - SLACK);

    expect([siteDelay(0, 5_000), siteDelay(0, 3_600_000), siteDelay(2_000, 500)]).toEqual([5_000, 10_000, 2_000]);
  });

  it('gives up waiting at once when the signal aborts, without running the task', { timeout: 10_000 }, async () => {
    const limiter = createRequestLimiter(4, 2);
    limiter.pause('http://thcs-a.test/', 60_000);
    const stop = new AbortController();
    const r = recorder();
    const waiting = limiter.run('http://thcs-a.test/1', r.task('a1'), stop.signal);
    await pause(20);
    stop.abort();
    await expect(waiting).rejects.toThrow();
    expect(r.order).toEqual([]);
    // nothing is left holding a global slot: other sites go on
    expect(await limiter.run('http://th-b.test/', r.task('b1'))).toBe('b1');
  });
});
