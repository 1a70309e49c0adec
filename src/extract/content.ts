/**
 * The page's main content: the article body when a known container holds it, else the element
 * where the text outside menus, header, footer and sidebars stops being carried by one child.
 */
import type { PageContext } from './context.js';
import { type El, attr, childEls, parentEl, textOf } from './dom.js';

const MAX_TEXT = 20_000;
const IMAGE_WEIGHT = 80;

/** Article-body containers by priority (class tokens, lower case). */
const BODY_CLASSES: Record<string, number> = {
  qicontentdetail: 1,
  'news-detail': 2,
  'content-detail': 2,
  'article-content': 3,
  'entry-content': 3,
  'post-detail': 3,
  'article-body': 3,
  'post-body': 3,
  'news-content': 3,
  contentdetail: 3,
  noidung: 4,
  'noi-dung': 4,
  'noi-dung-chi-tiet': 4,
  'chi-tiet': 4,
  'single-content': 4,
};
const MAIN_IDS = new Set(['content', 'main-content', 'maincontent', 'main', 'noidung', 'content-detail']);

function bodyRank(ctx: PageContext, el: El): number {
  if (attr(el, 'itemprop').toLowerCase() === 'articlebody') return 0;
  let best = 99;
  for (const c of ctx.dom.classes(el)) {
    const r = BODY_CLASSES[c];
    if (r !== undefined && r < best) best = r;
  }
  return best;
}

/** Characters of each element outside page chrome, by element. */
function contentChars(ctx: PageContext): Map<El, number> {
  const chars = new Map<El, number>();
  const chromeRoots: El[] = [];
  const els = ctx.dom.els;
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    if (!ctx.inChrome(el) && !ctx.isCounter(el)) continue;
    chromeRoots.push(el);
    i = ctx.dom.endOrder(el); // its subtree is chrome too
  }
  const get = (el: El) => chars.get(el) ?? ctx.dom.charCount(el);
  for (const r of chromeRoots) {
    const n = ctx.dom.charCount(r);
    chars.set(r, 0);
    for (let cur = parentEl(r); cur; cur = parentEl(cur)) chars.set(cur, get(cur) - n);
  }
  // A photo counts like a short paragraph: an album page is its photos, not the sidebar's words.
  for (const img of ctx.dom.byTag('img')) {
    if (ctx.inChrome(img) || /^\s*([1-3]?\d)\s*(px)?\s*$/.test(attr(img, 'width'))) continue;
    for (let cur = parentEl(img), depth = 0; cur && depth < 200; cur = parentEl(cur), depth++) chars.set(cur, get(cur) + IMAGE_WEIGHT);
  }
  return chars;
}

export function findMainContent(ctx: PageContext): El | null {
  // 1. A known article-body container, outside menus and sidebars.
  let best: El | null = null;
  let bestRank = 99;
  for (const el of ctx.dom.els) {
    const r = bodyRank(ctx, el);
    if (r < bestRank && !ctx.inChrome(el)) {
      best = el;
      bestRank = r;
    }
  }
  if (best) {
    ctx.articleBody = best;
    return best;
  }
  // 2. A single <article> (not one of a repeated series), or main / #content.
  let article: El | null = null;
  for (const el of ctx.dom.byTag('article')) {
    if (ctx.inChrome(el)) continue;
    const sig = ctx.signature(el);
    const siblings = parentEl(el) ? childEls(parentEl(el)!).filter((c) => ctx.signature(c) === sig).length : 1;
    if (siblings > 1 || ctx.dom.find(el, 'article').length) continue;
    if (!article || ctx.dom.charCount(el) > ctx.dom.charCount(article)) article = el;
  }
  if (article && ctx.dom.charCount(article) >= 200) {
    ctx.articleBody = article;
    return article;
  }
  const body = ctx.dom.body ?? ctx.dom.els[0] ?? null;
  if (!body) return null;
  // <main>, role=main or #content narrows where to look, when the page has one.
  const marked = ctx.dom.els.find(
    (el) => (el.name === 'main' || attr(el, 'role') === 'main' || MAIN_IDS.has(attr(el, 'id').toLowerCase())) && !ctx.inChrome(el) && ctx.dom.charCount(el) > 0,
  );
  // 3. Descend from <body> while one child holds most of the text outside the page chrome.
  const chars = contentChars(ctx);
  const get = (el: El) => chars.get(el) ?? ctx.dom.charCount(el);
  let cur = marked ?? body;
  for (let depth = 0; depth < 200; depth++) {
    const total = get(cur);
    if (total <= 0) break;
    const kids = childEls(cur);
    // Siblings of one kind holding text (posts, cards) make `cur` a list: its items are not the content.
    const sigs = new Set<string>();
    let repeated = false;
    for (const k of kids) {
      if (get(k) <= 0) continue;
      const sig = ctx.signature(k);
      if (sigs.has(sig)) repeated = true;
      sigs.add(sig);
    }
    if (repeated) break;
    const next = kids.find((c) => get(c) >= total * 0.6);
    if (!next || get(next) < 50) break;
    cur = next;
  }
  return article && ctx.dom.charCount(article) >= get(cur) * 0.5 ? article : cur;
}

const isBreadcrumb = (ctx: PageContext, el: El) => ctx.dom.names(el).some((t) => t.includes('breadcrumb') || t === 'pathway-category' || t === 'bread');

export function mainText(ctx: PageContext, root: El | null): { text: string; wordCount: number } {
  if (!root) return { text: '', wordCount: 0 };
  const text = textOf(root, { limit: MAX_TEXT * 2, skip: (el) => ctx.isCounter(el) || ctx.inChrome(el) || isBreadcrumb(ctx, el) }).slice(0, MAX_TEXT);
  return { text, wordCount: countWords(text) };
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Space-separated pieces holding a letter or digit. Scanned in place, an ASCII letter settling most
 * words at their first character: splitting and a regex per word cost ≈ 0.2 ms on an article.
 */
function countWords(text: string): number {
  let words = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf(' ', start);
    if (end < 0) end = text.length;
    if (holdsWordChar(text, start, end)) words++;
    start = end + 1;
  }
  return words;
}

function holdsWordChar(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return LETTER_OR_DIGIT.test(text.slice(i, end));
    const lower = c | 32;
    if ((c >= 48 && c <= 57) || (lower >= 97 && lower <= 122)) return true;
  }
  return false;
}
