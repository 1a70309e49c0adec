/**
 * Sheet layouts shared by the workbooks: A4 landscape print setup, and "list" sheets (a bold frozen
 * header row over one row per thing, with an autofilter) such as findings, pages and unreachable schools.
 */
import type ExcelJS from 'exceljs';
import { FONT_NAME, THIN_BORDER, putText, wrappedHeight } from './cells.js';

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

/** A4 landscape, one page wide, `titleRows` ("12:13") repeated on every printed page. */
export function printA4Landscape(ws: ExcelJS.Worksheet, titleRows?: string): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as needed
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  ws.headerFooter = { oddFooter: '&C&"Times New Roman,Regular"&9Trang &P/&N' };
}

export interface ListColumn {
  header: string;
  width: number;
  /** Centre the column (codes, statuses, numbers, dates). */
  centre?: boolean;
}

/** A sheet with a bold header row in row 1, frozen, columns sized, printed A4 landscape. */
export function addListSheet(wb: ExcelJS.Workbook, name: string, columns: ListColumn[], frozenColumns = 0): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = putText(header.getCell(i + 1), c.header, { bold: true });
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  header.height = wrappedHeight(columns.map((c) => ({ text: c.header, width: c.width })));
  printA4Landscape(ws, '1:1');
  return ws;
}

/**
 * Borders, wrapping and a fitted height for data row `n` of a list sheet (call after filling it).
 * Row heights are set because LibreOffice does not grow wrapped rows by itself.
 */
export function finishListRow(ws: ExcelJS.Worksheet, n: number, columns: ListColumn[]): void {
  const row = ws.getRow(n);
  const texts: { text: string; width: number }[] = [];
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.border = THIN_BORDER;
    cell.alignment = { wrapText: true, vertical: 'top', horizontal: c.centre ? 'center' : 'left' };
    if (!cell.font?.name) cell.font = { name: FONT_NAME, size: 11 };
    texts.push({ text: cell.text ?? '', width: c.width });
  });
  row.height = wrappedHeight(texts);
}

/** Autofilter over the header and `lastRow`; a header alone still gets its filter buttons. */
export function addAutoFilter(ws: ExcelJS.Worksheet, columnCount: number, lastRow: number): void {
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(lastRow, 1), column: columnCount } };
}
