/**
 * Safe cells. Text in our workbooks comes from school pages (titles, messages quoting them), so:
 *  - it never becomes a formula: text that a spreadsheet or a CSV export would read as one
 *    (`=`, `+`, `-`, `@`, tab, CR first) gets an apostrophe in front and stays a string;
 *  - characters that XML 1.0 forbids are removed (they make the file unreadable);
 *  - it fits Excel's 32,767-character cell limit;
 *  - only http(s) URLs become hyperlinks (no `javascript:`, `file:`, UNC paths).
 * ExcelJS does none of this itself (STACK.md), so every text cell goes through `putText`/`putLink`.
 */
import type ExcelJS from 'exceljs';

export const MAX_CELL_CHARS = 32_767;
/** Excel refuses longer hyperlink targets. */
const MAX_LINK_CHARS = 2_079;

// C0 controls except tab, LF, CR; DEL; C1 controls; lone surrogates; the two non-characters XML forbids.
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text without the characters XML 1.0 forbids (keeps tab, LF, CR), NFC. */
export function xmlSafe(s: string): string {
  return s.normalize('NFC').replace(XML_UNSAFE, '');
}

/** Page text made safe for a cell: XML-safe, never a formula, at most 32,767 characters. */
export function safeText(s: string): string {
  let t = xmlSafe(s);
  if (FORMULA_START.test(t)) t = `'${t}`;
  if (t.length > MAX_CELL_CHARS) {
    t = t.slice(0, MAX_CELL_CHARS - 1);
    // Do not leave half of a surrogate pair at the cut.
    if (/[\uD800-\uDBFF]$/.test(t)) t = t.slice(0, -1);
    t += '…';
  }
  return t;
}

/** The URL to link to, or null when it is not a plain http(s) URL Excel can open. */
export function safeLink(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username || u.password) return null;
  const href = u.href;
  return href.length <= MAX_LINK_CHARS ? href : null;
}

/**
 * A link to a file beside the workbook (a screenshot: `screenshots/<school>/<page>.jpg`, or
 * `../…` when judged into another folder): relative, plain characters, an image extension.
 */
export function safeFileLink(path: string): string | null {
  return /^(?:\.\.\/)*[A-Za-z0-9_][A-Za-z0-9._\-/]*\.(?:jpe?g|png)$/.test(path) && !/(^|\/)\.\.?(\/|$)/.test(path.replace(/^(?:\.\.\/)+/, ''))
    ? path
    : null;
}

// ───────────────────────────── writing cells ─────────────────────────────

export const FONT_NAME = 'Times New Roman';

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** A text cell through `safeText`, in Times New Roman (LibreOffice falls back to a serif font otherwise). */
export function putText(cell: ExcelJS.Cell, text: string | null | undefined, font: Partial<ExcelJS.Font> = {}): ExcelJS.Cell {
  cell.value = text ? safeText(text) : null;
  cell.font = { name: FONT_NAME, size: 11, ...font };
  return cell;
}

/** A hyperlink when the URL is http(s), plain text otherwise; `text` defaults to the URL. */
export function putLink(cell: ExcelJS.Cell, url: string | null | undefined, text?: string, font: Partial<ExcelJS.Font> = {}): ExcelJS.Cell {
  const href = url ? safeLink(url) : null;
  const shown = safeText(text ?? url ?? '');
  if (href) {
    cell.value = { text: shown, hyperlink: href };
    cell.font = { name: FONT_NAME, size: 11, color: { argb: 'FF0563C1' }, underline: true, ...font };
  } else {
    putText(cell, shown, font);
  }
  return cell;
}

/** A hyperlink to a file beside the workbook (see `safeFileLink`), plain text when it is not one. */
export function putFileLink(cell: ExcelJS.Cell, path: string, text: string): ExcelJS.Cell {
  const href = safeFileLink(path);
  if (!href) return putText(cell, text);
  cell.value = { text: safeText(text), hyperlink: href };
  cell.font = { name: FONT_NAME, size: 11, color: { argb: 'FF0563C1' }, underline: true };
  return cell;
}

/** A number cell (never text from pages). */
export function putNumber(cell: ExcelJS.Cell, n: number, font: Partial<ExcelJS.Font> = {}): ExcelJS.Cell {
  cell.value = n;
  cell.font = { name: FONT_NAME, size: 11, ...font };
  return cell;
}

/** Gives every cell that has a value or a style the report font, keeping its size, weight and colour. */
export function applyFontEverywhere(ws: ExcelJS.Worksheet): void {
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.font?.name !== FONT_NAME) cell.font = { size: 11, ...cell.font, name: FONT_NAME };
    });
  });
}

/**
 * Row height that shows all wrapped text: LibreOffice does not grow rows by itself (STACK.md).
 * `cells` pairs each text with the width (in Excel character units) of the cell showing it.
 */
export function wrappedHeight(cells: { text: string; width: number }[], lineHeight = 15, minLines = 1): number {
  let lines = minLines;
  for (const { text, width } of cells) {
    // Times New Roman 11 fits a little more than one character per width unit; keep a margin.
    const perLine = Math.max(1, Math.floor(width * 1.05) - 1);
    const n = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / perLine)), 0);
    lines = Math.max(lines, n);
  }
  return Math.min(409, lines * lineHeight + 4); // 409 pt: Excel's maximum row height
}
