import ExcelJS from 'exceljs';
import type { Procedure, ProcedureFee } from '../../../shared/catalog/procedure';
import {
  CATALOG_SHEETS,
  COMPONENT_COLUMNS,
  FEE_COLUMNS,
  FEE_KIND_WORDS,
  LEVEL_WORDS,
  NO_WORD,
  PROCEDURE_COLUMNS,
  UNIT_WORDS,
  YES_WORD,
  type ColumnSpec,
} from './read-catalog-xlsx';

/**
 * Writes a catalogue in the layout read-catalog-xlsx.ts reads (documented there and in
 * docs/catalog-import.md): site IT export the embedded catalogue, edit it in Excel or LibreOffice
 * and import it back, and reading what was written gives the same procedures.
 */

/**
 * The two fee columns of "Thủ tục" hold at most one phí and one lệ phí, in that order; any other
 * mix goes to the "Phí, lệ phí" sheet so nothing is lost or reordered.
 */
function fitsFeeColumns(fees: readonly ProcedureFee[]): boolean {
  if (fees.length > 2) return false;
  return fees.length < 2 || (fees[0]?.kind === 'phi' && fees[1]?.kind === 'lePhi');
}

function addSheet<K extends string>(workbook: ExcelJS.Workbook, name: string, columns: Record<K, ColumnSpec>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = (Object.keys(columns) as K[]).map((key) => ({
    header: columns[key].header,
    key,
    width: columns[key].width,
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  return sheet;
}

/** Codes typed later into these columns must stay text: Excel would turn "2.002492" into a number. */
function textColumns(sheet: ExcelJS.Worksheet, keys: string[]): void {
  for (const key of keys) sheet.getColumn(key).numFmt = '@';
}

function amountColumns(sheet: ExcelJS.Worksheet, keys: string[]): void {
  for (const key of keys) sheet.getColumn(key).numFmt = '#,##0';
}

export async function writeCatalogXlsx(procedures: readonly Procedure[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quầy Một Cửa';
  const procedureSheet = addSheet(workbook, CATALOG_SHEETS.procedures, PROCEDURE_COLUMNS);
  const componentSheet = addSheet(workbook, CATALOG_SHEETS.components, COMPONENT_COLUMNS);
  const feeSheet = addSheet(workbook, CATALOG_SHEETS.fees, FEE_COLUMNS);
  textColumns(procedureSheet, ['code', 'sectorCode', 'resultCode']);
  textColumns(componentSheet, ['procedureCode', 'code']);
  textColumns(feeSheet, ['procedureCode']);
  amountColumns(procedureSheet, ['phi', 'lePhi']);
  amountColumns(feeSheet, ['amount']);

  let componentIndex = 0;
  procedures.forEach((procedure, index) => {
    const inColumns = fitsFeeColumns(procedure.fees);
    const columnFee = (kind: ProcedureFee['kind']) => (inColumns ? procedure.fees.find((fee) => fee.kind === kind) : undefined);
    const phi = columnFee('phi');
    const lePhi = columnFee('lePhi');
    const { unit, value } = procedure.duration;
    procedureSheet.addRow({
      index: index + 1,
      code: procedure.code,
      name: procedure.name,
      sectorCode: procedure.sectorCode || null,
      sectorName: procedure.sectorName,
      level: LEVEL_WORDS[procedure.level],
      durationValue: (unit === 'none' || unit === 'sameDay') && value === 0 ? null : value,
      durationUnit: UNIT_WORDS[unit],
      durationCutoff: procedure.duration.cutoff ?? null,
      phi: phi?.amount ?? null,
      phiName: phi?.name ?? null,
      lePhi: lePhi?.amount ?? null,
      lePhiName: lePhi?.name ?? null,
      resultCode: procedure.resultCode,
      sample: procedure.sample ? YES_WORD : NO_WORD,
    });
    for (const component of procedure.components) {
      componentIndex++;
      componentSheet.addRow({
        index: componentIndex,
        procedureCode: procedure.code,
        code: component.code,
        name: component.name,
        required: component.required ? YES_WORD : NO_WORD,
        originals: component.originals,
        copies: component.copies,
        formTemplate: component.formTemplate,
      });
    }
    if (!inColumns) {
      for (const fee of procedure.fees) {
        feeSheet.addRow({ procedureCode: procedure.code, kind: FEE_KIND_WORDS[fee.kind], name: fee.name, amount: fee.amount });
      }
    }
  });
  for (const sheet of [procedureSheet, componentSheet, feeSheet]) {
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber > 1) row.alignment = { vertical: 'top', wrapText: true };
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
