import ExcelJS from 'exceljs';
import type { SheetSpec } from '../../shared/reports/report-workbook';

/** Writes the report's workbook (shared/reports/report-workbook.ts) as an .xlsx file, as the counter does (electron/core/reports). */
export async function writeReportXlsx(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quầy Một Cửa — cổng tỉnh';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    sheet.columns = spec.widths.map((width) => ({ width }));
    for (const row of spec.rows) sheet.addRow(row);
    for (const range of spec.merges) sheet.mergeCells(range);
    for (const n of spec.boldRows) sheet.getRow(n).font = { bold: true };
    sheet.eachRow((row) => (row.alignment = { vertical: 'middle', wrapText: true }));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
