/** Reading written workbooks back for the tests. */
import ExcelJS from 'exceljs';

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet "${name}" (have: ${wb.worksheets.map((w) => w.name).join(', ')})`);
  return ws;
}

/** The first cell whose text is `text`, or undefined. */
export function findCell(ws: ExcelJS.Worksheet, text: string | RegExp): ExcelJS.Cell | undefined {
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      if (found || cell.type === ExcelJS.ValueType.Merge) return;
      const t = cell.text;
      if (typeof text === 'string' ? t === text : text.test(t)) found = cell;
    });
  });
  return found;
}

/** Every cell holding a value, on every sheet. */
export function valuedCells(wb: ExcelJS.Workbook): { sheet: string; cell: ExcelJS.Cell }[] {
  const out: { sheet: string; cell: ExcelJS.Cell }[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value !== null && cell.value !== undefined && cell.type !== ExcelJS.ValueType.Merge) out.push({ sheet: ws.name, cell });
      }),
    );
  return out;
}

export function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill;
  return f && f.type === 'pattern' ? f.fgColor?.argb : undefined;
}
