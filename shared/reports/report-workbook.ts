import { formatMessage, uiText } from '../i18n/vi';
import type { DossierReport } from './report-schema';
import { asOfLine, detailRows, HEADER_CELLS, periodLine, TEMPLATE_COLUMNS, templateRows } from './report-sheet';

/**
 * The report's workbook as plain data: cells, merges and widths. The counter and the gateway each
 * hand it to exceljs in a few lines (electron/core/reports, central/reports), so both write the same file.
 */
export interface SheetSpec {
  name: string;
  widths: number[];
  /** Rows of cell values from row 1; null leaves a cell empty. */
  rows: (string | number | null)[][];
  /** Ranges such as "A1:A3". */
  merges: string[];
  /** 1-based rows written bold. */
  boldRows: number[];
}

const t = uiText.reports;

function columnLetter(col: number): string {
  return String.fromCharCode(64 + col);
}

/** First data row of the template sheet: title lines, a blank, three header rows and the column numbers come before it. */
export const TEMPLATE_FIRST_ROW = 10;

export function reportWorkbook(report: DossierReport, reportingUnit: string): SheetSpec[] {
  const blank = (): (string | number | null)[] => Array<string | number | null>(TEMPLATE_COLUMNS).fill(null);
  const header = [blank(), blank(), blank()];
  const merges = ['A1:M1', 'A2:M2', 'A3:M3', 'A4:M4'];
  for (const cell of HEADER_CELLS) {
    header[cell.row - 1]![cell.col - 1] = cell.text;
    if (cell.rowSpan > 1 || cell.colSpan > 1) {
      const top = cell.row + 5;
      merges.push(`${columnLetter(cell.col)}${top}:${columnLetter(cell.col + cell.colSpan - 1)}${top + cell.rowSpan - 1}`);
    }
  }
  const body = templateRows(report);
  const template: SheetSpec = {
    name: t.sheetName,
    widths: [6, 40, 10, 10, 12, 10, 10, 10, 10, 10, 10, 10, 10],
    rows: [
      [`${t.templateCode} — ${t.templateBasis}`],
      [t.sheetTitle],
      [periodLine(report)],
      [`${formatMessage(t.reportingUnit, { unit: reportingUnit })}. ${t.unit} ${asOfLine(report)}`],
      [],
      ...header,
      Array.from({ length: TEMPLATE_COLUMNS }, (_, i) => i + 1),
      ...body,
    ],
    merges,
    boldRows: [2, 6, 7, 8, 9, TEMPLATE_FIRST_ROW + body.length - 1],
  };
  const details: SheetSpec = {
    name: t.detailsSheetName,
    widths: [60, 14],
    rows: [[t.details.item, t.details.value], ...detailRows(report)],
    merges: [],
    boldRows: [1],
  };
  return [template, details];
}
