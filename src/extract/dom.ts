/**
 * A light index over the parsed document (cheerio with htmlparser2 underneath): every element in
 * document order with its subtree span, visible-text size and tag lists, built in ONE iterative walk.
 * Every walker here is iterative: hostile pages nest tens of thousands of unclosed tags.
 */
import { cleanText } from '../normalise.js';

/** The parts of a domhandler node that extraction reads. */
export interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent: DomNode | null;
  prev?: DomNode | null;
  next?: DomNode | null;
  data?: string;
}

export interface El extends DomNode {
  name: string;
  attribs: Record<string, string>;
  children: DomNode[];
}

export const isEl = (n: DomNode | null | undefined): n is El =>
  !!n && (n.type === 'tag' || n.type === 'script' || n.type === 'style') && typeof n.name === 'string';

/** Elements whose content is never visible text. */
const OPAQUE = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'iframe', 'object']);
/** Not entered by the index (raw text content). */
const RAW = new Set(['script', 'style', 'template']);
/** Form controls: their text is UI chrome ("Roboto", "Gửi liên hệ"), not page content. */
const FORM_CHROME = new Set(['select', 'option', 'optgroup', 'textarea', 'button', 'input']);

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
  'li', 'main', 'marquee', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'body', 'html', 'label',
]);

export const isBlock = (name: string) => BLOCK.has(name);
export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function visibleChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
}

export class PageDom {
  /** Elements in document order. */
  readonly els: El[] = [];
  private readonly pos = new Map<El, number>();
  /** Order of the last descendant of each element. */
  private readonly end: number[] = [];
  /** Visible (non-space) characters in each element's subtree. */
  private readonly chars: number[] = [];
  private readonly tags = new Map<string, El[]>();
  private readonly classCache = new Map<El, string[]>();
  readonly root: DomNode;
  readonly body: El | null;

  constructor(root: DomNode) {
    this.root = root;
    const stack: { node: DomNode; i: number; idx: number; counts: boolean }[] = [{ node: root, i: 0, idx: -1, counts: true }];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const kids = top.node.children ?? [];
      if (top.i >= kids.length) {
        stack.pop();
        if (top.idx >= 0) {
          this.end[top.idx] = this.els.length - 1;
          const up = stack[stack.length - 1];
          if (up && up.idx >= 0) this.chars[up.idx]! += this.chars[top.idx]!;
        }
        continue;
      }
      const c = kids[top.i++]!;
      if (c.type === 'text') {
        if (top.idx >= 0 && top.counts) this.chars[top.idx]! += visibleChars(c.data ?? '');
      } else if (isEl(c)) {
        const idx = this.els.length;
        this.els.push(c);
        this.pos.set(c, idx);
        this.end.push(idx);
        this.chars.push(0);
        let list = this.tags.get(c.name);
        if (!list) this.tags.set(c.name, (list = []));
        list.push(c);
        if (!RAW.has(c.name)) stack.push({ node: c, i: 0, idx, counts: top.counts && !FORM_CHROME.has(c.name) && !OPAQUE.has(c.name) });
      }
    }
    this.body = this.byTag('body')[0] ?? null;
  }

  byTag(name: string): El[] {
    return this.tags.get(name) ?? [];
  }

  order(el: El): number {
    return this.pos.get(el) ?? -1;
  }

  /** Whether `outer` contains `inner` (or is it). */
  contains(outer: El, inner: El): boolean {
    const a = this.pos.get(outer);
    const b = this.pos.get(inner);
    if (a === undefined || b === undefined) return false;
    return b >= a && b <= this.end[a]!;
  }

  /** Document order of the last element of the subtree of `el`. */
  endOrder(el: El): number {
    const a = this.pos.get(el);
    return a === undefined ? -1 : this.end[a]!;
  }

  /** Elements of the subtree of `el` (itself excluded), in document order. */
  descendants(el: El): El[] {
    const a = this.pos.get(el);
    if (a === undefined) return [];
    return this.els.slice(a + 1, this.end[a]! + 1);
  }

  /** Descendants with one of the tag names, in document order. */
  find(el: El, ...names: string[]): El[] {
    const a = this.pos.get(el);
    if (a === undefined) return [];
    const out: El[] = [];
    for (let i = a + 1; i <= this.end[a]!; i++) if (names.includes(this.els[i]!.name)) out.push(this.els[i]!);
    return out;
  }

  /** Visible characters in the subtree (spaces excluded, form chrome excluded). */
  charCount(el: El): number {
    const a = this.pos.get(el);
    return a === undefined ? 0 : this.chars[a]!;
  }

  classes(el: El): string[] {
    let c = this.classCache.get(el);
    if (!c) {
      const raw = el.attribs.class;
      c = raw ? raw.toLowerCase().split(/\s+/).filter(Boolean) : [];
      this.classCache.set(el, c);
    }
    return c;
  }

  /** Class tokens and id, lower case: what "class or id contains …" heuristics look at. */
  names(el: El): string[] {
    const id = el.attribs.id;
    if (!id) return this.classes(el);
    let n = this.namesCache.get(el);
    if (!n) this.namesCache.set(el, (n = [...this.classes(el), id.toLowerCase()]));
    return n;
  }

  private readonly namesCache = new Map<El, string[]>();
}

export function attr(el: El, name: string): string {
  return el.attribs[name] ?? '';
}

export function parentEl(n: DomNode): El | null {
  const p = n.parent;
  return isEl(p) ? p : null;
}

export function prevEl(n: DomNode): El | null {
  for (let p = n.prev ?? null; p; p = p.prev ?? null) if (isEl(p)) return p;
  return null;
}

export function childEls(el: El): El[] {
  return el.children.filter(isEl);
}

/** Nearest ancestor-or-self matching the predicate, at most `limit` levels up. */
export function closest(el: El, pred: (e: El) => boolean, limit = 64): El | null {
  let cur: El | null = el;
  for (let i = 0; cur && i <= limit; i++) {
    if (pred(cur)) return cur;
    cur = parentEl(cur);
  }
  return null;
}

export interface TextOptions {
  /** Subtrees to leave out. */
  skip?: (el: El) => boolean;
  /** Stop collecting after this many characters (raw). */
  limit?: number;
  /** Stop after visiting this many nodes (labels inside 10,000 unclosed tags). */
  maxNodes?: number;
}

/** A label, title or cell never needs more nodes than this; hostile nesting would make reads quadratic. */
const LABEL_NODES = 600;

/**
 * Visible text of a subtree: words of separate blocks (and `<br>`) are kept apart, inline
 * elements are joined as a browser shows them ("Hôm nay :" + "38" → "Hôm nay :38"). Cleaned (NFC).
 */
const textCache = new WeakMap<DomNode, string>();

export function textOf(el: DomNode, opts?: TextOptions): string {
  if (opts) return cleanText(rawText(el, opts));
  // Labels, titles and headings are read by several extractors: read each once.
  let t = textCache.get(el);
  if (t === undefined) textCache.set(el, (t = cleanText(rawText(el, { maxNodes: LABEL_NODES }))));
  return t;
}

export function rawText(el: DomNode, opts: TextOptions = {}): string {
  const parts: string[] = [];
  let size = 0;
  const limit = opts.limit ?? Infinity;
  let budget = opts.maxNodes ?? Infinity;
  const stack: (DomNode | string)[] = [el];
  while (stack.length && size < limit && budget-- > 0) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      parts.push(n);
      continue;
    }
    if (n.type === 'text') {
      const d = n.data ?? '';
      parts.push(d);
      size += d.length;
      continue;
    }
    if (n !== el) {
      if (!isEl(n) || OPAQUE.has(n.name) || FORM_CHROME.has(n.name)) continue;
      if (opts.skip?.(n)) continue;
    }
    const block = isEl(n) && BLOCK.has(n.name);
    if (block) {
      parts.push(' ');
      stack.push(' ');
    }
    const kids = n.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return parts.join('');
}

/** Texts of the block pieces of a subtree, split at blocks and (optionally) at links. */
export interface TextSegment {
  text: string;
  /** The innermost block (or link) the text sits in. */
  el: El;
  /** The link the text is part of, if any. */
  link: El | null;
}

export function segmentsOf(
  root: El,
  opts: { skip?: (el: El) => boolean; splitLinks?: boolean; digitsOnly?: boolean } = {},
): TextSegment[] {
  const out: TextSegment[] = [];
  let buf: string[] = [];
  const flush = (el: El, link: El | null) => {
    if (!buf.length) return;
    const raw = buf.join('');
    buf = [];
    // Readers of dates only need the pieces that hold a digit.
    if (opts.digitsOnly && !/\d/.test(raw)) return;
    const text = cleanText(raw);
    if (text) out.push({ text, el, link });
  };
  type Frame = { node: El; i: number; block: El; link: El | null };
  const stack: Frame[] = [{ node: root, i: 0, block: root, link: null }];
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    if (f.i >= f.node.children.length) {
      stack.pop();
      const up = stack[stack.length - 1];
      // The text gathered in a block (or link) closes with it.
      if (!up || f.block !== up.block || f.link !== up.link) flush(f.block, f.link);
      continue;
    }
    const c = f.node.children[f.i++]!;
    if (c.type === 'text') {
      buf.push(c.data ?? '');
      continue;
    }
    if (!isEl(c) || OPAQUE.has(c.name) || FORM_CHROME.has(c.name)) continue;
    if (opts.skip?.(c)) continue;
    if (c.name === 'br') {
      buf.push(' ');
      continue;
    }
    const block = BLOCK.has(c.name);
    const link = opts.splitLinks && c.name === 'a' && !f.link;
    if (block || link) flush(f.block, f.link);
    stack.push({ node: c, i: 0, block: block ? c : f.block, link: link ? c : f.link });
  }
  flush(root, null);
  return out;
}
