/** The copied school pages of test/data/real-sites as RawPage inputs, at the URLs they were copied from. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractPage, type RawPage } from '../../src/extract/page.js';
import type { PageFacts } from '../../src/types.js';

const ROOT = fileURLToPath(new URL('../data/real-sites/', import.meta.url));

/** The HTTrack mirror of thdinhbang2.bacninh.edu.vn, crawled on 08 Oct 2021. */
export function viettelPage(path: string, fetchedAt = '2021-10-08T09:10:00Z'): RawPage {
  const url = new URL(path, 'http://thdinhbang2.bacninh.edu.vn/').href;
  return raw(`thdinhbang2/${path}`, url, fetchedAt);
}

/** A QI post; its own host is unknown, so a plausible one is used (links are root-relative). */
export function qiPage(id: string, fetchedAt = '2026-09-25T03:00:00Z'): RawPage {
  return raw(`qi-posts/${id}.html`, `https://school.hcm.edu.vn/thuc-don/bai-viet/ct/1/${id}`, fetchedAt);
}

function raw(file: string, url: string, fetchedAt: string): RawPage {
  return { url, finalUrl: url, status: 200, contentType: 'text/html; charset=utf-8', html: readFileSync(ROOT + file, 'utf8'), fetchedAt, depth: 1 };
}

const cache = new Map<string, PageFacts>();

/** Facts of a real page, extracted once per test file. */
export function facts(page: RawPage): PageFacts {
  let f = cache.get(page.url);
  if (!f) cache.set(page.url, (f = extractPage(page)));
  return f;
}

/** A synthetic page at a URL. */
export function page(html: string, url = 'https://thcs-demo.longbien.edu.vn/tin-tuc/c/1', fetchedAt = '2026-10-12T03:00:00Z'): RawPage {
  return { url, finalUrl: url, status: 200, contentType: 'text/html', html, fetchedAt, depth: 0 };
}
