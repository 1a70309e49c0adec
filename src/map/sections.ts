/**
 * PageFacts → sections. A page belongs to a section by evidence, scored and explained: the menu
 * labels that point to it, its breadcrumb, its heading, its URL slug, and content signatures
 * (a ticker, an announcements column on the home page). Labels and slugs come from the rule pack.
 */
import { findDates } from '../calendar/dates.js';
import { canonicalUrl, isSameSite } from '../crawl/url.js';
import { normaliseVi } from '../normalise.js';
import type { RulePack, RuleSection } from '../rules/schema.js';
import type { PageAssignment, PageFacts, SchoolCrawl, SectionEvidence, SectionItem } from '../types.js';
import { enrichItem, fileExt, isDocumentTable, isLinkTable, itemFromListItem, itemFromPage, itemsFromTable } from './items.js';
import { matchLabel, matchSlug, sectionMatcher, type SectionMatcher } from './labels.js';

/** Below this a page is not assigned to a section. */
export const MIN_SCORE = 3;
/** A home-page column of a section: evidence, below the section's own pages and its menu entries. */
const HOME_COLUMN_SCORE = 3.5;
/** A page may serve several sections when their scores are close to its best one. */
const CLOSE_TO_BEST = 0.7;

export interface SiteMapping {
  homeUrl: string;
  sections: Map<string, SectionEvidence>;
  /** Canonical page URL → the sections it was assigned to, best first. */
  pageSections: Map<string, { id: string; score: number; reasons: string[] }[]>;
}

interface Incoming {
  label: string;
  parents: string[];
  nav: boolean;
}

const q = (s: string) => `"${s}"`;

/** Is the page worth reading (answered, HTML, no error)? */
export function readable(p: PageFacts): boolean {
  return p.status > 0 && p.status < 400 && !p.error && !p.duplicateOf;
}

/** Whether the page lists things: a main list with items, or a table of documents or links. */
export function isListing(p: PageFacts): boolean {
  return p.lists.some((l) => l.main && l.items.length > 0) || p.tables.some((t) => isDocumentTable(t) || isLinkTable(t));
}

export function mapSite(crawl: SchoolCrawl, pack: RulePack): SiteMapping {
  const pages = crawl.pages.filter(readable);
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const homeUrl = crawl.homeUrl;
  const home = byUrl.get(homeUrl);
  // A URL that answered a page read under another URL stands for that page; so does a URL the crawl
  // did not fetch because it differs from a page read only in its query (a session id), when that
  // page is the only one read on its path.
  const sameAs = new Map(crawl.pages.filter((p) => p.duplicateOf).map((p) => [p.url, p.duplicateOf!]));
  const fetched = new Set(crawl.pages.map((p) => p.url));
  const onPath = new Map<string, string | null>();
  for (const p of pages) {
    const path = pathOf(p.url);
    onPath.set(path, onPath.has(path) ? null : p.url);
  }
  // The same links appear on every page: canonicalise each distinct URL once.
  const canonOf = new Map<string, string>();
  const canon = (u: string) => {
    let c = canonOf.get(u);
    if (c === undefined) {
      try {
        c = canonicalUrl(u);
      } catch {
        c = u;
      }
      c = sameAs.get(c) ?? c;
      if (!fetched.has(c)) c = onPath.get(pathOf(c)) ?? c;
      canonOf.set(u, c);
    }
    return c;
  };

  // Labels of the links that point to each page, from every page's menus and lists. The same menu
  // repeats on every page: keep each distinct (label, parents) once.
  const incoming = new Map<string, Incoming[]>();
  const seenLink = new Set<string>();
  const navTargets = new Set<string>();
  const addIncoming = (target: string, link: Incoming) => {
    const key = `${target}\n${link.nav}\n${link.label}\n${link.parents.join('\t')}`;
    if (seenLink.has(key)) return;
    seenLink.add(key);
    push(incoming, target, link);
  };
  for (const p of pages) {
    const navUrls = new Set<string>();
    for (const l of p.navLinks) {
      const target = canon(l.url);
      navUrls.add(target);
      navTargets.add(target);
      addIncoming(target, { label: l.label, parents: l.parents, nav: true });
    }
    for (const l of p.links) {
      const target = canon(l.url);
      if (!navUrls.has(target)) addIncoming(target, { label: l.label, parents: [], nav: false });
    }
  }

  const placed = pack.sections.filter((s) => s.kind !== 'ticker' && s.kind !== 'custom');
  const matchers = new Map(placed.map((s) => [s.id, sectionMatcher(s)]));
  const pageSections = new Map<string, { id: string; score: number; reasons: string[] }[]>();
  const assign = (url: string, id: string, score: number, reasons: string[]) => {
    if (!byUrl.has(url)) return; // only pages that were read can be evidence
    const list = pageSections.get(url) ?? [];
    const existing = list.find((a) => a.id === id);
    if (existing) {
      if (score > existing.score) existing.score = score;
      for (const r of reasons) if (!existing.reasons.includes(r)) existing.reasons.push(r);
    } else list.push({ id, score: round(score), reasons });
    list.sort((a, b) => b.score - a.score);
    pageSections.set(url, list);
  };

  // 1. Score every page against every section.
  for (const p of pages) {
    if (p.url === homeUrl) continue;
    const scored: { id: string; score: number; reasons: string[] }[] = [];
    for (const m of matchers.values()) {
      const s = scorePage(p, m, incoming.get(p.url) ?? []);
      if (s && s.score >= MIN_SCORE) scored.push(s);
    }
    const best = Math.max(0, ...scored.map((s) => s.score));
    for (const s of scored) if (s.score >= best * CLOSE_TO_BEST) assign(p.url, s.id, s.score, s.reasons);
  }

  // 2. Pages the school says hold a section (schools.yaml sectionUrls).
  for (const [id, urls] of Object.entries(crawl.school.sectionUrls)) {
    for (const u of urls) {
      const url = canon(u);
      if (byUrl.has(url)) assign(url, id, 10, ['schools.yaml: sectionUrls']);
    }
  }

  // 3. Posts listed on a section's listing page belong to it (unless they scored elsewhere).
  for (const [url, assigned] of [...pageSections]) {
    const page = byUrl.get(url);
    const top = assigned[0];
    if (!page || !top || !isListing(page)) continue;
    for (const list of page.lists.filter((l) => l.main)) {
      for (const item of list.items) {
        if (!item.url) continue;
        const target = canon(item.url);
        if (target === homeUrl || !byUrl.has(target)) continue;
        const already = pageSections.get(target);
        if (already?.length && already[0]!.score >= MIN_SCORE) continue;
        assign(target, top.id, 2, [`liệt kê tại / listed on ${url}`]);
      }
    }
  }

  // 4. Home-page signatures: a column named after a section (the announcements column, and any
  // other: "THƯ VIỆN ẢNH" over albums is the album section even when no menu entry leads to it),
  // and the ticker. Only the announcements column is that section's main place.
  if (home) {
    for (const section of pack.sections) {
      const m = matchers.get(section.id);
      if (m && section.kind !== 'article') {
        const column = homeColumn(home, m);
        if (column) assign(home.url, section.id, section.kind === 'home-list' ? 6 : HOME_COLUMN_SCORE, [`cột ${q(column)} trên trang chủ / home page column`]);
      }
      if (section.kind === 'ticker' && home.tickers.some((t) => t.text.trim()))
        assign(home.url, section.id, 6, ['dòng chữ chạy trên trang chủ / ticker on the home page']);
    }
  }

  // 5. School-made sections from the menus.
  for (const c of customSections(pages, home, pack, matchers, pageSections, canon)) {
    assign(c.url, c.sectionId, 4, [`chuyên mục do trường tạo / school-made menu entry ${q(c.path)}`]);
  }

  // 6. Menu entries that name a section but lead to a page that cannot be read; links that name a
  // section and lead to a page the crawl never read (its page limit or time ran out first).
  const unread = new Map<string, SectionEvidence['unread']>();
  for (const [target, links] of incoming) {
    if (fetched.has(target) || !isSameSite(target, homeUrl) || fileExt(target)) continue;
    let best: { id: string; score: number; reasons: string[] } | null = null;
    for (const m of matchers.values()) {
      const s = scorePage(unreadFacts(target), m, links);
      if (s && s.score >= MIN_SCORE && (!best || s.score > best.score)) best = s;
    }
    if (best) push(unread, best.id, { url: target, label: links[0]?.label ?? '', reasons: best.reasons });
  }
  const broken = new Map<string, SectionEvidence['broken']>();
  for (const p of crawl.pages) {
    if (readable(p) || !navTargets.has(p.url)) continue;
    let best: { id: string; score: number; reasons: string[] } | null = null;
    for (const m of matchers.values()) {
      const s = scorePage(p, m, (incoming.get(p.url) ?? []).filter((l) => l.nav));
      if (s && s.score >= MIN_SCORE && (!best || s.score > best.score)) best = s;
    }
    if (best) push(broken, best.id, { url: p.url, status: p.status, ...(p.error && { error: p.error }), score: best.score, reasons: best.reasons });
  }

  // 7. Evidence per section: the assigned pages and their items.
  const sections = new Map<string, SectionEvidence>();
  for (const section of pack.sections) {
    const assignments: PageAssignment[] = [];
    for (const [url, list] of pageSections) {
      const a = list.find((x) => x.id === section.id);
      if (a) assignments.push({ url, score: a.score, reasons: a.reasons });
    }
    assignments.sort((a, b) => b.score - a.score || a.url.localeCompare(b.url));
    const facts = assignments.map((a) => byUrl.get(a.url)!);
    sections.set(section.id, {
      sectionId: section.id,
      pages: assignments,
      facts,
      items: gatherItems(section, facts, homeUrl, matchers.get(section.id), byUrl, navTargets, canon),
      broken: broken.get(section.id) ?? [],
      unread: (unread.get(section.id) ?? []).slice(0, 10),
    });
  }
  return { homeUrl, sections, pageSections };
}

function scorePage(p: PageFacts, m: SectionMatcher, links: Incoming[]): { id: string; score: number; reasons: string[] } | null {
  const reasons: string[] = [];
  let ruledOut = false;
  const best = (texts: { text: string; reason: (t: string) => string; factor: number }[]) => {
    let top = 0;
    let why = '';
    for (const t of texts) {
      const r = matchLabel(t.text, m);
      if (!r) continue;
      if (r.weight < 0) {
        if (t.factor === 1) ruledOut = true;
        continue;
      }
      if (r.weight * t.factor > top) {
        top = r.weight * t.factor;
        why = t.reason(t.text);
      }
    }
    if (top > 0) reasons.push(why);
    return top;
  };

  const nav = links.filter((l) => l.nav);
  let score = best(nav.map((l) => ({ text: l.label, factor: 1, reason: (t) => `nhãn menu / menu label ${q(t)}` })));
  if (score === 0)
    score += best(
      nav.flatMap((l) => l.parents.map((parent) => ({ text: parent, factor: 0.5, reason: (t) => `mục menu cha / menu parent ${q(t)}` }))),
    );
  const crumbs = p.breadcrumb.filter((c) => normaliseVi(c) !== 'trang chu');
  const last = crumbs[crumbs.length - 1];
  score += best([
    ...(last ? [{ text: last, factor: 1, reason: (t: string) => `đường dẫn trang / breadcrumb ${q(t)}` }] : []),
    ...crumbs.slice(0, -1).map((c) => ({ text: c, factor: 0.6, reason: (t: string) => `thuộc mục / under breadcrumb ${q(t)}` })),
  ]);
  const h1 = p.headings.find((h) => h.level === 1)?.text;
  score += best(
    [h1, p.title]
      .filter((t): t is string => !!t)
      .map((t) => ({ text: t.slice(0, 200), factor: 0.6, reason: (x: string) => `tiêu đề / heading ${q(x.slice(0, 80))}` })),
  );
  if (score === 0 || links.every((l) => l.nav))
    score += best(
      links
        .filter((l) => !l.nav)
        .slice(0, 50)
        .map((l) => ({ text: l.label, factor: 0.4, reason: (t) => `liên kết / link text ${q(t)}` })),
    );
  const slug = matchSlug(p.url, m);
  if (slug) {
    score += slug.weight;
    reasons.push(`URL chứa / URL slug "/${slug.matched}"`);
  }
  if (ruledOut || score <= 0) return null;
  return { id: m.id, score: round(score), reasons };
}

/** Heading of a home-page block that names the section ("THÔNG BÁO"), when it has items. */
function homeColumn(home: PageFacts, m: SectionMatcher): string | null {
  let best: { heading: string; w: number } | null = null;
  for (const list of home.lists) {
    if (!list.items.length) continue;
    const r = matchLabel(list.heading, m);
    if (r && r.weight >= 4 && (!best || r.weight > best.w)) best = { heading: list.heading, w: r.weight };
  }
  return best?.heading ?? null;
}

interface CustomEntry {
  url: string;
  path: string;
  sectionId: string;
}

/**
 * School-made sections: entries of the menu under a students' or parents' corner ("Góc học sinh",
 * "Góc phụ huynh": the rule pack's customParents) that name no section of the rule pack, are not
 * menu headers with children, and lead to a page of the site.
 */
function customSections(
  pages: PageFacts[],
  home: PageFacts | undefined,
  pack: RulePack,
  matchers: Map<string, SectionMatcher>,
  pageSections: Map<string, { id: string }[]>,
  canon: (u: string) => string,
): CustomEntry[] {
  const customRows = pack.sections.filter((s) => s.kind === 'custom');
  if (!customRows.length) return [];
  const ignore = new Set(pack.settings.ignoreLabels.map(normaliseVi));
  const menuPages = home ? [home] : pages.slice(0, 1);
  const navLinks = menuPages.flatMap((p) => p.navLinks).filter((l) => l.region !== 'footer');
  const parentLabels = new Set(navLinks.flatMap((l) => l.parents.map(normaliseVi)));
  const namesSection = (label: string, min: number) => {
    for (const m of matchers.values()) {
      const r = matchLabel(label, m);
      if (r && r.weight >= min) return true;
    }
    return false;
  };
  const out: CustomEntry[] = [];
  const seen = new Set<string>();
  const homeUrl = home?.url;
  for (const l of navLinks) {
    const url = canon(l.url);
    const label = normaliseVi(l.label);
    if (!label || seen.has(url) || url === homeUrl || ignore.has(label) || parentLabels.has(label)) continue;
    if (homeUrl && !isSameSite(url, homeUrl)) continue;
    if (namesSection(l.label, MIN_SCORE) || l.parents.some((p) => namesSection(p, 4) && !isCustomParent(p, customRows))) continue;
    if (pageSections.get(url)?.some((a) => !customRows.some((c) => c.id === a.id))) continue;
    // Only the students' and the parents' corners hold school-made sections of the letter (IV.3,
    // V.2): "Tuyển dụng", "Học bổng" or a language switch elsewhere in the menu are not theirs.
    const row = customRows.find((c) => l.parents.some((p) => isCustomParentOf(p, c)));
    if (!row) continue;
    seen.add(url);
    out.push({ url, path: [...l.parents, l.label].join(' › '), sectionId: row.id });
  }
  return out;
}

function isCustomParentOf(label: string, row: RuleSection): boolean {
  const n = normaliseVi(label);
  return row.customParents.some((p) => normaliseVi(p) === n);
}

function isCustomParent(label: string, rows: RuleSection[]): boolean {
  return rows.some((r) => isCustomParentOf(label, r));
}

/** Items of a section: main lists and tables of its listing pages, then its detail pages. */
function gatherItems(
  section: RuleSection,
  facts: PageFacts[],
  homeUrl: string,
  matcher: SectionMatcher | undefined,
  byUrl: Map<string, PageFacts>,
  menuTargets: Set<string>,
  canon: (u: string) => string,
): SectionItem[] {
  const items: SectionItem[] = [];
  const byItemUrl = new Map<string, SectionItem>();
  const add = (item: SectionItem) => {
    if (item.url) {
      // Items are told apart by their own URL: two lectures whose pages answer the same player shell
      // stay two. The same page under a session id is one item when it has the same title.
      const own = canonical(item.url);
      const page = canon(item.url);
      item.url = own;
      // A row that leads to the home page or a menu entry is navigation (old table layouts), not an item.
      if (page === homeUrl || (menuTargets.has(page) && !facts.some((f) => f.url === page))) return;
      let known = byItemUrl.get(own);
      if (!known && page !== own) {
        known = byItemUrl.get(page);
        if (known && normaliseVi(known.title) !== normaliseVi(item.title)) known = undefined;
      }
      if (known) {
        // The same document in a list and in a table row: keep what each shows.
        for (const d of item.dates) if (!known.dates.some((k) => k.date === d.date && k.time === d.time && k.role === d.role)) known.dates.push(d);
        for (const a of item.attachments) if (!known.attachments.some((k) => k.url === a.url)) known.attachments.push(a);
        if (item.text.length > known.text.length) known.text = item.text;
        known.images = Math.max(known.images, item.images);
        if (!known.date && item.date) known.date = item.date;
        return;
      }
      byItemUrl.set(own, item);
      if (page !== own && !byItemUrl.has(page)) byItemUrl.set(page, item);
    } else if (items.some((i) => i.title === item.title && i.date?.date === item.date?.date)) return;
    items.push(item);
  };
  for (const p of facts) {
    if (p.url === homeUrl) {
      // Only the block that names the section counts on the home page.
      if (matcher)
        for (const list of p.lists) {
          const r = matchLabel(list.heading, matcher);
          if (r && r.weight >= 4) list.items.forEach((li) => add(itemFromListItem(li, p.url)));
        }
      continue;
    }
    if (isListing(p)) {
      // A table read row by row with its column roles is not read again as a list.
      const readAsTable = new Set(p.tables.map((t, i) => (isDocumentTable(t) || isLinkTable(t) ? i : -1)).filter((i) => i >= 0));
      for (const list of p.lists) if (list.main && (list.table === undefined || !readAsTable.has(list.table))) list.items.forEach((li) => add(itemFromListItem(li, p.url)));
      for (const i of readAsTable) itemsFromTable(p.tables[i]!, p.url).forEach(add);
    }
  }
  // Detail pages: complete the listed items, and add the pages no list showed. A page the menus
  // lead to is the section's own page (a category, perhaps empty): it is an item only when it holds
  // dated content of its own (e.g. "Lịch công tác tuần từ 26/10 đến 01/11/2026" shown in place).
  for (const p of facts) {
    if (p.url === homeUrl) continue;
    const known = byItemUrl.get(p.url);
    if (known) enrichItem(known, p);
    else if (!isListing(p) && (!menuTargets.has(p.url) || p.wordCount > 150 || hasOwnDate(p))) add(itemFromPage(p));
  }
  // Listed items whose own page was crawled but not assigned: still read their dates and files.
  for (const item of items) {
    if (!item.url) continue;
    const page = byUrl.get(item.url) ?? byUrl.get(canon(item.url));
    if (page && !facts.includes(page)) enrichItem(item, page);
  }
  return items;
}

/** A posting date, or a date written in the page's heading. */
function hasOwnDate(p: PageFacts): boolean {
  if (p.dates.some((d) => d.role === 'published' && d.source !== 'header')) return true;
  const h1 = p.headings.find((h) => h.level === 1)?.text ?? p.title;
  return findDates(h1).length > 0;
}

/** Host and path of a URL, query left out. */
function pathOf(url: string): string {
  const i = url.search(/[?#]/);
  return i < 0 ? url : url.slice(0, i);
}

/** The facts of a page that was never fetched: only its URL, for scoring the links to it. */
function unreadFacts(url: string): PageFacts {
  return { url, finalUrl: url, status: 0, contentType: '', depth: 0, fetchedAt: '', rendered: false, title: '', headings: [], breadcrumb: [], navLinks: [], links: [], lists: [], tables: [], images: [], videos: [], audio: [], attachments: [], contacts: { phones: [], emails: [] }, people: [], tickers: [], dates: [], text: '', wordCount: 0 };
}

function canonical(url: string): string {
  try {
    return canonicalUrl(url);
  } catch {
    return url;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
