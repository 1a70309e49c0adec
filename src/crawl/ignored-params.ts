/**
 * Query parameters a site ignores, learned while crawling: when two URLs of one path differ only in
 * some parameters and answer the same page, those parameters change nothing there (a session id in
 * every link, `?sort=moi`, `?view=luoi`, a pager past the end). Learned on a path at once; on the
 * whole site once two paths agree, except page numbers, which a real list elsewhere may use.
 * Pure bookkeeping, no network; bounded.
 */
import { pageKey } from './url.js';

/** Page numbers: ignored where a list shows the same page, never site-wide. */
const PAGE_PARAMS = new Set(['page', 'paged', 'pg', 'p', 'trang', 'pageindex', 'pagenum', 'pagenumber', 'currentpage', 'start', 'offset']);
/** Paths on which a parameter must have been seen ignored before it is ignored everywhere. */
const SITE_WIDE_AFTER = 2;
const MAX_TRACKED = 2_000;

function parts(url: string): { path: string; params: Map<string, string> } | null {
  try {
    const u = new URL(url);
    const params = new Map<string, string>();
    for (const [k, v] of u.searchParams) params.set(k.toLowerCase(), v);
    return { path: `${u.host}${u.pathname}`, params };
  } catch {
    return null;
  }
}

export class IgnoredParams {
  private readonly site = new Set<string>();
  private readonly byPath = new Map<string, Set<string>>();
  /** Parameter → paths where it was seen ignored. */
  private readonly evidence = new Map<string, Set<string>>();

  /** Two URLs answered the same page: learns the parameters they differ in. Returns whether anything new was learned. */
  learn(first: string, repeat: string): boolean {
    const a = parts(first);
    const b = parts(repeat);
    if (!a || !b || a.path !== b.path) return false;
    const differing = [...new Set([...a.params.keys(), ...b.params.keys()])].filter((k) => a.params.get(k) !== b.params.get(k));
    let learned = false;
    for (const k of differing) {
      let onPath = this.byPath.get(a.path);
      if (!onPath) {
        if (this.byPath.size >= MAX_TRACKED) continue;
        this.byPath.set(a.path, (onPath = new Set()));
      }
      if (!onPath.has(k)) {
        onPath.add(k);
        learned = true;
      }
      if (PAGE_PARAMS.has(k) || this.site.has(k)) continue;
      let paths = this.evidence.get(k);
      if (!paths) this.evidence.set(k, (paths = new Set()));
      if (paths.size < MAX_TRACKED) paths.add(a.path);
      if (paths.size >= SITE_WIDE_AFTER) {
        this.site.add(k);
        learned = true;
      }
    }
    return learned;
  }

  /** The page's key with the parameters known to change nothing left out. */
  key(url: string): string {
    if (!this.site.size && !this.byPath.size) return pageKey(url);
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return pageKey(url);
    }
    const onPath = this.byPath.get(`${u.host}${u.pathname}`);
    for (const k of [...u.searchParams.keys()]) {
      const lower = k.toLowerCase();
      if (this.site.has(lower) || onPath?.has(lower)) u.searchParams.delete(k);
    }
    return pageKey(u.href);
  }

  /** The parameters ignored on every page, for the report. */
  siteWide(): string[] {
    return [...this.site].sort();
  }
}
