/**
 * Repeated blocks of items: the posts of a category page, cards in a grid, album and video blocks,
 * home-page columns ("THÔNG BÁO", "Tin mới"), accordion and tab panes, "Tin liên quan" boxes,
 * document tables. A list is a container whose children of one kind are each an item:
 *  - a block holding a link (the usual teaser), or
 *  - a block without a link that carries a title and a date (a notice typed as text, a week's
 *    schedule shown in place), or a title and photos or a player (an album or video shown in place).
 * A heading followed by a single item is still a list. Menus, tickers, breadcrumbs, pagination,
 * share buttons, forms and the paragraphs of an article are not lists.
 */
import { cleanText, normaliseVi } from '../normalise.js';
import type { DateFact, ListFact, ListItemFact, VideoFact } from '../types.js';
import type { PageContext } from './context.js';
import { type El, attr, childEls, closest, isBlock, parentEl, textOf, HEADING_TAGS } from './dom.js';
import { imageSrc, videoKind } from './media.js';
import { linkLabel } from './navigation.js';
import { type DateReader, type PageTimeline, isDateSpot } from './page-dates.js';
import type { TableInfo } from './tables.js';
import { DOCUMENT_EXTS, fileExtension } from './urls.js';

const MAX_LISTS = 100;
const MAX_ITEMS = 500;
const MAX_ITEM_DATES = 5;
const NOT_LIST_TOKEN = /breadcrumb|duongdan|duong-dan|pathway|pagination|pager|phan-trang|phantrang|share|social|mxh|nav-tabs|tags?$|keyword|ngonngu|language|lang-/;
const INLINE_ITEM = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'font', 'small', 'label']);
const ITEMISH = /item|post|news|entry|person|card|tin|bai|album|clip|video|week|tuan/;
const TITLE_TOKEN = /title|tieude|tieu-de|name|headline|^ttl$|^ten$|caption/;
const SUMMARY_TOKEN = /brief|desc|summary|sapo|excerpt|teaser|mota|mo-ta|tomtat|tom-tat|intro|post-content|card-text/;
/** Links that say what to do, not what the item is: the title is elsewhere in the item. */
const GENERIC_LINK =
  /^(xem|chi tiet|xem chi tiet|xem tiep|doc tiep|doc them|xem them|tai ve|tai xuong|tai file|xem file|xem van ban|xem noi dung|tai tai lieu|download|read more|more|view|click here|tai day|bam vao day|nhan vao day)$/;
/** Headings of side boxes on a detail or category page. */
const RELATED =
  /lien quan|cung chuyen muc|cung danh muc|tin khac|bai khac|cac tin|doc nhieu|xem nhieu|tin moi|moi nhat|moi cap nhat|noi bat|tieu diem|duoc quan tam|da dua|bai viet khac|thong ke|lien ket|quang cao|xem them|\bkhac$/;
/** An article this long is the page's content: lists beside it are related posts, not the page's list. */
const ARTICLE_CHARS = 600;
/** An item without a link is a small block: larger ones are page regions. */
const UNLINKED_MAX_CHARS = 2500;
const UNLINKED_MAX_ELEMENTS = 600;

interface Candidate {
  container: El;
  items: El[];
  /** No item links anywhere: text blocks, which an article's own blocks can look like. */
  unlinked: boolean;
}

interface Found {
  container: El;
  unlinked?: boolean;
  headingEl: El | null;
  heading: string;
  side: boolean;
  items: ListItemFact[];
  itemEls: El[];
  table?: number;
}

/** Sorted document orders of the page's http(s) links: counts per subtree by binary search. */
class LinkIndex {
  private readonly orders: number[];
  constructor(private readonly ctx: PageContext) {
    this.orders = ctx.dom
      .byTag('a')
      .filter((a) => ctx.urls.resolve(a.attribs.href))
      .map((a) => ctx.dom.order(a));
  }
  count(el: El): number {
    const start = this.ctx.dom.order(el);
    const end = this.ctx.dom.endOrder(el);
    return lowerBound(this.orders, end + 1) - lowerBound(this.orders, start);
  }
}

/**
 * Elements that hold a date or a picture/player within a few levels: marked once per page from
 * the dated text pieces and the media elements, so testing a block is a set lookup.
 */
class Marks {
  readonly dated = new Set<El>();
  readonly media = new Set<El>();
  constructor(ctx: PageContext, reader: DateReader, timeline: PageTimeline) {
    const mark = (set: Set<El>, el: El | null) => {
      for (let cur = el, i = 0; cur && i < 14 && !set.has(cur); cur = parentEl(cur), i++) set.add(cur);
    };
    for (const s of timeline.segments) if (reader.fromText(s.text, 'text').length) mark(this.dated, s.el);
    for (const t of timeline.times.keys()) mark(this.dated, t);
    for (const el of ctx.dom.byTag('img')) if (!/^\s*([1-3]?\d)\s*(px)?\s*$/.test(attr(el, 'width'))) mark(this.media, el);
    for (const name of ['iframe', 'video', 'embed']) for (const el of ctx.dom.byTag(name)) mark(this.media, el);
  }
}

function firstChildEl(el: El): El | null {
  for (const c of el.children) if (c.type === 'tag') return c as El;
  return null;
}

function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function excluded(ctx: PageContext, el: El, dataTables: Set<El>): boolean {
  if (['thead', 'tfoot', 'select', 'head', 'form'].includes(el.name)) return true;
  // Rows of a data table with a header are read by tableLists(), links inside its cells with them;
  // other tables are layout.
  const table = closest(el, (e) => e.name === 'table', 6);
  if (table && dataTables.has(table)) return true;
  if (ctx.menuRoot(el)) return true;
  for (let cur: El | null = el, i = 0; cur && i < 12; cur = parentEl(cur), i++) {
    if (ctx.dom.names(cur).some((t) => NOT_LIST_TOKEN.test(t))) return true;
  }
  return false;
}

/** The element that names an item without a link: a heading, a title-classed element, an accordion button, a bold lead. */
const titles = new WeakMap<El, El | null>();
function titleElement(ctx: PageContext, item: El): El | null {
  let t = titles.get(item);
  if (t === undefined) titles.set(item, (t = findTitleElement(ctx, item)));
  return t;
}

function findTitleElement(ctx: PageContext, item: El): El | null {
  let bold: El | null = null;
  for (const el of ctx.dom.descendants(item).slice(0, UNLINKED_MAX_ELEMENTS)) {
    if (HEADING_TAGS.has(el.name) || el.name === 'summary' || el.name === 'figcaption' || el.name === 'dt') return el;
    if (el.name === 'button' && (attr(el, 'aria-controls') || /collapse|accordion/i.test(`${attr(el, 'class')} ${attr(el, 'data-bs-toggle')} ${attr(el, 'data-toggle')}`))) return el;
    if (ctx.dom.names(el).some((t) => TITLE_TOKEN.test(t)) && ctx.dom.charCount(el) > 0 && ctx.dom.charCount(el) <= 300) return el;
    if (!bold && (el.name === 'b' || el.name === 'strong') && ctx.dom.charCount(el) >= 6) bold = el;
  }
  return bold;
}

/** The text of a title element; an accordion header's text sits in a <button>, which page text leaves out. */
function titleText(ctx: PageContext, el: El): string {
  const text = ctx.headingText(el) || textOf(el);
  if (text) return text;
  const button = el.name === 'button' ? el : ctx.dom.find(el, 'button')[0];
  return button ? textOf(button) : '';
}

/**
 * A block without a link that is an item: small, named, and dated or showing photos or a player.
 * `datedList`: the block is an entry of a list whose heading carries the date (a dated roll of names).
 */
function unlinkedItem(ctx: PageContext, marks: Marks, k: El, datedList = false): boolean {
  if (k.name === 'tr') return unlinkedRow(ctx, marks, k);
  if (INLINE_ITEM.has(k.name) || !isBlock(k.name) || k.name === 'td' || k.name === 'th' || k.name === 'br' || k.name === 'hr') return false;
  if (datedList && k.name === 'li') return ctx.dom.charCount(k) >= 3 && ctx.dom.charCount(k) <= 400;
  if (HEADING_TAGS.has(k.name) || k.name === 'table' || k.name === 'tbody' || k.name === 'form') return false;
  const chars = ctx.dom.charCount(k);
  if (chars < 3 || chars > UNLINKED_MAX_CHARS || ctx.dom.endOrder(k) - ctx.dom.order(k) > UNLINKED_MAX_ELEMENTS) return false;
  const dated = marks.dated.has(k);
  const media = marks.media.has(k);
  if (!dated && !media) return false;
  // Paragraphs are an article's prose, dated or not: a notice typed as a paragraph links its file.
  if (k.name === 'p') return false;
  if (k.name === 'li' || k.name === 'dd') return dated || (media && chars > 0);
  const named = titleElement(ctx, k);
  // The page's own title block (h1 and its date line) is the page, not an item of it.
  if (named?.name === 'h1') return false;
  return !!named || (k.name === 'figure' && media) || (dated && chars <= 200 && ctx.dom.classes(k).some((c) => ITEMISH.test(c)));
}

/**
 * A row of a table without a header that is an item: an old portal's layout of video or album
 * blocks, each row a player or photo with a bold or heading title. Rows of text only are a
 * document's key/value details or data, read as tables.
 */
function unlinkedRow(ctx: PageContext, marks: Marks, tr: El): boolean {
  const chars = ctx.dom.charCount(tr);
  if (chars < 3 || chars > 600 || ctx.dom.find(tr, 'table').length || !marks.media.has(tr)) return false;
  const named = titleElement(ctx, tr);
  return !!named && named.name !== 'h1';
}

/** A list (ul, ol) under a heading that carries a date: its entries need no date of their own. */
function underDatedHeading(ctx: PageContext, marks: Marks, list: El): boolean {
  if (list.name !== 'ul' && list.name !== 'ol') return false;
  const h = ctx.blockHeading(list, 1);
  return !!h && marks.dated.has(h.el);
}

function candidates(ctx: PageContext, links: LinkIndex, marks: Marks, dataTables: Set<El>): Candidate[] {
  const out: Candidate[] = [];
  // Menus, by document order: an item that holds one is a page region, not a list item.
  const roots = new Set<El>();
  for (const a of ctx.dom.byTag('a')) {
    const r = ctx.menuRoot(a);
    if (r) roots.add(r);
  }
  const menuOrders = [...roots].map((e) => ctx.dom.order(e)).sort((x, y) => x - y);
  const holdsMenu = (it: El) => {
    const i = lowerBound(menuOrders, ctx.dom.order(it));
    return i < menuOrders.length && menuOrders[i]! <= ctx.dom.endOrder(it);
  };
  const els = ctx.dom.els;
  for (let i = 0; i < els.length; i++) {
    const p = els[i]!;
    if (ctx.menuRoot(p)) {
      i = ctx.dom.endOrder(p); // menus are not lists, nor anything inside them
      continue;
    }
    const linked = links.count(p) > 0;
    const datedList = !linked && underDatedHeading(ctx, marks, p);
    if (!linked && !datedList && !marks.dated.has(p) && !marks.media.has(p)) continue;
    // Pages list at most a few hundred posts; a longer run is read from its start.
    const kids = childEls(p).slice(0, 2000);
    if (!kids.length) continue;
    const groups = new Map<string, El[]>();
    for (const k of kids) {
      if (k.name === 'a') {
        if (!ctx.urls.resolve(k.attribs.href)) continue;
      } else if (!links.count(k) && !unlinkedItem(ctx, marks, k, datedList)) continue;
      // Items of one list share their tag, classes and the kind of their first child.
      const first = firstChildEl(k);
      const sig = `${ctx.signature(k)}>${first ? ctx.signature(first) : ''}`;
      let g = groups.get(sig);
      if (!g) groups.set(sig, (g = []));
      g.push(k);
    }
    let items: El[] = [];
    for (const g of groups.values()) {
      if (g.length <= items.length) continue;
      // A run of bare links is a list only when it fills its container ("a | b | c"), not links in prose.
      if (INLINE_ITEM.has(g[0]!.name) && (!onlySeparators(p) || g.length * 2 < kids.length)) continue;
      items = g;
    }
    if (!items.length) continue;
    if (items.length === 1 && !singleItemList(ctx, p, items[0]!, marks)) continue;
    if (excluded(ctx, p, dataTables)) continue;
    // Whole page regions are not items: posts and cards are short.
    if (items.reduce((n, it) => n + ctx.dom.charCount(it), 0) > items.length * 2500) continue;
    // Boxes of an old portal's column (a table with a title row: "VIDEO CLIP", "NHẠC CHO BÉ") are blocks, not items.
    if (items[0]!.name === 'table' && items.some((it) => ctx.dom.find(it, 'tr').slice(0, 1).some((tr) => ctx.isHeadingLike(tr)))) continue;
    if (p.name === 'tr' || p.name === 'tbody' || p.name === 'table') {
      // Layout tables hold the page; only small cells (album grids) or rows of a table without nested tables are items.
      if (items.some((it) => ctx.dom.charCount(it) > 600 || ctx.dom.find(it, 'table').length)) continue;
      if (p.name === 'tr' && !items.every((it) => ctx.dom.find(it, 'img').length || ctx.dom.find(it, 'a').some((a) => titleLinkScore(ctx, a, it) >= 2))) continue;
    }
    // The block around the article itself is the page, not an item.
    if (ctx.articleBody && items.some((it) => ctx.dom.contains(it, ctx.articleBody!))) continue;
    if (items.some(holdsMenu)) continue;
    out.push({ container: p, items, unlinked: items.every((it) => it.name !== 'a' && !links.count(it)) });
  }
  return out;
}

/**
 * A block of one item: a teaser (item-like element, short, with a title link and a picture or a
 * date), or any item under a heading of its own ("THÔNG BÁO" over a single notice).
 */
function singleItemList(ctx: PageContext, container: El, item: El, marks: Marks): boolean {
  if (ctx.dom.charCount(item) > 800) return false;
  const teaser =
    (item.name === 'article' || ctx.dom.classes(item).some((c) => ITEMISH.test(c))) &&
    ctx.dom.find(item, 'a').some((a) => !!ctx.urls.resolve(a.attribs.href) && titleLinkScore(ctx, a, item) >= 2) &&
    (ctx.dom.find(item, 'img', 'time').length > 0 || /\d{1,2}\/\d{1,2}\/\d{2,4}/.test(textOf(item)));
  if (teaser) return true;
  if (!marks.dated.has(item) && !marks.media.has(item)) return false;
  // Without a link, only an element made to hold one entry: not the article block of a post page.
  if (!ctx.dom.find(item, 'a').length && !['li', 'article', 'figure', 'details', 'dt', 'dd'].includes(item.name) && !ctx.dom.classes(item).some((c) => ITEMISH.test(c))) return false;
  const lead = childEls(container).find((k) => ctx.dom.charCount(k) > 0);
  const heading = lead && lead !== item && ctx.dom.order(lead) < ctx.dom.order(item) && ctx.isHeadingLike(lead) ? lead : ctx.blockHeading(container, 2)?.el;
  // The page's own title over its content is not a column heading.
  if (!heading || heading.name === 'h1') return false;
  const text = normaliseVi(ctx.headingText(heading));
  const title = ctx.dom.byTag('title')[0];
  return text !== normaliseVi(ctx.pageHeading) && (!title || text !== normaliseVi(textOf(title)));
}

/** Text directly in `p` (not in its children) is only separators: a run of links, not a sentence. */
function onlySeparators(p: El): boolean {
  const direct = p.children.filter((c) => c.type === 'text').map((c) => c.data ?? '').join('');
  return !/[\p{L}\p{N}]/u.test(direct);
}

/**
 * Outer blocks whose items mostly hold inner blocks (tab panes, columns) give way to the inner
 * ones; items that hold parts of themselves (the photos of an album block) stay whole. Weighed by
 * links, an item without a link weighing one.
 */
function dropNested(ctx: PageContext, all: Candidate[], links: LinkIndex): Candidate[] {
  const dropped = new Set<Candidate>();
  const weight = (els: El[]) => els.reduce((n, el) => n + Math.max(1, links.count(el)), 0);
  for (const outer of all) {
    const nested = all.filter((c) => c !== outer && c.container !== outer.container && outer.items.some((it) => ctx.dom.contains(it, c.container)));
    // One teaser inside an item of a list is that item, not a list.
    for (const c of nested) if (c.items.length === 1) dropped.add(c);
    const inner = nested.filter((c) => c.items.length >= 2);
    if (!inner.length) continue;
    // Only the outermost inner blocks count.
    const top = inner.filter((c) => !inner.some((o) => o !== c && ctx.dom.contains(o.container, c.container)));
    const innerWeight = top.reduce((n, c) => n + weight(c.items), 0);
    const outerWeight = weight(outer.items);
    if (innerWeight * 2 >= outerWeight && innerWeight > outer.items.length) dropped.add(outer);
    else for (const c of inner) dropped.add(c);
  }
  return all.filter((c) => !dropped.has(c));
}

function titleLinkScore(ctx: PageContext, a: El, item: El): number {
  let score = 0;
  for (let cur: El | null = a, i = 0; cur && cur !== item && i < 4; cur = parentEl(cur), i++) {
    if (HEADING_TAGS.has(cur.name)) score = Math.max(score, 3);
    else if (ctx.dom.names(cur).some((t) => TITLE_TOKEN.test(t))) score = Math.max(score, 2);
    if (attr(cur, 'itemprop') === 'name' || attr(cur, 'itemprop') === 'headline') score = Math.max(score, 2);
  }
  return score;
}

function titleOf(a: El): string {
  const text = linkLabel(a);
  const t = cleanText(attr(a, 'title'));
  // "Tên: (Hướng dẫn …)" with title="Hướng dẫn …": the attribute is the clean title.
  if (t && t.length < text.length && normaliseVi(text).includes(normaliseVi(t))) return t;
  return text;
}

// Generic labels are short: longer ones are titles, and need no normalising.
const isGeneric = (label: string) => label.length <= 30 && GENERIC_LINK.test(normaliseVi(label).replace(/\s+(»|›|>)$/, ''));

/**
 * Dates shown in the item, in order. Dates in its title say what the item is about (a week, an
 * event): they are `other` unless words before them say more.
 */
function itemDates(ctx: PageContext, reader: DateReader, timeline: PageTimeline, item: El, titleLink: El | null, titleEl: El | null): DateFact[] {
  const out: DateFact[] = [];
  for (const t of ctx.dom.find(item, 'time')) {
    const f = timeline.times.get(t);
    if (f) out.push(f);
  }
  for (const m of ctx.dom.find(item, 'meta')) {
    if (!/date/i.test(attr(m, 'itemprop'))) continue;
    const f = reader.fromIso(attr(m, 'content'), attr(m, 'content'), 'meta', /modified/i.test(attr(m, 'itemprop')) ? 'updated' : 'published');
    if (f) out.push(f);
  }
  if (item.name === 'a') return out; // a bare link: its text is its title
  const segs = timeline.within(item);
  const title = titleLink ? textOf(titleLink) : '';
  const order = [...segs.filter((s) => !s.link), ...segs.filter((s) => s.link && s.link !== titleLink && s.text !== title)];
  for (const s of order) {
    if (out.length >= MAX_ITEM_DATES) break;
    // A date inside the teaser's prose ("Thực hiện Công văn … ngày 01/10/2021") is not the post's date.
    if (s.text.length > 60 && !isDateSpot(ctx, s.el)) continue;
    const inTitle = !!titleEl && (s.el === titleEl || ctx.dom.contains(titleEl, s.el));
    out.push(...reader.fromText(s.text, 'text', inTitle ? 'other' : 'published').slice(0, MAX_ITEM_DATES - out.length));
  }
  return out;
}

/** The item's date: the first posting date shown, else its first date. */
function mainDate(dates: DateFact[]): DateFact | undefined {
  return dates.find((d) => d.role === 'published' || d.role === 'updated') ?? dates.find((d) => d.role !== 'expires' && d.role !== 'event') ?? undefined;
}

function itemSummary(ctx: PageContext, item: El, title: string, titleLink: El | null): string | undefined {
  for (const el of ctx.dom.descendants(item)) {
    if (!el.attribs.class && !el.attribs.itemprop) continue;
    if (!isBlock(el.name) && el.name !== 'span') continue;
    if (!ctx.dom.classes(el).some((c) => SUMMARY_TOKEN.test(c)) && attr(el, 'itemprop') !== 'description') continue;
    if (titleLink && ctx.dom.contains(el, titleLink)) continue;
    const t = textOf(el);
    if (t && t !== title) return t.slice(0, 300);
  }
  return undefined;
}

/** The item's text without its dates: the title of a notice typed on one line. */
function plainTitle(text: string, dates: DateFact[]): string {
  let t = text;
  for (const d of dates) {
    const i = t.indexOf(d.text);
    if (d.text.length < 40 && i >= 0) t = t.slice(0, i) + t.slice(i + d.text.length);
  }
  t = cleanText(t.replace(/\(\s*\)|\[\s*\]/g, ' ')).replace(/^[\s\-–—:|,.(]+|[\s\-–—:|,(]+$/g, '');
  return t.length > 160 ? `${t.slice(0, 157)}…` : t;
}

interface Built {
  fact: ListItemFact;
  /** The item shows a title in text or a real picture. */
  visible: boolean;
}

function buildItem(ctx: PageContext, reader: DateReader, timeline: PageTimeline, item: El): Built | null {
  const anchors = (item.name === 'a' ? [item] : ctx.dom.find(item, 'a')).filter((a) => ctx.urls.resolve(a.attribs.href));
  let best: El | null = null;
  let bestScore = -Infinity;
  for (const a of anchors) {
    const label = linkLabel(a);
    const generic = !label || isGeneric(label);
    const file = DOCUMENT_EXTS.has(fileExtension(ctx.urls.resolve(a.attribs.href) ?? ''));
    const score = titleLinkScore(ctx, a, item) * 1000 + Math.min(textOf(a).length, 999) + (generic ? -2000 : 0) + (file ? -500 : 0);
    if (score > bestScore) {
      best = a;
      bestScore = score;
    }
  }
  const bestLabel = best ? titleOf(best) : '';
  const named = titleElement(ctx, item);
  // A link that says "Xem chi tiết" or "Tải về", or an empty one over a card, is not the title.
  const titleFromItem = !best || !bestLabel || isGeneric(bestLabel) || (named && !ctx.dom.contains(named, best) && titleLinkScore(ctx, best, item) === 0 && ctx.dom.charCount(named) > bestLabel.length);
  const url = best ? (ctx.urls.resolve(best.attribs.href) ?? undefined) : undefined;
  const dates = itemDates(ctx, reader, timeline, item, titleFromItem ? null : best, titleFromItem ? named : null);
  let title = titleFromItem ? (named ? titleText(ctx, named) : '') : bestLabel;
  if (!title) title = item.name === 'a' ? bestLabel : plainTitle(textOf(item, { limit: 600, maxNodes: 600, skip: (el) => el.name === 'a' && isGeneric(linkLabel(el)) }), dates);
  if (!title && !url) return null;
  const fact: ListItemFact = { title: title || url! };
  if (url) fact.url = url;
  const date = mainDate(dates);
  if (date) fact.date = date;
  if (dates.length > 1 || (dates.length === 1 && dates[0] !== date)) fact.dates = dates.slice(0, MAX_ITEM_DATES);
  const imgs = (item.name === 'img' ? [item] : ctx.dom.find(item, 'img')).filter((i) => !/^\s*(\d|[1-3]\d)\s*(px)?\s*$/.test(attr(i, 'width')));
  const src = imgs[0] ? imageSrc(ctx, imgs[0]) : null;
  if (src) fact.image = src;
  const photos = imgs.filter((i) => imageSrc(ctx, i)).length;
  if (photos > 1) fact.images = photos;
  const video = itemVideo(ctx, item);
  if (video) fact.video = video;
  const summary = itemSummary(ctx, item, title, best);
  if (summary) fact.summary = summary;
  if (item.name !== 'a') {
    // Kept when the item shows more than its title, summary and dates ("Môn: Toán", "Khối: 3").
    const all = textOf(item).slice(0, 500);
    let rest = all;
    for (const part of [title, summary ?? '', ...dates.map((d) => d.text)]) if (part && part.length < 200) rest = rest.replace(part, ' ');
    if (rest.replace(/[^\p{L}]/gu, '').length > 20) fact.text = all;
  }
  const visible = !!title && title !== url ? true : !!src && !/no-?image|noimage|default/i.test(src);
  return { fact, visible };
}

/** A player shown in the item itself: `<video>`, or an embed of a video site. */
function itemVideo(ctx: PageContext, item: El): VideoFact | undefined {
  for (const el of ctx.dom.find(item, 'video', 'iframe', 'embed', 'source')) {
    const src = ctx.urls.resolve(attr(el, 'src') || attr(el, 'data-src'));
    if (!src) continue;
    const kind = el.name === 'video' || el.name === 'source' ? 'html5' : videoKind(src);
    if (kind) return { kind, src };
  }
  return undefined;
}

function dedupeItems(items: ListItemFact[]): ListItemFact[] {
  const seen = new Set<string>();
  return items.filter((it) => {
    const k = `${it.url ?? ''}\u0000${it.title}\u0000${it.url ? '' : (it.date?.date ?? '')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Document tables with detail links ("Tên văn bản", "Trích yếu" …) as lists of documents. */
function tableLists(ctx: PageContext, reader: DateReader, tables: TableInfo[], people: Set<El>): Found[] {
  const out: Found[] = [];
  tables.forEach((t, index) => {
    if (people.has(t.el) || !t.fact.headers.length) return;
    const titleCol = t.headerKeys.findIndex((h) => /^(ten|tieu de|trich yeu|noi dung|ten van ban|ten tai lieu|van ban|tai lieu)/.test(h));
    const items: ListItemFact[] = [];
    t.rows.forEach((cells, r) => {
      const facts = t.fact.rows[r]!;
      const col = titleCol >= 0 && facts[titleCol]?.text ? titleCol : facts.findIndex((c) => c.links.some((u) => !DOCUMENT_EXTS.has(fileExtension(u))) && c.text);
      if (col < 0) return;
      const cell = facts[col]!;
      const url = cell.links.find((u) => !DOCUMENT_EXTS.has(fileExtension(u))) ?? cell.links[0];
      if (!url && titleCol < 0) return;
      const item: ListItemFact = { title: cell.text || url! };
      if (url) item.url = url;
      const dates: DateFact[] = [];
      for (let c = 0; c < facts.length && dates.length < MAX_ITEM_DATES; c++) {
        dates.push(...reader.fromText(facts[c]!.text, 'text', c === col ? 'other' : 'published', t.fact.headers[c] ?? ''));
      }
      const date = mainDate(dates.filter((d) => d.role !== 'other' || dates.every((x) => x.role === 'other')));
      if (date) item.date = date;
      if (dates.length > 1) item.dates = dates.slice(0, MAX_ITEM_DATES);
      const img = ctx.dom.find(cells[col]!, 'img')[0];
      const src = img ? imageSrc(ctx, img) : null;
      if (src) item.image = src;
      items.push(item);
    });
    // A table of documents names its title column; other tables (timetables, menus) are lists only when their rows link.
    if (!items.length || !(items.some((i) => i.url) || (titleCol >= 0 && (t.fact.rows.some((r) => r.some((c) => c.links.length)) || items.some((i) => i.date))))) return;
    out.push({ container: t.el, headingEl: null, heading: t.fact.caption, side: false, items: items.slice(0, MAX_ITEMS), itemEls: t.rows.map((cells) => parentEl(cells[0]!)!).filter(Boolean), table: index });
  });
  return out;
}

export function extractLists(
  ctx: PageContext,
  reader: DateReader,
  timeline: PageTimeline,
  tables: TableInfo[],
  peopleTables: Set<El>,
): ListFact[] {
  const links = new LinkIndex(ctx);
  const marks = new Marks(ctx, reader, timeline);
  const dataTables = new Set(tables.filter((t) => t.fact.headers.length).map((t) => t.el));
  const kept = dropNested(ctx, candidates(ctx, links, marks, dataTables), links);
  const found: Found[] = [];
  for (const c of kept) {
    // The title may open the block itself (<section><h2>Tin mới</h2><article>…), else it is above it.
    const first = c.items[0]!;
    const lead = childEls(c.container).find((k) => ctx.dom.charCount(k) > 0);
    const h =
      lead && !c.items.includes(lead) && ctx.dom.order(lead) < ctx.dom.order(first) && ctx.isHeadingLike(lead)
        ? { el: lead, text: ctx.headingText(lead) }
        : ctx.blockHeading(c.container);
    for (const it of c.items) ctx.listItemEls.add(it);
    const built = c.items.map((it) => buildItem(ctx, reader, timeline, it)).filter((x): x is Built => !!x);
    // Rows of icons with only a tooltip ("Liên kết website" logos) are not a list of posts.
    if (!built.some((b) => b.visible)) continue;
    const items = dedupeItems(built.map((b) => b.fact));
    if (!items.length) continue;
    // A list dated by its heading ("Danh sách học sinh tiêu biểu tháng 10 - ngày 28/10/2026").
    if (h && items.every((i) => !i.date)) {
      const d = reader.fromText(h.text, 'text', 'published')[0];
      if (d) for (const i of items) i.date = d;
    }
    found.push({ container: c.container, headingEl: h?.el ?? null, heading: h?.text ?? '', side: false, items, itemEls: c.items, unlinked: c.unlinked });
  }
  found.push(...tableLists(ctx, reader, tables, peopleTables));
  found.sort((a, b) => ctx.dom.order(a.container) - ctx.dom.order(b.container));

  // Pieces of one block under one heading (a tab's big first post and its other posts) are one list.
  const merged: Found[] = [];
  const byHeading = new Map<El, Found>();
  for (const f of found) {
    const same = f.headingEl ? byHeading.get(f.headingEl) : undefined;
    if (same && same.table === undefined && f.table === undefined) {
      same.items = dedupeItems([...same.items, ...f.items]);
      continue;
    }
    if (f.headingEl) byHeading.set(f.headingEl, f);
    merged.push(f);
  }

  const article = ctx.articleBody && ctx.dom.charCount(ctx.articleBody) >= ARTICLE_CHARS ? ctx.articleBody : null;
  for (const f of merged) {
    const inHeader = !!closest(f.container, (e) => e.name === 'header' || e.name === 'nav', 64);
    const inTicker = [...ctx.tickerEls].some((t) => ctx.dom.contains(t, f.container) || ctx.dom.contains(f.container, t));
    const besideArticle = !!article && !ctx.dom.contains(article, f.container) && !ctx.dom.contains(f.container, article);
    f.side = ctx.home || inHeader || inTicker || besideArticle || !!ctx.region(f.container) || RELATED.test(normaliseVi(f.heading));
  }
  // Text blocks inside an article are its parts unless they make up most of it (a category shown as text).
  const articleChars = ctx.articleBody ? ctx.dom.charCount(ctx.articleBody) : 0;
  const partOfArticle = (f: Found) =>
    !!f.unlinked && articleChars > 0 && f.itemEls.reduce((n, el) => n + ctx.dom.charCount(el), 0) < articleChars * 0.6;
  // The largest block is the page's list; dated items weigh more than a run of bare links.
  const weight = (f: Found) => f.items.length + f.items.filter((i) => i.date).length;
  let main: Found | null = null;
  for (const f of merged) if (!f.side && !partOfArticle(f) && (!main || weight(f) > weight(main))) main = f;
  if (main) ctx.contentBlocks.push(main.container);
  for (const f of merged) if (f.side) for (const el of f.itemEls) ctx.sideItemEls.add(el);

  return merged.slice(0, MAX_LISTS).map((f) => ({
    heading: f === main && !f.heading ? ctx.pageHeading : f.heading,
    main: f === main,
    items: f.items.slice(0, MAX_ITEMS),
    ...(f.table !== undefined ? { table: f.table } : {}),
  }));
}
