/**
 * Repeated link blocks: the posts of a category page, album and video carousels, home-page columns
 * ("THÔNG BÁO", "Tin mới"), "Tin liên quan" boxes, document tables. A block is a container whose
 * children of one kind each hold a link; its heading is the title element above it. Menus, tickers,
 * breadcrumbs, pagination and share buttons are not lists.
 */
import { cleanText, normaliseVi } from '../normalise.js';
import type { DateFact, ListFact, ListItemFact } from '../types.js';
import type { PageContext } from './context.js';
import { type El, attr, childEls, closest, isBlock, parentEl, textOf, HEADING_TAGS } from './dom.js';
import { imageSrc } from './media.js';
import { linkLabel } from './navigation.js';
import { type DateReader, type PageTimeline, isDateSpot } from './page-dates.js';
import type { TableInfo } from './tables.js';
import { DOCUMENT_EXTS, fileExtension } from './urls.js';

const MAX_LISTS = 100;
const MAX_ITEMS = 500;
const NOT_LIST_TOKEN = /breadcrumb|pagination|pager|phan-trang|share|social|mxh|nav-tabs|tags?$|keyword|ngonngu|language|lang-/;
const INLINE_ITEM = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'font', 'small', 'label']);
const ITEMISH = /item|post|news|entry|person|card|tin|bai/;
const TITLE_TOKEN = /title|tieude|tieu-de|name|headline/;
const SUMMARY_TOKEN = /brief|desc|summary|sapo|excerpt|teaser|mota|mo-ta|tomtat|tom-tat|intro|post-content/;
/** Headings of side boxes on a detail or category page. */
const RELATED =
  /lien quan|cung chuyen muc|tin khac|bai khac|cac tin|doc nhieu|xem nhieu|tin moi|moi nhat|moi cap nhat|noi bat|tieu diem|duoc quan tam|da dua|bai viet khac|thong ke|lien ket|quang cao/;

interface Candidate {
  container: El;
  items: El[];
}

interface Found {
  container: El;
  headingEl: El | null;
  heading: string;
  side: boolean;
  items: ListItemFact[];
  itemEls: El[];
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
  // Rows of a data table with a header are read by tableLists(); other tables are layout.
  if (el.name === 'table' || el.name === 'tbody' || el.name === 'tr') {
    const table = closest(el, (e) => e.name === 'table', 2);
    if (table && dataTables.has(table)) return true;
  }
  if (ctx.menuRoot(el)) return true;
  for (let cur: El | null = el, i = 0; cur && i < 12; cur = parentEl(cur), i++) {
    if (ctx.dom.names(cur).some((t) => NOT_LIST_TOKEN.test(t))) return true;
  }
  return false;
}

function candidates(ctx: PageContext, links: LinkIndex, dataTables: Set<El>): Candidate[] {
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
    if (!links.count(p)) continue;
    // Pages list at most a few hundred posts; a longer run is read from its start.
    const kids = childEls(p).slice(0, 2000);
    if (!kids.length) continue;
    const groups = new Map<string, El[]>();
    for (const k of kids) {
      if (!links.count(k) && k.name !== 'a') continue;
      if (k.name === 'a' && !ctx.urls.resolve(k.attribs.href)) continue;
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
    if (items.length === 1 && !singleItemList(ctx, items[0]!)) continue;
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
    out.push({ container: p, items });
  }
  return out;
}

/** A block of one teaser: an item-like element, short, with a title link and a picture or a date. */
function singleItemList(ctx: PageContext, item: El): boolean {
  if (ctx.dom.charCount(item) > 800) return false;
  if (item.name !== 'article' && !ctx.dom.classes(item).some((c) => ITEMISH.test(c))) return false;
  if (!ctx.dom.find(item, 'a').some((a) => titleLinkScore(ctx, a, item) >= 2)) return false;
  return ctx.dom.find(item, 'img', 'time').length > 0 || /\d{1,2}\/\d{1,2}\/\d{2,4}/.test(textOf(item));
}

/** Text directly in `p` (not in its children) is only separators: a run of links, not a sentence. */
function onlySeparators(p: El): boolean {
  const direct = p.children.filter((c) => c.type === 'text').map((c) => c.data ?? '').join('');
  return !/[\p{L}\p{N}]/u.test(direct);
}

/** Outer blocks whose items mostly hold inner blocks (tab panes, columns) give way to the inner ones. */
function dropNested(ctx: PageContext, all: Candidate[], links: LinkIndex): Candidate[] {
  const dropped = new Set<Candidate>();
  for (const outer of all) {
    const nested = all.filter((c) => c !== outer && c.container !== outer.container && outer.items.some((it) => ctx.dom.contains(it, c.container)));
    // One teaser inside an item of a list is that item, not a list.
    for (const c of nested) if (c.items.length === 1) dropped.add(c);
    const inner = nested.filter((c) => c.items.length >= 2);
    if (!inner.length) continue;
    // Only the outermost inner blocks count.
    const top = inner.filter((c) => !inner.some((o) => o !== c && ctx.dom.contains(o.container, c.container)));
    const innerLinks = top.reduce((n, c) => n + links.count(c.container), 0);
    const outerLinks = outer.items.reduce((n, it) => n + links.count(it), 0);
    if (innerLinks * 2 >= outerLinks) dropped.add(outer);
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

function itemDate(ctx: PageContext, reader: DateReader, timeline: PageTimeline, item: El, titleLink: El | null): DateFact | undefined {
  for (const t of ctx.dom.find(item, 'time')) {
    const f = timeline.times.get(t);
    if (f) return f;
  }
  for (const m of ctx.dom.find(item, 'meta')) {
    if (!/date/i.test(attr(m, 'itemprop'))) continue;
    const f = reader.fromIso(attr(m, 'content'), attr(m, 'content'), 'meta', /modified/i.test(attr(m, 'itemprop')) ? 'updated' : 'published');
    if (f) return f;
  }
  if (item.name === 'a') return undefined; // a bare link: its text is its title
  const segs = timeline.within(item);
  const title = titleLink ? textOf(titleLink) : '';
  const order = [...segs.filter((s) => !s.link), ...segs.filter((s) => s.link && s.link !== titleLink && s.text !== title)];
  for (const s of order) {
    // A date inside the teaser's prose ("Thực hiện Công văn … ngày 01/10/2021") is not the post's date.
    if (s.text.length > 60 && !isDateSpot(ctx, s.el)) continue;
    const f = reader.fromText(s.text, 'text', 'published')[0];
    if (f) return f;
  }
  return undefined;
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

interface Built {
  fact: ListItemFact;
  /** The item shows a title in text or a real picture. */
  visible: boolean;
}

function buildItem(ctx: PageContext, reader: DateReader, timeline: PageTimeline, item: El): Built | null {
  const anchors = (item.name === 'a' ? [item] : ctx.dom.find(item, 'a')).filter((a) => ctx.urls.resolve(a.attribs.href));
  let best: El | null = null;
  let bestScore = -1;
  for (const a of anchors) {
    const label = linkLabel(a);
    const score = titleLinkScore(ctx, a, item) * 1000 + Math.min(textOf(a).length, 999) + (label ? 0 : -2000);
    if (score > bestScore) {
      best = a;
      bestScore = score;
    }
  }
  const title = best ? titleOf(best) : '';
  const url = best ? ctx.urls.resolve(best.attribs.href) ?? undefined : undefined;
  if (!title && !url) return null;
  const fact: ListItemFact = { title: title || url! };
  if (url) fact.url = url;
  const date = itemDate(ctx, reader, timeline, item, best);
  if (date) fact.date = date;
  const img = (item.name === 'img' ? [item] : ctx.dom.find(item, 'img')).find((i) => !/^\s*(\d|[1-3]\d)\s*(px)?\s*$/.test(attr(i, 'width')));
  const src = img ? imageSrc(ctx, img) : null;
  if (src) fact.image = src;
  const summary = itemSummary(ctx, item, title, best);
  if (summary) fact.summary = summary;
  const visible = (!!best && !!textOf(best)) || (!!src && !/no-?image|noimage|default/i.test(src));
  return { fact, visible };
}

function dedupeItems(items: ListItemFact[]): ListItemFact[] {
  const seen = new Set<string>();
  return items.filter((it) => {
    const k = `${it.url ?? ''}\u0000${it.title}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Document tables with detail links ("Tên văn bản", "Trích yếu" …) as lists of documents. */
function tableLists(ctx: PageContext, reader: DateReader, tables: TableInfo[], people: Set<El>): Found[] {
  const out: Found[] = [];
  for (const t of tables) {
    if (people.has(t.el) || !t.fact.headers.length) continue;
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
      for (let c = 0; c < facts.length && !item.date; c++) {
        if (c === col) continue;
        const d = reader.fromText(facts[c]!.text, 'text', 'published', t.fact.headers[c] ?? '')[0];
        if (d) item.date = d;
      }
      const img = ctx.dom.find(cells[col]!, 'img')[0];
      const src = img ? imageSrc(ctx, img) : null;
      if (src) item.image = src;
      items.push(item);
    });
    if (!items.length || !items.some((i) => i.url)) continue;
    out.push({ container: t.el, headingEl: null, heading: t.fact.caption, side: false, items: items.slice(0, MAX_ITEMS), itemEls: t.rows.map((cells) => parentEl(cells[0]!)!).filter(Boolean) });
  }
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
  const dataTables = new Set(tables.filter((t) => t.fact.headers.length).map((t) => t.el));
  const kept = dropNested(ctx, candidates(ctx, links, dataTables), links);
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
    found.push({ container: c.container, headingEl: h?.el ?? null, heading: h?.text ?? '', side: false, items, itemEls: c.items });
  }
  found.push(...tableLists(ctx, reader, tables, peopleTables));
  found.sort((a, b) => ctx.dom.order(a.container) - ctx.dom.order(b.container));

  // Pieces of one block under one heading (a tab's big first post and its other posts) are one list.
  const merged: Found[] = [];
  const byHeading = new Map<El, Found>();
  for (const f of found) {
    const same = f.headingEl ? byHeading.get(f.headingEl) : undefined;
    if (same) {
      same.items = dedupeItems([...same.items, ...f.items]);
      continue;
    }
    if (f.headingEl) byHeading.set(f.headingEl, f);
    merged.push(f);
  }

  for (const f of merged) {
    const inHeader = !!closest(f.container, (e) => e.name === 'header' || e.name === 'nav', 64);
    const inTicker = [...ctx.tickerEls].some((t) => ctx.dom.contains(t, f.container) || ctx.dom.contains(f.container, t));
    f.side = ctx.home || inHeader || inTicker || !!ctx.region(f.container) || RELATED.test(normaliseVi(f.heading));
  }
  let main: Found | null = null;
  for (const f of merged) if (!f.side && (!main || f.items.length > main.items.length)) main = f;
  if (main) ctx.contentBlocks.push(main.container);

  return merged.slice(0, MAX_LISTS).map((f) => ({
    heading: f === main && !f.heading ? ctx.pageHeading : f.heading,
    main: f === main,
    items: f.items.slice(0, MAX_ITEMS),
  }));
}
