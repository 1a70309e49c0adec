/**
 * Dates of a page with where they came from and what they mean. The role comes from the words just
 * before a date ("Ngày ban hành", "có hiệu lực từ", "Cập nhật", "Sáng ngày" …), then from where the
 * date sits (the article date line "Thứ sáu, 18/9/2026, 20:22", a list item, a `post-date` element).
 */
import { findDates, parseIsoDateTime, type FoundDate } from '../calendar/dates.js';
import { cleanText, normaliseVi } from '../normalise.js';
import type { DateFact, DateRole, DateSource } from '../types.js';
import type { PageContext } from './context.js';
import { type El, type TextSegment, attr, parentEl, segmentsOf, textOf } from './dom.js';
import type { TableInfo } from './tables.js';

const MAX_DATES = 400;
const TEXT_MAX = 160;
const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

const DATE_HINT = /\d[/.\-]\d|th[áa]ng/i;
const STRICT_ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Local (UTC+7, no daylight saving in Việt Nam) calendar date of an instant. */
function localDate(t: number): string {
  return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Role from the (normalised) words before a date and an optional column label. */
export function roleFromWords(beforeNorm: string, labelNorm = ''): DateRole | null {
  const near = `${labelNorm} ${beforeNorm.slice(-60)}`.trim();
  if (!near) return null;
  if (/\b(ngay|nam|thang) ?(thang )?(nam )?sinh\b|\bsinh ngay\b|\bnam sinh\b/.test(near)) return 'other';
  if (/het hieu luc/.test(near)) return 'expires';
  if (/hieu luc|ap dung tu|thi hanh tu/.test(near)) return 'effective';
  if (/ban hanh|ngay ky|ky ngay|ngay van ban/.test(near)) return 'issued';
  if (/cap nhat|chinh sua|sua doi|updated|modified/.test(near)) return 'updated';
  if (/ngay dang|dang ngay|dang luc|dang tai|ngay tao|ngay xuat ban|posted|published/.test(near)) return 'published';
  if (/\b(sang|chieu|toi|trua|dem) (thu \S+ )?(ngay|nay)\b|\bvao (ngay|luc|hoi)\b|dien ra|khai mac|to chuc vao/.test(near)) return 'event';
  // The article date line starts with the weekday: "Thứ sáu, 18/9/2026", "Thứ 6, 22/03/2019", "Chủ nhật, …".
  if (/^(thu (hai|ba|tu|nam|sau|bay|[2-7])|chu nhat|cn)\b/.test(beforeNorm.trim()) && beforeNorm.length <= 20) return 'published';
  return null;
}

export class DateReader {
  private readonly year: number | undefined;
  private readonly isoCache = new Map<string, { date: string; time?: string } | null>();
  private readonly found = new Map<string, FoundDate[]>();
  private readonly latest: string | undefined;

  constructor(fetchedAt: Date | null) {
    if (fetchedAt) {
      const t = fetchedAt.getTime();
      this.year = Number(localDate(t).slice(0, 4));
      this.latest = localDate(t + 2 * DAY_MS);
    }
  }

  /** Dates written in a piece of text, with roles; `hint` is the role when the words say nothing. */
  fromText(text: string, source: DateSource, hint: DateRole | (() => DateRole) = 'other', label = ''): DateFact[] {
    // Every date form findDates reads has digits joined by a separator, or "tháng".
    if (!DATE_HINT.test(text)) return [];
    // A page's pieces of text are read by its lists and by its dates: parse each once.
    let found = this.found.get(text);
    if (!found) {
      try {
        found = findDates(text, this.year ? { defaultYear: this.year } : {});
      } catch {
        found = [];
      }
      if (this.found.size < 20_000) this.found.set(text, found);
    }
    const out: DateFact[] = [];
    const labelNorm = label ? normaliseVi(label) : '';
    let from = 0;
    for (const f of found) {
      const fact = this.factOf(f, text, from, source, hint, labelNorm);
      if (fact) out.push(fact);
      from = f.index + f.text.length;
    }
    return out;
  }

  private factOf(f: FoundDate, text: string, from: number, source: DateSource, hint: DateRole | (() => DateRole), labelNorm: string): DateFact | null {
    let date = f.date;
    if (f.yearInferred) {
      // "(09/10)" means the latest 9 October not more than 2 days after the fetch.
      if (!this.year || !this.latest) return null;
      if (date > this.latest) {
        const prev = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
        if (!isRealDate(prev)) return null;
        date = prev;
      }
    }
    const before = normaliseVi(text.slice(Math.max(from, f.index - 80), f.index));
    const role = f.role ?? roleFromWords(before, labelNorm) ?? (typeof hint === 'function' ? hint() : hint);
    const fact: DateFact = { date, text: window(text, f.index), source, role };
    if (f.time) fact.time = f.time;
    if (f.yearInferred) fact.yearInferred = true;
    return fact;
  }

  /** An ISO 8601 value (meta content, <time datetime>); null when malformed. */
  fromIso(value: string, text: string, source: DateSource, role: DateRole): DateFact | null {
    const v = value.trim();
    if (!STRICT_ISO.test(v)) return null;
    // Lists repeat the same instants; parse each once.
    let p = this.isoCache.get(v);
    if (p === undefined) this.isoCache.set(v, (p = parseIsoDateTime(v)));
    if (!p) return null;
    const fact: DateFact = { date: p.date, text: cleanText(text).slice(0, TEXT_MAX), source, role };
    if (p.time) fact.time = p.time;
    return fact;
  }

  /** HTTP Last-Modified ("Fri, 08 Oct 2021 09:09:54 GMT") as an `updated` header date. */
  fromHeader(value: string): DateFact | null {
    const t = Date.parse(value);
    if (Number.isNaN(t)) return null;
    const iso = new Date(t + VN_OFFSET_MS).toISOString();
    return { date: iso.slice(0, 10), time: iso.slice(11, 16), text: cleanText(value).slice(0, TEXT_MAX), source: 'header', role: 'updated' };
  }
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** ≤ 160 characters of `text` around position `at`. */
function window(text: string, at: number): string {
  if (text.length <= TEXT_MAX) return text;
  const start = Math.max(0, Math.min(at - 60, text.length - TEXT_MAX));
  return cleanText(text.slice(start, start + TEXT_MAX));
}

const META_ROLES: Record<string, DateRole> = {
  'article:published_time': 'published',
  'og:published_time': 'published',
  datepublished: 'published',
  datecreated: 'published',
  pubdate: 'published',
  publishdate: 'published',
  'dc.date': 'published',
  'dc.date.issued': 'published',
  'dc.date.created': 'published',
  'dcterms.created': 'published',
  'dcterms.issued': 'published',
  'article:modified_time': 'updated',
  'og:updated_time': 'updated',
  datemodified: 'updated',
  'dc.date.modified': 'updated',
  'dcterms.modified': 'updated',
  'last-modified': 'updated',
};

const DATE_CLASS = /date|time|ngay|publish|thoigian|thoi-gian|post-meta|entry-meta/;

export function metaDates(ctx: PageContext, reader: DateReader): DateFact[] {
  const out: DateFact[] = [];
  for (const m of ctx.dom.byTag('meta')) {
    const content = attr(m, 'content');
    if (!content) continue;
    for (const k of [attr(m, 'property'), attr(m, 'name'), attr(m, 'itemprop'), attr(m, 'http-equiv')]) {
      const role = META_ROLES[k.toLowerCase()];
      if (!role) continue;
      const f = reader.fromIso(content, `${k}: ${content}`, 'meta', role);
      if (f) out.push(f);
      break;
    }
  }
  return out;
}

/** `<time datetime>` facts; the visible text of a time whose datetime is malformed is read as text. */
export function timeDate(reader: DateReader, el: El): DateFact | null {
  const dt = attr(el, 'datetime') || attr(el, 'content');
  if (!dt) return null;
  const own = textOf(el);
  const around = parentEl(el) ? textOf(parentEl(el)!, { limit: 400 }) : own;
  const at = own ? around.indexOf(own) : -1;
  // Words just before the <time> ("Cập nhật: <time>") give its role; its own text is the evidence.
  const role = roleFromWords(normaliseVi(at > 0 ? around.slice(Math.max(0, at - 60), at) : '')) ?? 'published';
  return reader.fromIso(dt, own || (around.length <= TEXT_MAX ? around : dt), 'time', role);
}

/** Whether a piece of text sits where a post's date is shown (date element, list item). */
export function isDateSpot(ctx: PageContext, el: El): boolean {
  let cur: El | null = el;
  for (let i = 0; cur && i < 3; i++, cur = parentEl(cur)) {
    if (ctx.dom.classes(cur).some((c) => DATE_CLASS.test(c))) return true;
    if (/date/i.test(attr(cur, 'itemprop'))) return true;
  }
  cur = el;
  for (let i = 0; cur && i < 12; i++, cur = parentEl(cur)) if (ctx.listItemEls.has(cur)) return true;
  return false;
}

/**
 * The label of each table cell: its column header, or in a key/value table the cell before it
 * ("Ngày hiệu lực" | "22/08/2017").
 */
function cellLabels(tables: TableInfo[]): Map<El, string> {
  const labels = new Map<El, string>();
  for (const t of tables) {
    for (const cells of t.rows) {
      cells.forEach((cell, i) => {
        const header = t.fact.headers[i];
        if (header) labels.set(cell, header);
        else if (i > 0) {
          const prev = textOf(cells[i - 1]!);
          if (prev && prev.length <= 40 && !/\d{1,2}[/.-]\d{1,2}/.test(prev)) labels.set(cell, prev);
        }
      });
    }
  }
  return labels;
}

function labelOf(labels: Map<El, string>, el: El): string {
  let cur: El | null = el;
  for (let i = 0; cur && i < 4; i++, cur = parentEl(cur)) {
    const l = labels.get(cur);
    if (l !== undefined) return l;
  }
  return '';
}

/** A piece of the page's visible text with its place in document order. */
export interface PageSegment extends TextSegment {
  order: number;
}

/**
 * The page's text pieces that hold digits (split at blocks and links, counters left out) and its
 * `<time datetime>` dates, read once and shared by the page's dates and its list items.
 */
export class PageTimeline {
  readonly times = new Map<El, DateFact>();
  readonly segments: PageSegment[] = [];
  private readonly sorted: PageSegment[];

  constructor(ctx: PageContext, reader: DateReader) {
    for (const t of ctx.dom.byTag('time')) {
      const f = timeDate(reader, t);
      if (f) this.times.set(t, f);
    }
    const root = ctx.dom.body ?? ctx.dom.els[0];
    if (root) {
      for (const s of segmentsOf(root, { skip: (el) => this.times.has(el) || ctx.isCounter(el), splitLinks: true, digitsOnly: true })) {
        const seg = s as PageSegment;
        seg.order = ctx.dom.order(s.el);
        this.segments.push(seg);
      }
    }
    this.sorted = [...this.segments].sort((a, b) => a.order - b.order);
    this.dom = ctx.dom;
  }

  private readonly dom: PageContext['dom'];

  /** Pieces inside `el`, in document order. */
  within(el: El): PageSegment[] {
    const start = this.dom.order(el);
    const end = this.dom.endOrder(el);
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.order < start) lo = mid + 1;
      else hi = mid;
    }
    const out: PageSegment[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.order <= end; i++) out.push(this.sorted[i]!);
    return out;
  }
}

export function extractDates(
  ctx: PageContext,
  reader: DateReader,
  timeline: PageTimeline,
  lastModified: string | undefined,
  tables: TableInfo[] = [],
): DateFact[] {
  const labels = cellLabels(tables);
  const out: DateFact[] = [];
  out.push(...metaDates(ctx, reader));
  out.push(...timeline.times.values());
  if (lastModified) {
    const h = reader.fromHeader(lastModified);
    if (h) out.push(h);
  }
  {
    // Beside an article, a box of other posts shows their dates, not this page's.
    const inSideItem = (el: El) => {
      for (let cur: El | null = el, i = 0; cur && i < 14; cur = parentEl(cur), i++) if (ctx.sideItemEls.has(cur)) return true;
      return false;
    };
    const skipSide = !ctx.home && ctx.sideItemEls.size > 0;
    for (const s of timeline.segments) {
      if (out.length >= MAX_DATES * 2) break;
      if (skipSide && inSideItem(s.el)) continue;
      // A short piece where posts show their date is a publication date; prose in a teaser is not.
      const hint = (): DateRole => (!s.link && s.text.length <= 60 && isDateSpot(ctx, s.el) ? 'published' : 'other');
      out.push(...reader.fromText(s.text, 'text', hint, labels.size ? labelOf(labels, s.el) : ''));
    }
  }
  const seen = new Set<string>();
  const unique: DateFact[] = [];
  for (const d of out) {
    const key = `${d.date}\u0000${d.source}\u0000${d.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(d);
    if (unique.length >= MAX_DATES) break;
  }
  return unique;
}
