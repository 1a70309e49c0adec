import { describe, expect, it } from 'vitest';
import { Frontier } from '../../src/crawl/frontier.js';

describe('Frontier', () => {
  it('hands out pages by depth, lowest first, whatever order they were found in', () => {
    const f = new Frontier();
    f.add('http://x.edu.vn/', 0);
    f.add('http://x.edu.vn/tin-tuc/bai-1', 2);
    f.add('http://x.edu.vn/tin-tuc', 1);
    f.add('http://x.edu.vn/gioi-thieu', 1);
    const order: string[] = [];
    for (let e = f.next(); e; e = f.next()) order.push(new URL(e.url).pathname);
    expect(order).toEqual(['/', '/tin-tuc', '/gioi-thieu', '/tin-tuc/bai-1']);
  });

  it('queues one page once under its URL variants, keeping the first URL to fetch', () => {
    const f = new Frontier();
    expect(f.add('http://x.edu.vn/thong-bao/lich-kham/ctfull/75569/756558#top', 1)).toBe(true);
    expect(f.add('https://www.x.edu.vn/thong-bao/ct/75569/756558', 1)).toBe(false);
    expect(f.size).toBe(1);
    expect(f.next()).toEqual({
      url: 'http://x.edu.vn/thong-bao/ct/75569/756558',
      fetchUrl: 'http://x.edu.vn/thong-bao/lich-kham/ctfull/75569/756558',
      depth: 1,
      chain: 0,
    });
  });

  it('skips a queued page that was meanwhile fetched through a redirect', () => {
    const f = new Frontier();
    f.add('http://x.edu.vn/a', 1);
    f.add('http://x.edu.vn/b', 1);
    expect(f.claim('https://x.edu.vn/a')).toBe(true); // a redirect landed on /a
    expect(f.claim('http://x.edu.vn/a')).toBe(false);
    expect(f.hasPending()).toBe(true);
    expect(f.next()?.url).toBe('http://x.edu.vn/b');
    expect(f.next()).toBeUndefined();
    expect(f.hasPending()).toBe(false);
  });

  it('hands out late entries (sitemap seeds) after the pages links find at the same depth, even found later', () => {
    const f = new Frontier();
    f.add('http://x.edu.vn/', 0);
    f.add('http://x.edu.vn/menu', 1);
    f.add('http://x.edu.vn/cu/1', 2, { late: true });
    f.add('http://x.edu.vn/cu/2', 2, { late: true });
    f.add('http://x.edu.vn/menu/bai', 2, { chain: 1 }); // found after the seeds
    f.add('http://x.edu.vn/sau', 3);
    const order: [string, number][] = [];
    for (let e = f.next(); e; e = f.next()) order.push([new URL(e.url).pathname, e.chain]);
    expect(order).toEqual([
      ['/', 0],
      ['/menu', 0],
      ['/menu/bai', 1],
      ['/cu/1', 0],
      ['/cu/2', 0],
      ['/sau', 0],
    ]);
  });

  it('remembers a refused page so it is judged once, and never queues it', () => {
    const f = new Frontier();
    expect(f.has('http://x.edu.vn/noi-bo')).toBe(false);
    f.refuse('http://x.edu.vn/noi-bo#a');
    expect(f.has('https://www.x.edu.vn/noi-bo')).toBe(true);
    expect(f.add('http://x.edu.vn/noi-bo', 1)).toBe(false);
    expect(f.size).toBe(0);
    expect(f.next()).toBeUndefined();
  });
});
