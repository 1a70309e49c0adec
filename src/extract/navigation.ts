/**
 * Title, headings, breadcrumb, links and menu links. Menus of school portals are nested lists
 * (`li.dropdown > a + ul`), Viettel mobile copies (`li.dd-item > div.dd-title > a + ul.dd-nav`),
 * QI mega-menus (`div.widget > h5 > a` + a column of links) and sidebar trees; the parents of a
 * link are the labels that open each enclosing level.
 */
import { cleanText } from '../normalise.js';
import type { HeadingFact, LinkFact, NavLinkFact } from '../types.js';
import type { PageContext } from './context.js';
import { type El, attr, childEls, isEl, parentEl, textOf, HEADING_TAGS } from './dom.js';

const MAX_HEADINGS = 100;
const MAX_LINKS = 3000;

export function extractTitle(ctx: PageContext): string {
  // The document's <title> (an <svg> may hold others); its text is not visible text, read it directly.
  const t = ctx.dom.byTag('title').find((el) => !el.parent || (el.parent as El).name !== 'svg');
  const title = t ? cleanText((t.children ?? []).map((c) => c.data ?? '').join('')) : '';
  if (title) return title;
  for (const m of ctx.dom.byTag('meta')) {
    const key = (attr(m, 'property') || attr(m, 'name')).toLowerCase();
    if (key === 'og:title' || key === 'twitter:title') {
      const v = cleanText(attr(m, 'content'));
      if (v) return v;
    }
  }
  return '';
}

export function extractHeadings(ctx: PageContext): HeadingFact[] {
  const out: HeadingFact[] = [];
  for (const el of ctx.dom.els) {
    if (out.length >= MAX_HEADINGS) break;
    if (!HEADING_TAGS.has(el.name)) continue;
    const text = textOf(el);
    if (text) out.push({ level: Number(el.name[1]) as HeadingFact['level'], text });
  }
  return out;
}

/** Link label: its text, else title / aria-label / the alt of its image. */
export function linkLabel(a: El): string {
  const text = textOf(a);
  if (text) return text;
  const t = cleanText(attr(a, 'title') || attr(a, 'aria-label'));
  if (t) return t;
  for (const c of a.children) {
    if (isEl(c) && c.name === 'img') return cleanText(attr(c, 'alt') || attr(c, 'title'));
  }
  const img = a.children.filter(isEl).flatMap((c) => (c.children ?? []).filter(isEl)).find((c) => c.name === 'img');
  return img ? cleanText(attr(img, 'alt')) : '';
}

export function extractLinks(ctx: PageContext): LinkFact[] {
  const out: LinkFact[] = [];
  const seen = new Set<string>();
  for (const a of ctx.dom.byTag('a')) {
    if (out.length >= MAX_LINKS) break;
    const url = ctx.urls.resolve(a.attribs.href);
    if (!url) continue;
    const label = linkLabel(a);
    const key = `${url}\u0000${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ url, label });
  }
  return out;
}

// ───────────── breadcrumb ─────────────

const CRUMB_SEPARATORS = /\s*(?:»|›|>|→|\/|\||::)\s*/;

const CRUMB_TOKENS = new Set(['path', 'navigation-bar', 'nav-path', 'location']);
/** QI's `qi-duongdan`, `bread`, `vi-tri`: a cheap test first, every element's classes go through it. */
const CRUMB_HINT = /bread|duong|path|vitri|vi-tri/;
const CRUMB_PART = /(^|[-_])(bread|duongdan|duong-dan|pathway|vitri|vi-tri)([-_]|$)/;

function isCrumbContainer(ctx: PageContext, el: El): number {
  // Lower is better; 0 = not a breadcrumb.
  const itemtype = attr(el, 'itemtype').toLowerCase();
  if (itemtype.includes('breadcrumblist')) return 1;
  const names = ctx.dom.names(el);
  if (el.name === 'ol' && names.includes('breadcrumb')) return 2;
  if (names.includes('breadcrumb')) return 3;
  if (el.name === 'nav' && attr(el, 'aria-label').toLowerCase().includes('breadcrumb')) return 4;
  if (names.some((t) => t.includes('breadcrumb'))) return 5;
  if (names.some((t) => CRUMB_TOKENS.has(t) || (CRUMB_HINT.test(t) && CRUMB_PART.test(t)))) return 6;
  return 0;
}

export function extractBreadcrumb(ctx: PageContext): string[] {
  let best: El | null = null;
  let bestRank = 99;
  for (const el of ctx.dom.els) {
    const r = isCrumbContainer(ctx, el);
    if (r && r < bestRank) {
      // Outermost of nested matches: skip containers inside the one already chosen.
      if (best && ctx.dom.contains(best, el)) continue;
      best = el;
      bestRank = r;
      if (r === 1) break;
    }
  }
  if (best) {
    const labels = crumbLabels(ctx, best);
    if (labels.length) return labels;
  }
  return jsonLdBreadcrumb(ctx);
}

function crumbLabels(ctx: PageContext, box: El): string[] {
  const items = ctx.dom.find(box, 'li').filter((li) => !ctx.dom.find(li, 'li').length);
  let labels: string[];
  if (items.length) labels = items.map((li) => textOf(li));
  else {
    const links = ctx.dom.find(box, 'a');
    const text = textOf(box);
    if (links.length) {
      labels = links.map((a) => linkLabel(a));
      // The current page is often plain text after the last link.
      const lastLink = labels[labels.length - 1] ?? '';
      const tail = text.slice(text.lastIndexOf(lastLink) + lastLink.length);
      const rest = tail.split(CRUMB_SEPARATORS).map(cleanText).filter(Boolean);
      labels.push(...rest);
    } else labels = text.split(CRUMB_SEPARATORS);
  }
  return labels.map((l) => cleanText(l.replace(/^[\s»›>→/|:-]+|[\s»›>→/|:-]+$/g, ''))).filter(Boolean);
}

function jsonLdBreadcrumb(ctx: PageContext): string[] {
  for (const s of ctx.dom.byTag('script')) {
    if (!attr(s, 'type').toLowerCase().includes('ld+json')) continue;
    const body = (s.children ?? []).map((c) => c.data ?? '').join('');
    if (!/BreadcrumbList/i.test(body)) continue;
    try {
      const found = findBreadcrumbList(JSON.parse(body));
      if (found.length) return found;
    } catch {
      /* malformed JSON-LD */
    }
  }
  return [];
}

function findBreadcrumbList(v: unknown): string[] {
  const queue: unknown[] = [v];
  for (let i = 0; i < queue.length && i < 500; i++) {
    const x = queue[i];
    if (Array.isArray(x)) queue.push(...x);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (String(o['@type'] ?? '').toLowerCase() === 'breadcrumblist' && Array.isArray(o.itemListElement)) {
        return (o.itemListElement as Record<string, unknown>[])
          .slice()
          .sort((a, b) => Number(a?.position ?? 0) - Number(b?.position ?? 0))
          .map((it) => cleanText(String(it?.name ?? (it?.item as Record<string, unknown> | undefined)?.name ?? '')))
          .filter(Boolean);
      }
      queue.push(...Object.values(o));
    }
  }
  return [];
}

// ───────────── menus ─────────────

/**
 * The label that opens a menu level: the first child of `level` when it precedes the branch that
 * holds the link and is a link (or wraps one: `div.dd-title > a`, `h5 > a`), or a bare span/strong
 * of an `li` (menus whose parent items are not clickable).
 */
const firstChildMemo = new WeakMap<El, { first: El | undefined; label: string | null }>();

function levelLabel(ctx: PageContext, level: El, branch: El): string | null {
  let memo = firstChildMemo.get(level);
  if (!memo) {
    const first = childEls(level)[0];
    firstChildMemo.set(level, (memo = { first, label: first ? firstLabel(ctx, level, first) : null }));
  }
  const first = memo.first;
  if (!first || first === branch || ctx.dom.contains(first, branch)) return null;
  // The first of a run of sibling items (same tag: li next to li) is a sibling, not the label of the level.
  if (first.name === branch.name || first.name === 'li') return null;
  return memo.label;
}

function firstLabel(ctx: PageContext, level: El, first: El): string | null {
  if (ctx.dom.charCount(first) > 120) return null;
  if (first.name === 'a') return linkLabel(first);
  const inner = ctx.dom.find(first, 'a');
  // "div.dd-title > a + a.drowdown-icon": the first link with a label names the level.
  if (inner.length && inner.length <= 3 && !ctx.dom.find(first, 'ul', 'ol', 'li').length) {
    for (const a of inner) {
      const l = linkLabel(a);
      if (l) return l;
    }
  }
  if (level.name === 'li' && ['span', 'strong', 'b', 'div', 'p'].includes(first.name) && !inner.length) return textOf(first) || null;
  return null;
}

function menuRegion(ctx: PageContext, root: El, mainEnd: number): NavLinkFact['region'] {
  const r = ctx.region(root);
  if (r) return r;
  // A menu repeated after the page's content and outside any header is the bottom menu.
  if (mainEnd >= 0 && ctx.dom.order(root) > mainEnd) {
    let inHeader = false;
    for (let cur: El | null = root; cur; cur = parentEl(cur)) if (cur.name === 'header') inHeader = true;
    if (!inHeader) return 'footer';
  }
  return 'nav';
}

/** Menu links with their parents; identical (url, label, parents) kept once (Viettel repeats its menu). */
export function extractNavLinks(ctx: PageContext, mainContent: El | null): NavLinkFact[] {
  const out: NavLinkFact[] = [];
  const seen = new Set<string>();
  const regions = new Map<El, NavLinkFact['region']>();
  const mainEnd = mainContent ? ctx.dom.endOrder(mainContent) : -1;
  for (const a of ctx.dom.byTag('a')) {
    if (out.length >= MAX_LINKS) break;
    const root = ctx.menuRoot(a);
    if (!root) continue;
    const url = ctx.urls.resolve(a.attribs.href);
    if (!url) continue;
    const label = linkLabel(a);
    if (!label) continue;
    const parents: string[] = [];
    let branch: El = a;
    // Menus are a few levels deep; the bound keeps hostile nesting linear.
    for (let level = parentEl(a), depth = 0; level && depth < 40; level = parentEl(level), depth++) {
      const l = levelLabel(ctx, level, branch);
      if (l && l !== parents[0]) parents.unshift(l);
      if (level === root) break;
      branch = level;
    }
    let region = regions.get(root);
    if (!region) regions.set(root, (region = menuRegion(ctx, root, mainEnd)));
    const key = `${url}\u0000${label}\u0000${parents.join('\u0001')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ url, label, parents, region });
  }
  return out;
}
