/**
 * What every extractor of one page shares: the DOM index, URL resolution, the fetch instant, and
 * the page's regions (menus, sidebars, footer) and block headings, computed once and memoised.
 */
import type { CheerioAPI } from 'cheerio';
import { PageDom, type El, attr, childEls, closest, parentEl, prevEl, textOf, HEADING_TAGS } from './dom.js';
import { UrlResolver } from './urls.js';

/** Classes that mark a state of one item (the active tab, the visible slide), not its kind. */
const STATE_CLASSES =
  /(?<=^|\s)(active|hidden|first|last|odd|even|selected|current|open|show|in|clearfix|first-item|last-item|last-child|first-child|last-li|item-\d+|\d+)(?=\s|$)/g;

export type Region = 'nav' | 'sidebar' | 'footer';

/** Class/id tokens of side columns. Exact tokens: QI's main column is `right_detail_content`. */
const SIDE_TOKEN =
  /^(col-left|col-right|sidebar|side-bar|sidebar-(left|right)|(left|right)-sidebar|left_detail_content|left-col(umn)?|right-col(umn)?|leftcol|rightcol|colleft|colright|cot-?trai|cot-?phai|widget-area|secondary|box-left|box-right|left-content|right-content)$/;
const COUNTER_TOKEN = /statistic|thongke|thong-ke|thong_ke|counter|truycap|truy-cap|visitor|tongtruycap|luottruycap|^online$/;
const FOOTER_TOKEN = /footer|^region-bottom$|^bottom$|^chan-trang$/;
const HEADING_TOKEN = /title|heading|tieude|tieu-de|caption/;
/** Where the upward search for a block's heading stops: page columns and regions. */
const COLUMN_TOKEN = /^(column|columns|col-(left|right|center|main)|container|container-fluid|sidebar|region-.*|wrapper|page-content|whole-page|main-content)$/;

export class PageContext {
  readonly dom: PageDom;
  readonly urls: UrlResolver;
  /** Fetch instant; null when `fetchedAt` was not a date. */
  readonly fetchedAt: Date | null;
  /** Whether the page is a portal's home page (its blocks are all side blocks). */
  home = false;
  /** Last breadcrumb label, else the page's own h1, else its title: the page's own heading. */
  pageHeading = '';
  /** Elements that are tickers: their items are not lists. */
  readonly tickerEls = new Set<El>();
  /** Items of the lists found (dates inside them are publication dates). */
  readonly listItemEls = new Set<El>();
  /** Items of side lists ("Tin liên quan", "Tin mới"): their dates are other posts', not the page's. */
  readonly sideItemEls = new Set<El>();
  /** The article body when a known container (or a single <article>) holds it. */
  articleBody: El | null = null;
  /** Blocks that are the page's own content besides the article body (the main list, staff cards). */
  readonly contentBlocks: El[] = [];

  private readonly menuMemo = new Map<El, boolean>();
  private readonly rootMemo = new Map<El, El | null>();

  constructor(
    readonly $: CheerioAPI,
    root: unknown,
    finalUrl: string,
    fetchedAt: string,
  ) {
    this.dom = new PageDom(root as PageDom['root']);
    const base = this.dom.byTag('base').find((b) => attr(b, 'href'));
    this.urls = new UrlResolver(finalUrl, base ? attr(base, 'href') : undefined);
    const t = new Date(fetchedAt);
    this.fetchedAt = Number.isNaN(t.getTime()) ? null : t;
  }

  private readonly counterMemo = new Map<El, boolean>();

  /** A visitor counter block ("Hôm nay : 38", "Tháng trước : 4.377"): never dates, phones or content. */
  isCounter(el: El): boolean {
    let v = this.counterMemo.get(el);
    if (v === undefined) {
      v = this.dom.names(el).some((t) => COUNTER_TOKEN.test(t));
      this.counterMemo.set(el, v);
    }
    return v;
  }

  // ───────────── menus ─────────────

  /** A menu container: nav, role=navigation, `.nav`, `.navbar`, `*menu*`, `.navi-list`, `.dd-nav` … */
  isMenu(el: El): boolean {
    let v = this.menuMemo.get(el);
    if (v === undefined) {
      v = this.computeIsMenu(el);
      this.menuMemo.set(el, v);
    }
    return v;
  }

  private computeIsMenu(el: El): boolean {
    // Most elements name neither a menu nor a nav: leave them at once.
    if (el.name !== 'nav' && !el.attribs.role && !/nav|menu/i.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`)) return false;
    const names = this.dom.names(el);
    if (names.some((t) => /breadcrumb|pagination|pager|phan-trang|nav-tabs|nav-pills|tab-header|share|social/.test(t))) return false;
    if (attr(el, 'aria-label').toLowerCase().includes('breadcrumb')) return false;
    const role = attr(el, 'role').toLowerCase();
    let menuish = el.name === 'nav' || role === 'navigation' || role === 'menubar' || role === 'menu';
    if (!menuish) {
      for (const t of names) {
        if (
          t === 'nav' ||
          t === 'navbar' ||
          t.startsWith('navbar-nav') ||
          t === 'navi-list' ||
          t === 'dd-nav' ||
          t === 'navigation' ||
          t.startsWith('main-nav') ||
          (t.includes('menu') && t !== 'menutime') ||
          /^(menu|nav)\d*$/.test(t)
        ) {
          menuish = true;
          break;
        }
      }
    }
    if (!menuish) return false;
    // A menu is mostly links: a wrapper named "menu" around a whole article is not.
    const links = this.dom.find(el, 'a').length;
    if (!links) return false;
    return this.dom.charCount(el) / links <= 150;
  }

  /** The outermost menu container around `el`, or null. */
  menuRoot(el: El): El | null {
    const memo = this.rootMemo.get(el);
    if (memo !== undefined) return memo;
    let found: El | null = null;
    const chain: El[] = [];
    for (let cur: El | null = el; cur; cur = parentEl(cur)) {
      const m = this.rootMemo.get(cur);
      if (m !== undefined) {
        // Everything above `cur` was already decided for `cur`.
        if (m) found = m;
        break;
      }
      chain.push(cur);
      if (this.isMenu(cur)) found = cur;
    }
    // `found` is the outermost menu over the whole chain; memoise for the chain.
    for (const c of chain) {
      const inside = found && this.dom.contains(found, c) ? found : null;
      this.rootMemo.set(c, inside);
    }
    return this.rootMemo.get(el) ?? null;
  }

  // ───────────── regions ─────────────

  /** footer / sidebar when `el` sits in one, else null. */
  region(el: El): Region | null {
    return this.flags(el).region;
  }

  /** In a header, a nav, a menu, a sidebar or the footer: not the page's own content. */
  inChrome(el: El): boolean {
    const f = this.flags(el);
    return !!f.region || f.headerNav || !!this.menuRoot(el);
  }

  private readonly flagMemo = new Map<El, { region: Region | null; headerNav: boolean }>();

  /** Region flags inherited from ancestors, memoised; iterative (pages nest thousands deep). */
  private flags(el: El): { region: Region | null; headerNav: boolean } {
    const memo = this.flagMemo.get(el);
    if (memo) return memo;
    const chain: El[] = [];
    let inherited: { region: Region | null; headerNav: boolean } = { region: null, headerNav: false };
    for (let cur: El | null = el; cur; cur = parentEl(cur)) {
      const m = this.flagMemo.get(cur);
      if (m) {
        inherited = m;
        break;
      }
      chain.push(cur);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const c = chain[i]!;
      const names = this.dom.names(c);
      let region = inherited.region;
      if (region !== 'footer' && (c.name === 'footer' || names.some((t) => FOOTER_TOKEN.test(t)))) region = 'footer';
      else if (!region && names.some((t) => SIDE_TOKEN.test(t))) region = 'sidebar';
      const f = { region, headerNav: inherited.headerNav || c.name === 'header' || c.name === 'nav' };
      this.flagMemo.set(c, f);
      inherited = f;
    }
    return this.flagMemo.get(el)!;
  }

  // ───────────── headings of blocks ─────────────

  /** Heading-like: h1–h6, or a short element named title/heading/tieude holding at most a couple of links. */
  isHeadingLike(el: El, depth = 0): boolean {
    if (HEADING_TAGS.has(el.name)) return this.dom.charCount(el) > 0;
    const chars = this.dom.charCount(el);
    if (chars === 0 || chars > 150) return false;
    if (this.dom.find(el, 'a').length > 2 || this.dom.find(el, 'li').length > 1) return false;
    if (this.dom.names(el).some((t) => HEADING_TOKEN.test(t))) return true;
    // A wrapper of one titled element: the title row of an old portal's box (<tr><td class="boxcenter_title">).
    const kids = childEls(el).filter((k) => this.dom.charCount(k) > 0);
    const teaser = this.dom.find(el, 'img').length > 0 || this.dom.find(el, 'a').length > 1;
    if (!teaser && depth < 3 && kids.length === 1 && this.dom.charCount(kids[0]!) === chars && this.isHeadingLike(kids[0]!, depth + 1)) return true;
    // A plain wrapper around exactly one heading ("<div><h2>Tin mới</h2></div>"), not a teaser; a
    // "Xem tất cả" link beside the heading is part of the title bar.
    const hs = this.dom.find(el, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6');
    if (hs.length !== 1 || this.dom.find(el, 'img').length) return false;
    const own = this.dom.charCount(hs[0]!);
    if (own === chars) return this.dom.find(el, 'a').length <= 1;
    const outside = this.dom.find(el, 'a').filter((a) => !this.dom.contains(hs[0]!, a));
    return outside.length === 1 && own + this.dom.charCount(outside[0]!) === chars && this.dom.charCount(outside[0]!) <= 20;
  }

  /** The title a heading-like element shows: the heading inside a title bar, without a trailing colon. */
  headingText(el: El): string {
    const inner = HEADING_TAGS.has(el.name) ? null : this.dom.find(el, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6');
    const source = inner && inner.length === 1 ? inner[0]! : el;
    return textOf(source).replace(/\s*[:：]\s*$/, '');
  }

  /**
   * The title of the block `start` belongs to: walking up at most `maxUp` levels, the nearest
   * non-empty preceding sibling that is heading-like (siblings shaped like `start`, e.g. the
   * previous staff card, are passed over), or the label of the Bootstrap tab pane it is in.
   * Stops at page columns. Returns the heading element (or tab link) and its text.
   */
  blockHeading(start: El, maxUp = 8, skip?: (el: El) => boolean): { el: El; text: string } | null {
    let cur: El | null = start;
    for (let level = 0; cur && level <= maxUp; level++) {
      const sig = this.signature(cur);
      let seen = 0;
      for (let sib = prevEl(cur); sib && seen < 60; sib = prevEl(sib), seen++) {
        if (this.dom.charCount(sib) === 0) continue;
        if (this.isHeadingLike(sib)) {
          const text = this.headingText(sib);
          if (text) return { el: sib, text };
        }
        // The previous card or post of the same run is passed over (a title row of a table is not).
        if (this.signature(sib) === sig || skip?.(sib)) continue;
        break;
      }
      const tab = this.tabLabel(cur);
      if (tab) return tab;
      const up: El | null = parentEl(cur);
      if (!up || up.name === 'body' || up.name === 'html' || up.name === 'main') return null;
      if (this.dom.names(up).some((t) => COLUMN_TOKEN.test(t))) return null;
      cur = up;
    }
    return null;
  }

  private tabIndex: Map<string, El> | null = null;

  /**
   * `<div id="tab19-1" class="tab-pane">` → the text of the control that shows it: `<a href="#tab19-1">`,
   * a Bootstrap 5 `<button data-bs-target="#tab19-1">`, anything with `aria-controls="tab19-1"`, or the
   * element the pane's `aria-labelledby` names. A hidden pane (not the active tab) is content all the same.
   */
  private tabLabel(el: El): { el: El; text: string } | null {
    const id = attr(el, 'id');
    if (!id) return null;
    const paneish =
      attr(el, 'role') === 'tabpanel' || this.dom.classes(el).some((c) => c.includes('tab-pane') || c === 'tab' || c === 'tabcontent' || c.includes('tabs-panel') || c === 'tab-content-item');
    if (!this.tabIndex) {
      this.tabIndex = new Map();
      const add = (key: string, control: El) => {
        if (key && !this.tabIndex!.has(key)) this.tabIndex!.set(key, control);
      };
      for (const a of this.dom.byTag('a')) {
        const h = attr(a, 'href');
        if (h.startsWith('#') && h.length > 1) add(h.slice(1), a);
      }
      for (const c of this.dom.els) {
        const target = attr(c, 'data-bs-target') || attr(c, 'data-target');
        if (target.startsWith('#')) add(target.slice(1), c);
        if (c.attribs['aria-controls']) add(attr(c, 'aria-controls'), c);
      }
    }
    let control = this.tabIndex.get(id);
    const labelledBy = attr(el, 'aria-labelledby');
    if (!control && labelledBy) control = this.dom.els.find((e) => attr(e, 'id') === labelledBy);
    if (!control) return null;
    // A control inside a tab bar (role=tablist, .nav-tabs, jQuery UI's ul) names a pane whatever its class.
    const inTabBar = !!closest(control, (e) => attr(e, 'role') === 'tablist' || this.dom.names(e).some((t) => /tabs?$|nav-tabs|nav-pills|tablist/.test(t)), 4);
    if (!paneish && !inTabBar) return null;
    const text = textOf(control);
    return text ? { el: control, text } : null;
  }

  /** Tag plus class list without state classes: "same kind of element" for repeated blocks. */
  signature(el: El): string {
    const memo = this.sigMemo.get(el);
    if (memo) return memo;
    const cls = (el.attribs.class ?? '')
      .toLowerCase()
      .replace(STATE_CLASSES, ' ')
      .trim()
      .replace(/\s+/g, '.');
    const sig = `${el.name}.${cls}`;
    this.sigMemo.set(el, sig);
    return sig;
  }

  private readonly sigMemo = new Map<El, string>();

}
