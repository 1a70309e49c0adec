/**
 * The items of a section (posts, documents, albums, weekly schedules), gathered from the main lists
 * and tables of its listing pages and completed with the facts of each item's own page.
 */
import { findDates } from '../calendar/dates.js';
import { normaliseVi } from '../normalise.js';
import type { AttachmentFact, DateFact, DateRole, ListItemFact, PageFacts, SectionItem, TableFact } from '../types.js';

const FILE_EXT = /\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|rar|zip|7z)(?:$|[?#])/i;

export function fileExt(url: string): string | null {
  try {
    const m = FILE_EXT.exec(new URL(url).pathname);
    return m ? m[1]!.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Column roles of a document table, recognised from its header cells. */
type Column = 'number' | 'title' | 'issued' | 'effective' | 'expires' | 'posted' | 'status' | 'file' | 'other';

const COLUMN_PATTERNS: [Column, RegExp][] = [
  ['expires', /het hieu luc/],
  ['effective', /hieu luc|ngay ap dung/],
  ['issued', /ngay ban hanh|ngay ky|ban hanh ngay|ngay van ban/],
  ['posted', /ngay dang|ngay cap nhat|ngay dua|cap nhat|ngay dang tai|ngay tao/],
  ['number', /^so hieu|^so ki hieu|^so ky hieu|^ky hieu|^ki hieu|^so van ban|^so vb|^so$|^so\/ky hieu/],
  ['status', /trang thai|tinh trang|^hieu luc$/],
  ['file', /file|tep|dinh kem|tai ve|download|xem/],
  ['title', /trich yeu|ten van ban|tieu de|noi dung|ten tai lieu|ten bai|ten|van ban/],
];

export function columnRoles(headers: string[]): Column[] {
  return headers.map((h) => {
    const n = normaliseVi(h);
    for (const [role, re] of COLUMN_PATTERNS) if (re.test(n)) return role;
    return 'other';
  });
}

const ROLE_OF_COLUMN: Partial<Record<Column, DateRole>> = {
  issued: 'issued',
  effective: 'effective',
  expires: 'expires',
  posted: 'published',
};

/** Dates of a cell: the column's role, else what the words before each date say ("45/KH-THCS ngày …" is an issue date). */
function cellDates(text: string, role: DateRole | undefined): DateFact[] {
  return findDates(text).flatMap((d) => {
    const r = role ?? d.role;
    return r ? [{ date: d.date, ...(d.time && { time: d.time }), text: text.slice(0, 160), source: 'text' as const, role: r }] : [];
  });
}

function attachmentFromLink(url: string, label: string): AttachmentFact | null {
  const ext = fileExt(url);
  return ext ? { url, label, ext } : null;
}

/** Items of a data table: one per row that has text. */
export function itemsFromTable(table: TableFact, foundOn: string): SectionItem[] {
  const roles = columnRoles(table.headers);
  const titleCol = roles.indexOf('title');
  return table.rows.flatMap((row) => {
    const texts = row.map((c) => c.text);
    if (!texts.some((t) => t.trim())) return [];
    const dates: DateFact[] = [];
    const attachments: AttachmentFact[] = [];
    let pageUrl: string | undefined;
    row.forEach((cell, i) => {
      dates.push(...cellDates(cell.text, ROLE_OF_COLUMN[roles[i] ?? 'other']));
      const viewerOf = new Map((cell.viewers ?? []).map((v) => [v.file, v.viewer]));
      const viewerUrls = new Set(viewerOf.values());
      for (const link of cell.links) {
        if (viewerUrls.has(link)) continue; // the file it shows is read instead
        const a = attachmentFromLink(link, cell.text);
        if (a) attachments.push(viewerOf.has(link) ? { ...a, viewerUrl: viewerOf.get(link)! } : a);
        else if (!pageUrl && (i === titleCol || titleCol < 0)) pageUrl = link;
      }
    });
    // Dates in other cells (no date column): keep them as "other".
    if (!dates.length) for (const t of texts) dates.push(...findDates(t).map((d) => ({ date: d.date, text: t.slice(0, 160), source: 'text' as const, role: 'other' as const })));
    const title =
      (titleCol >= 0 ? texts[titleCol] : undefined) ||
      texts.reduce((a, b) => (b.length > a.length ? b : a), '');
    const item: SectionItem = {
      title,
      dates,
      text: texts.join(' | '),
      attachments,
      images: 0,
      videos: [],
      foundOn,
    };
    if (pageUrl) item.url = pageUrl;
    const best = bestDate(dates);
    if (best) item.date = best;
    return [item];
  });
}

export function itemFromListItem(li: ListItemFact, foundOn: string): SectionItem {
  const dates = li.dates?.length ? [...li.dates] : li.date ? [li.date] : [];
  if (li.date && !dates.includes(li.date)) dates.unshift(li.date);
  const item: SectionItem = {
    title: li.title,
    dates,
    text: li.text ?? [li.title, li.summary].filter(Boolean).join(' — '),
    attachments: [],
    images: li.images ?? (li.image ? 1 : 0),
    videos: li.video ? [li.video] : [],
    foundOn,
  };
  if (li.url) {
    const a = attachmentFromLink(li.url, li.title);
    if (a) item.attachments.push(a);
    else item.url = li.url;
  }
  if (li.date) item.date = li.date;
  return item;
}

/** An item made from a detail page that no list showed. */
export function itemFromPage(page: PageFacts): SectionItem {
  const h1 = page.headings.find((h) => h.level === 1)?.text;
  const item: SectionItem = {
    title: h1 || page.title,
    url: page.url,
    dates: [],
    text: h1 || page.title,
    attachments: [],
    images: 0,
    videos: [],
    foundOn: page.url,
  };
  return enrichItem(item, page);
}

/** Complete an item with what its own page shows: dates, attachments, photos, videos. */
export function enrichItem(item: SectionItem, page: PageFacts): SectionItem {
  // The time of day counts: the list shows "30/10/2026", the post "30/10/2026, 16:45".
  const seen = new Set(item.dates.map((d) => `${d.date}|${d.time ?? ''}|${d.role}`));
  for (const d of page.dates) {
    if (d.source === 'header') continue; // a server's Last-Modified says little about the post
    const key = `${d.date}|${d.time ?? ''}|${d.role}`;
    if (!seen.has(key)) {
      seen.add(key);
      item.dates.push(d);
    }
  }
  const files = new Set(item.attachments.map((a) => a.url));
  for (const a of page.attachments) if (!files.has(a.url)) item.attachments.push(a), files.add(a.url);
  item.images = Math.max(item.images, page.images.filter((i) => i.inContent).length);
  if (!item.videos.length) item.videos = page.videos;
  const best = bestDate(item.dates);
  if (best) item.date = best;
  return item;
}

const ROLE_RANK: Record<DateRole, number> = { published: 0, updated: 1, issued: 2, effective: 3, other: 4, event: 5, expires: 6 };
const SOURCE_RANK = { meta: 0, time: 1, text: 2, url: 3, sitemap: 4, header: 5 } as const;

/** The item's posting date: published beats updated beats issued …; ties go to the structured source. */
export function bestDate(dates: DateFact[]): DateFact | undefined {
  let best: DateFact | undefined;
  for (const d of dates) {
    if (d.role === 'expires' || d.role === 'event') continue;
    if (
      !best ||
      ROLE_RANK[d.role] < ROLE_RANK[best.role] ||
      (ROLE_RANK[d.role] === ROLE_RANK[best.role] && SOURCE_RANK[d.source] < SOURCE_RANK[best.source])
    )
      best = d;
  }
  return best;
}

/**
 * A key/value table ("Số hiệu: | 12/CT-UBND", a visitor counter "Hôm nay : | 38"): the details of one
 * thing, not a list of things.
 */
export function isKeyValueTable(table: TableFact): boolean {
  if (table.rows.length === 0 || !table.rows.every((r) => r.length <= 2)) return false;
  const labels = table.rows.map((r) => r[0]?.text ?? '');
  return table.headers.length <= 2 && labels.filter((l) => /:\s*$/.test(l) || l.length < 40).length === labels.length;
}

/**
 * Whether a table looks like a list of documents or other entries: a number or date column and a
 * title (or file) column. Its rows are items whether or not they link anywhere (lectures opened by
 * a button, documents with only a file to download).
 */
export function isDocumentTable(table: TableFact): boolean {
  const roles = columnRoles(table.headers);
  const strong = roles.filter((r) => r === 'number' || r === 'issued' || r === 'effective' || r === 'posted').length;
  return strong >= 1 && (roles.includes('title') || roles.includes('file')) && table.rows.length > 0 && !isKeyValueTable(table);
}

/**
 * A table that lays out the page (header, menu, content and footer rows), not one of data: no
 * header, and a row holding a menu's worth of links or a page's worth of text.
 */
function isLayoutTable(table: TableFact): boolean {
  if (table.headers.length) return false;
  return table.rows.some((r) => r.reduce((n, c) => n + c.links.length, 0) > 4 || r.reduce((n, c) => n + c.text.length, 0) > 1000);
}

/**
 * A table whose rows each lead somewhere (a list of lesson plans, lectures, files): a list of things.
 * A timetable or a menu grid has no links in its rows: it is content, not a list.
 */
export function isLinkTable(table: TableFact): boolean {
  if (table.rows.length === 0 || isKeyValueTable(table) || isLayoutTable(table)) return false;
  const linked = table.rows.filter((r) => r.some((c) => c.links.length > 0)).length;
  return linked >= Math.max(1, table.rows.length / 2);
}
