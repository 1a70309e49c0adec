/**
 * Every link of every served fixture portal answers: a plain-fetch crawl over the real server
 * (bounded), following pages, frames, pictures, styles, scripts, sitemap <loc>s and the file
 * paths that Viettel pages keep only in onclick="downloadFile(…)". The only 404s allowed are
 * those a portal lists on purpose in its routes.yaml.
 */
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { type FixtureServer, listFixturePortals, startFixtureServer } from '../../src/demo/fixture-server.js';
import { defaultFixturesDir, loadPortal } from '../../src/demo/fixture-portal.js';
import { CORPUS_DIR } from '../../src/demo/accuracy.js';

const ANCHOR = new Date('2026-10-30T15:00:00+07:00');
/** Pages, files and pictures per portal: 25–60 pages plus their assets stay far below this. */
const MAX_REQUESTS = 800;

interface Crawl {
  /** URL → status. */
  statuses: Map<string, number>;
  /** URL → pages linking to it. */
  referrers: Map<string, Set<string>>;
  /** Distinct HTML documents reached through a[href]: URL variants of one page (QI ct/ctmb/ctfull) count once, viewer frames not at all. */
  pages: number;
}

interface Link {
  url: string;
  /** Reached by a reader's link (a[href]) rather than as a frame, picture, style or file. */
  viaAnchor: boolean;
}

/** Links of a page that a browser or crawler would request on the same site. */
function linksOf(html: string, base: string, origin: string): Link[] {
  const $ = cheerio.load(html);
  const raw: [string, boolean][] = [];
  $('a[href]').each((_, el) => void raw.push([$(el).attr('href')!, true]));
  $('link[href]').each((_, el) => void raw.push([$(el).attr('href')!, false]));
  $('iframe[src], img[src], script[src], embed[src], video[src], source[src], audio[src]').each((_, el) => void raw.push([$(el).attr('src')!, false]));
  $('[onclick]').each((_, el) => {
    const m = /downloadFile\(\s*'[^']*'\s*,\s*'([^']+)'\s*\)/.exec($(el).attr('onclick')!);
    if (m) raw.push([m[1]!, false]);
  });
  const out: Link[] = [];
  for (const [href, viaAnchor] of raw) {
    if (!href || /^(#|javascript:|mailto:|tel:)/i.test(href.trim())) continue;
    let u: URL;
    try {
      u = new URL(href.trim(), base);
    } catch {
      continue;
    }
    if (u.origin !== origin) continue;
    u.hash = '';
    out.push({ url: u.href, viaAnchor });
  }
  return out;
}

/** Repeats of a page already seen under another URL of the same path, before that path's other URLs are skipped. */
const REPEATS_PER_PATH = 3;

async function crawl(home: string): Promise<Crawl> {
  const origin = new URL(home).origin;
  const statuses = new Map<string, number>();
  const referrers = new Map<string, Set<string>>();
  const queue = [home, `${origin}/robots.txt`, `${origin}/sitemap.xml`];
  const anchored = new Set([home]);
  const documents = new Set<string>();
  // A portal that answers one page under endless URLs (a session id in every link) ends: a path
  // whose URLs keep repeating a page already seen is not followed further.
  const repeats = new Map<string, number>();
  const done = (u: string) => (repeats.get(new URL(u).pathname) ?? 0) >= REPEATS_PER_PATH;
  while (queue.length > 0 && statuses.size < MAX_REQUESTS) {
    const url = queue.shift()!;
    if (statuses.has(url) || done(url)) continue;
    const res = await fetch(url);
    statuses.set(url, res.status);
    const type = res.headers.get('content-type') ?? '';
    const found: Link[] = [];
    if (res.ok && type.startsWith('text/html')) {
      const html = await res.text();
      // One document under many URLs counts once: what it shows, markup and links left out.
      const shown = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
      if (documents.has(shown)) {
        const path = new URL(url).pathname;
        repeats.set(path, (repeats.get(path) ?? 0) + 1);
      } else if (anchored.has(url)) documents.add(shown);
      found.push(...linksOf(html, res.url, origin));
    } else if (res.ok && type.includes('xml')) {
      for (const m of (await res.text()).matchAll(/<(?:loc|link)>([^<]+)<\/(?:loc|link)>/g)) found.push({ url: m[1]!, viaAnchor: false });
    } else {
      await res.arrayBuffer();
    }
    for (const next of found) {
      if (!referrers.has(next.url)) referrers.set(next.url, new Set());
      referrers.get(next.url)!.add(url);
      if (next.viaAnchor) anchored.add(next.url);
      if (!statuses.has(next.url)) queue.push(next.url);
    }
  }
  expect(queue.filter((u) => !statuses.has(u) && !done(u)), 'the crawl stopped at its bound').toEqual([]);
  return { statuses, referrers, pages: documents.size };
}

/** The demo portals, then the corpus of other shapes (fixtures/corpus: smaller sites allowed). */
const portals = [
  ...(await listFixturePortals()).map((info) => ({ info, dir: defaultFixturesDir(), minPages: 25 })),
  ...(await listFixturePortals(CORPUS_DIR)).map((info) => ({ info, dir: CORPUS_DIR, minPages: 12 })),
];

describe('every link of every fixture portal answers', () => {
  const servers: FixtureServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  // An SPA portal shows a plain crawl one empty shell: spa-portal.test.ts walks its links through the app.
  for (const { info, dir, minPages } of portals.filter((p) => !p.info.spaOf && !p.info.needsRender)) {
    // One server per portal, so a portal under construction spoils only its own test.
    it(`${info.id}: no accidental 404, ${minPages}–60 pages`, async () => {
      const portal = await loadPortal(path.join(dir, info.id));
      const onPurpose = new Set(
        [...portal.routes.values()].filter((r) => r.status >= 400).map((r) => new URL(r.key, 'http://x').pathname),
      );
      const server = await startFixtureServer({ anchor: ANCHOR, portals: [info.id], fixturesDir: dir });
      servers.push(server);
      const { statuses, referrers, pages } = await crawl(server.portals[0]!.url);
      const broken = [...statuses]
        .filter(([url, status]) => status >= 400 && !onPurpose.has(new URL(url).pathname))
        .filter(([url]) => !url.endsWith('/robots.txt') && !url.endsWith('/sitemap.xml'))
        .map(([url, status]) => `${status} ${url} ← ${[...(referrers.get(url) ?? [])].slice(0, 2).join(', ')}`);
      expect(broken).toEqual([]);
      expect(pages).toBeGreaterThanOrEqual(minPages);
      expect(pages).toBeLessThanOrEqual(60);
    });
  }
});
