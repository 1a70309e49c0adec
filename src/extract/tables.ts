/**
 * Data tables (document lists, timetables, staff tables, key/value detail tables). Layout tables
 * (a table holding tables, a single cell or a single column of cells, role=presentation) are skipped.
 */
import { normaliseVi } from '../normalise.js';
import type { TableCellFact, TableFact } from '../types.js';
import type { PageContext } from './context.js';
import { type El, attr, childEls, textOf } from './dom.js';
import { downloadFileTargets, viewerTarget } from './urls.js';

const MAX_ROWS = 500;
const HEADER_WORDS =
  /^(stt|tt|so tt|ho va ten|ho ten|ten|chuc vu|chuc danh|dien thoai|so dien thoai|email|e mail|anh|hinh anh|so hieu|so ky hieu|so ki hieu|ky hieu|ngay.*|trich yeu|ten van ban|tieu de|noi dung|mon.*|lop|khoi|tiet|thu|hoc ky|tac gia|giao vien.*|nguoi ky|co quan.*|trang thai|file.*|tai ve|ghi chu|buoi|thoi gian|dia diem|nam hoc|tuan|noi nhan|loai.*|linh vuc|dinh kem|tep dinh kem)$/;

/** A data table with its element, header cells and the cell elements of each data row. */
export interface TableInfo {
  el: El;
  fact: TableFact;
  /** Normalised header labels (same order as fact.headers). */
  headerKeys: string[];
  rows: El[][];
}

/** Rows of this table (not of nested ones): tr children of the table or of its thead/tbody/tfoot. */
export function tableRows(table: El): { tr: El; head: boolean }[] {
  const out: { tr: El; head: boolean }[] = [];
  for (const c of childEls(table)) {
    if (c.name === 'tr') out.push({ tr: c, head: false });
    else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') {
      for (const r of childEls(c)) if (r.name === 'tr') out.push({ tr: r, head: c.name === 'thead' });
    }
  }
  return out;
}

const cellsOf = (tr: El) => childEls(tr).filter((c) => c.name === 'td' || c.name === 'th');

function cellFact(ctx: PageContext, cell: El): TableCellFact {
  const links: string[] = [];
  const viewers: { file: string; viewer: string }[] = [];
  const add = (u: string | null) => {
    if (u && !links.includes(u)) links.push(u);
  };
  for (const el of [cell, ...ctx.dom.descendants(cell)]) {
    if (el.name === 'a') {
      const u = ctx.urls.resolve(el.attribs.href);
      add(u);
      const shown = u ? viewerTarget(u) : null;
      if (u && shown) {
        add(shown.file);
        viewers.push({ file: shown.file, viewer: u });
      }
    }
    const onclick = el.attribs.onclick;
    if (onclick) for (const p of downloadFileTargets(onclick)) add(ctx.urls.resolve(p));
  }
  return { text: textOf(cell), links, ...(viewers.length ? { viewers } : {}) };
}

function headerLike(ctx: PageContext, cells: El[]): boolean {
  if (cells.length < 2) return false;
  if (cells.every((c) => c.name === 'th')) return true;
  let bold = 0;
  let words = 0;
  for (const c of cells) {
    const t = textOf(c);
    if (!t || t.length > 60 || ctx.dom.find(c, 'a').length) return false;
    if (ctx.dom.find(c, 'strong', 'b').length || /bold|[6-9]00/.test(attr(c, 'style'))) bold++;
    if (HEADER_WORDS.test(normaliseVi(t))) words++;
  }
  // A two-cell first row is a key and its value ("Số kí hiệu | 123/PGDĐT") unless it is marked up as a header.
  if (cells.length === 2) return bold === 2;
  return bold === cells.length || words * 2 >= cells.length;
}

export function extractTables(ctx: PageContext): TableInfo[] {
  const out: TableInfo[] = [];
  for (const table of ctx.dom.byTag('table')) {
    if (attr(table, 'role').toLowerCase() === 'presentation') continue;
    if (ctx.dom.find(table, 'table').length) continue;
    const rows = tableRows(table);
    const cellRows = rows.map((r) => ({ ...r, cells: cellsOf(r.tr) }));
    // One cell, or one column of cells: a layout box of an old portal ("DANH MỤC" over its menu), not data.
    if (cellRows.every((r) => r.cells.length <= 1)) continue;

    let headerRow = -1;
    const headRows = cellRows.map((r, i) => (r.head ? i : -1)).filter((i) => i >= 0);
    if (headRows.length) headerRow = headRows.reduce((best, i) => (cellRows[i]!.cells.length > cellRows[best]!.cells.length ? i : best));
    else if (cellRows[0] && headerLike(ctx, cellRows[0].cells)) headerRow = 0;
    const headers = headerRow >= 0 ? cellRows[headerRow]!.cells.map((c) => textOf(c)) : [];

    const dataRows: El[][] = [];
    const factRows: TableCellFact[][] = [];
    for (let i = 0; i < cellRows.length && factRows.length < MAX_ROWS; i++) {
      const r = cellRows[i]!;
      if (i === headerRow || r.head || !r.cells.length) continue;
      const facts = r.cells.map((c) => cellFact(ctx, c));
      if (facts.every((f) => !f.text && !f.links.length)) continue;
      // "Không có văn bản": a one-cell note row under a multi-column header is not data.
      if (headers.length >= 2 && r.cells.length === 1) continue;
      dataRows.push(r.cells);
      factRows.push(facts);
    }
    const captionEl = childEls(table).find((c) => c.name === 'caption');
    const caption = (captionEl && textOf(captionEl)) || ctx.blockHeading(table)?.text || '';
    out.push({ el: table, fact: { caption, headers, rows: factRows }, headerKeys: headers.map((h) => normaliseVi(h)), rows: dataRows });
  }
  return out;
}
