import fs from 'node:fs';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CATALOG_SHEETS, MAX_XLSX_BYTES, readCatalogXlsx } from '../../../electron/core/catalog/read-catalog-xlsx';
import { writeCatalogXlsx } from '../../../electron/core/catalog/write-catalog-xlsx';
import { parseCatalogJson, type CatalogImport } from '../../../shared/catalog/parse-catalog';
import type { Procedure } from '../../../shared/catalog/procedure';

const SAMPLE_PATH = new URL('../../../electron/core/catalog/sample-catalog.json', import.meta.url);

function sampleCatalog(): Procedure[] {
  const result = parseCatalogJson(fs.readFileSync(SAMPLE_PATH, 'utf8'));
  if (!result.ok) throw new Error(result.error.message);
  return result.value.procedures;
}

async function read(bytes: Uint8Array): Promise<CatalogImport> {
  const result = await readCatalogXlsx(bytes);
  if (!result.ok) throw new Error(`expected a catalogue, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function failure(bytes: Uint8Array): Promise<{ code: string; message: string }> {
  const result = await readCatalogXlsx(bytes);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

type Cell = string | number | null | ExcelJS.CellValue;

async function workbook(sheets: Record<string, Cell[][]>, decorate?: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    rows.forEach((cells, i) => {
      cells.forEach((value, j) => {
        if (value !== null) sheet.getCell(i + 1, j + 1).value = value;
      });
    });
  }
  decorate?.(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const PROCEDURE_HEADER = [
  'STT',
  'Mã TTHC',
  'Tên thủ tục hành chính',
  'Mã lĩnh vực',
  'Lĩnh vực',
  'Cấp thực hiện',
  'Thời hạn giải quyết',
  'Đơn vị thời hạn',
  'Phí (đồng)',
  'Lệ phí (đồng)',
  'Mã kết quả',
];
const COMPONENT_HEADER = ['Mã TTHC', 'Mã thành phần', 'Tên thành phần', 'Bắt buộc (Có/Không)', 'Bản chính', 'Bản sao', 'Mẫu đơn/tờ khai'];

describe('catalogue spreadsheet: round trip', () => {
  it('writes the whole sample catalogue and reads back exactly the same procedures', async () => {
    const procedures = sampleCatalog();
    const bytes = await writeCatalogXlsx(procedures);
    const back = await read(bytes);
    expect(back.rejected).toEqual([]);
    expect(back.procedures).toEqual(procedures);
  });

  it('writes the documented layout: three sheets, the documented headers, codes as text', async () => {
    const bytes = await writeCatalogXlsx(sampleCatalog());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets.map((s) => s.name)).toEqual([CATALOG_SHEETS.procedures, CATALOG_SHEETS.components, CATALOG_SHEETS.fees]);
    const procedures = book.getWorksheet(CATALOG_SHEETS.procedures)!;
    expect((procedures.getRow(1).values as unknown[]).slice(1, 9)).toEqual([
      'STT',
      'Mã TTHC',
      'Tên thủ tục hành chính',
      'Mã lĩnh vực',
      'Lĩnh vực',
      'Cấp thực hiện (Tỉnh/Xã/Huyện)',
      'Thời hạn giải quyết',
      'Đơn vị thời hạn (Ngày làm việc/Giờ làm việc/Ngày/Trong ngày/Không quy định)',
    ]);
    expect(procedures.getCell('B2').value).toBe('1.001193.000.00.00.H56');
    expect(procedures.getCell('F2').value).toBe('Xã');
    // Birth registration is a same-day procedure in the sample catalogue (docs/domain.md).
    expect(procedures.getCell('H2').value).toBe('Trong ngày');
    const components = book.getWorksheet(CATALOG_SHEETS.components)!;
    expect(components.getCell('E2').value).toBe('Có');
  });

  it('keeps fee lists the two fee columns cannot hold, no-deadline procedures, fractions and flags', async () => {
    const [base] = sampleCatalog();
    const odd: Procedure[] = [
      {
        ...base!,
        code: '9.999001.000.00.00.H56',
        sectorCode: 'G09-TP01',
        resultCode: 'KQ.001',
        sample: true,
        duration: { unit: 'none', value: 0 },
        fees: [
          { kind: 'lePhi', name: 'Lệ phí cấp giấy', amount: 50_000 },
          { kind: 'phi', name: 'Phí thẩm định hồ sơ', amount: 1_500_000 },
          { kind: 'lePhi', name: 'Lệ phí cấp bản sao', amount: 0 },
        ],
      },
      { ...base!, code: '9.999002.000.00.00.H56', duration: { unit: 'workingDays', value: 0.5 }, fees: [] },
      { ...base!, code: '9.999003.000.00.00.H56', level: 'district', duration: { unit: 'calendarDays', value: 45 } },
    ];
    const back = await read(await writeCatalogXlsx(odd));
    expect(back).toEqual({ procedures: odd, rejected: [] });
  });
});

describe('catalogue spreadsheet: what provinces actually send', () => {
  it('finds the header under title rows, without diacritics or in capitals, ignoring extra columns and blank rows', async () => {
    const bytes = await workbook({
      'THU TUC': [
        ['DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ'],
        [],
        [
          'stt',
          'MA TTHC',
          'Ten thu tuc hanh chinh',
          'Ghi chú',
          'linh vuc',
          'Cap thuc hien',
          'thoi han giai quyet',
          'DON VI THOI HAN',
          'Phi',
          'Le phi',
        ],
        [
          1,
          '1.001193.000.00.00.H56',
          'Thủ tục đăng ký khai sinh',
          'xem quyết định 1234',
          'Hộ tịch',
          'Cấp xã',
          4,
          'giờ làm việc',
          null,
          'Miễn',
        ],
        [],
        [null, null, null, null, null, null, null, null, null, null],
        [
          2,
          '2.000815.000.00.00.H56',
          'Thủ tục chứng thực bản sao từ bản chính',
          null,
          'Chứng thực',
          'Phường',
          '1',
          'ngay lam viec',
          '2.000 đồng',
          null,
        ],
        [3, '1.000001.000.00.00.H56', 'Cấp Phiếu lý lịch tư pháp', null, 'Lý lịch tư pháp', 'TỈNH', '10', 'Ngày làm việc', '200,000', null],
      ],
      'thanh phan ho so': [
        ['ma tthc', 'MA THANH PHAN', 'ten thanh phan', 'bat buoc', 'so ban chinh', 'so ban sao', 'mau don, to khai', 'Ghi chú'],
        ['1.001193.000.00.00.H56', 'TP01', 'Tờ khai đăng ký khai sinh theo mẫu', 'Có', 1, 0, 'Tờ khai đăng ký khai sinh', 'x'],
        ['1.001193.000.00.00.h56', 'TP02', 'Giấy chứng sinh', 'x', null, null, null, null],
        [],
        ['2.000815.000.00.00.H56', 'TP01', 'Bản chính giấy tờ', 'co', '1', '0', null, null],
        ['1.000001.000.00.00.H56', 'TP01', 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 'Khong', 1, 0, null, null],
        ['1.000001.000.00.00.H56', 'TP02', 'Bản chụp giấy tờ tùy thân', 'CÓ', 0, 1, null, null],
      ],
    });
    const result = await read(bytes);
    expect(result.rejected).toEqual([]);
    expect(result.procedures.map((p) => [p.code, p.level, p.duration, p.fees.map((f) => [f.kind, f.name, f.amount])])).toEqual([
      ['1.001193.000.00.00.H56', 'commune', { unit: 'workingHours', value: 4 }, [['lePhi', 'Lệ phí', 0]]],
      ['2.000815.000.00.00.H56', 'commune', { unit: 'workingDays', value: 1 }, [['phi', 'Phí', 2000]]],
      ['1.000001.000.00.00.H56', 'province', { unit: 'workingDays', value: 10 }, [['phi', 'Phí', 200_000]]],
    ]);
    expect(result.procedures[0]?.components).toEqual([
      {
        code: 'TP01',
        name: 'Tờ khai đăng ký khai sinh theo mẫu',
        required: true,
        originals: 1,
        copies: 0,
        formTemplate: 'Tờ khai đăng ký khai sinh',
      },
      { code: 'TP02', name: 'Giấy chứng sinh', required: true, originals: 1, copies: 0, formTemplate: null },
    ]);
    expect(result.procedures[2]?.components.map((c) => c.required)).toEqual([false, true]);
  });

  it('reads merged cells and rich text: a merged Mã TTHC covers every component row beside it', async () => {
    const bytes = await workbook(
      {
        [CATALOG_SHEETS.procedures]: [
          PROCEDURE_HEADER,
          [
            1,
            '1.000656.000.00.00.H56',
            { richText: [{ text: 'Thủ tục đăng ký ' }, { text: 'khai tử', font: { bold: true } }] },
            null,
            'Hộ tịch',
            'Xã',
            4,
            'Giờ làm việc',
            null,
            0,
          ],
        ],
        [CATALOG_SHEETS.components]: [
          COMPONENT_HEADER,
          ['1.000656.000.00.00.H56', 'TP01', 'Tờ khai đăng ký khai tử theo mẫu', 'Có', 1, 0, null],
          [null, 'TP02', 'Giấy báo tử', 'Có', 1, 0, null],
          [null, 'TP03', 'Văn bản ủy quyền', 'Không', 1, 0, null],
          [null, null, null, null, null, null, null],
        ],
      },
      (book) => book.getWorksheet(CATALOG_SHEETS.components)!.mergeCells('A2:A5'),
    );
    const result = await read(bytes);
    expect(result.rejected).toEqual([]);
    expect(result.procedures[0]?.name).toBe('Thủ tục đăng ký khai tử');
    expect(result.procedures[0]?.components.map((c) => c.code)).toEqual(['TP01', 'TP02', 'TP03']);
  });

  it('rejects broken rows with the sheet, the row and a Vietnamese reason, and keeps the good ones', async () => {
    const bytes = await workbook({
      [CATALOG_SHEETS.procedures]: [
        PROCEDURE_HEADER,
        [1, '1.001193.000.00.00.H56', 'Thủ tục đăng ký khai sinh', null, 'Hộ tịch', 'Xã', 4, 'Giờ làm việc', null, 0],
        [2, null, 'Thủ tục không có mã', null, 'Hộ tịch', 'Xã', 3, 'Ngày làm việc', null, null],
        [3, '1.000656.000.00.00.H56', 'Thủ tục đăng ký khai tử', null, 'Hộ tịch', 'Xã', 2, 'tuần', null, null],
        [4, '2.000884.000.00.00.H56', 'Thủ tục chứng thực chữ ký', null, 'Chứng thực', 'Xã', 1, 'Ngày làm việc', '-10.000', null],
        [5, '2.000815.000.00.00.H56', 'Thủ tục chứng thực bản sao', null, 'Chứng thực', 'Xã', 1, 'Ngày làm việc', '2.000 đ/trang', null],
        [6, '1.000894.000.00.00.H56', 'Thủ tục đăng ký kết hôn', null, 'Hộ tịch', 'Thôn', 'năm', 'Ngày làm việc', null, null],
        [7, '1.001193.000.00.00.H56', 'Bản trùng mã', null, 'Hộ tịch', 'Xã', 4, 'Giờ làm việc', null, null],
      ],
      [CATALOG_SHEETS.components]: [
        COMPONENT_HEADER,
        ['1.001193.000.00.00.H56', 'TP01', 'Tờ khai đăng ký khai sinh theo mẫu', 'Có', 1, 0, null],
        ['1.001193.000.00.00.H56', 'TP02', 'Giấy chứng sinh', 'Có', 1, 0, null],
        ['1.000656.000.00.00.H56', 'TP01', 'Tờ khai đăng ký khai tử', 'Có', 1, 0, null],
        ['2.000884.000.00.00.H56', 'TP01', 'Giấy tờ sẽ ký', 'Có', 1, 0, null],
        ['2.000815.000.00.00.H56', 'TP01', 'Bản chính', 'Có', 1, 0, null],
        ['2.000815.000.00.00.H56', 'TP01', 'Bản sao', 'Không', 0, 1, null],
        ['1.000894.000.00.00.H56', 'TP01', 'Tờ khai đăng ký kết hôn', 'có lẽ', 'một', 0, null],
        ['9.999999.000.00.00.H56', 'TP01', 'Thành phần của thủ tục không có', 'Có', 1, 0, null],
        [null, 'TP09', 'Thành phần không ghi mã thủ tục', 'Có', 1, 0, null],
      ],
    });
    const result = await read(bytes);
    expect(result.procedures.map((p) => p.code)).toEqual(['1.001193.000.00.00.H56']);
    const byRow = (sheet: string, row: number) => result.rejected.find((r) => r.sheet === sheet && r.row === row);
    const P = CATALOG_SHEETS.procedures;
    const C = CATALOG_SHEETS.components;

    expect(byRow(P, 3)).toEqual({
      sheet: P,
      row: 3,
      code: null,
      problems: [{ field: 'code', code: 'CATALOG_FIELD_REQUIRED', message: 'Mã TTHC: không được để trống.' }],
    });
    expect(byRow(P, 4)?.problems).toEqual([
      {
        field: 'duration.unit',
        code: 'CATALOG_FIELD_NOT_ALLOWED',
        message:
          'Đơn vị thời hạn: giá trị “tuần” không hợp lệ; chỉ nhận một trong các giá trị “Ngày làm việc”, “Giờ làm việc”, “Ngày”, “Trong ngày”, “Không quy định”.',
      },
    ]);
    expect(byRow(P, 5)?.problems).toEqual([
      { field: 'fees.0.amount', code: 'CATALOG_FIELD_NEGATIVE', message: 'Phí: không được là số âm (đang là -10000).' },
    ]);
    expect(byRow(P, 6)?.problems).toEqual([
      {
        field: 'fees.0.amount',
        code: 'CATALOG_XLSX_NOT_A_NUMBER',
        message: expect.stringContaining('Phí: “2.000 đ/trang” không phải là số'),
      },
      {
        field: 'components.1.code',
        code: 'CATALOG_DUPLICATE_COMPONENT',
        message: 'Mã thành phần (sheet “Thành phần hồ sơ”, dòng 7): mã thành phần “TP01” trùng với một thành phần khác của cùng thủ tục.',
      },
    ]);
    expect(byRow(P, 7)?.problems.map((p) => [p.field, p.code, p.message])).toEqual([
      [
        'level',
        'CATALOG_FIELD_NOT_ALLOWED',
        expect.stringContaining('Cấp thực hiện: giá trị “Thôn” không hợp lệ; chỉ nhận một trong các giá trị “Tỉnh”, “Xã”, “Huyện”'),
      ],
      ['duration.value', 'CATALOG_XLSX_NOT_A_NUMBER', expect.stringContaining('Thời hạn giải quyết: “năm” không phải là số')],
      [
        'components.0.required',
        'CATALOG_XLSX_NOT_YES_NO',
        'Bắt buộc (sheet “Thành phần hồ sơ”, dòng 8): “có lẽ” không hợp lệ; ghi “Có” hoặc “Không”.',
      ],
      [
        'components.0.originals',
        'CATALOG_XLSX_NOT_A_NUMBER',
        expect.stringContaining('Bản chính (sheet “Thành phần hồ sơ”, dòng 8): “một”'),
      ],
    ]);
    expect(byRow(P, 8)?.problems).toEqual([
      { field: 'code', code: 'CATALOG_DUPLICATE_PROCEDURE', message: expect.stringContaining('đã có ở sheet “Thủ tục”, dòng 2') },
    ]);
    expect(byRow(C, 9)).toEqual({
      sheet: C,
      row: 9,
      code: '9.999999.000.00.00.H56',
      problems: [
        {
          field: 'code',
          code: 'CATALOG_XLSX_UNKNOWN_PROCEDURE',
          message: 'Mã TTHC “9.999999.000.00.00.H56” không có trong sheet “Thủ tục”, nên dòng này không thuộc thủ tục nào.',
        },
      ],
    });
    expect(byRow(C, 10)?.problems).toEqual([{ field: 'code', code: 'CATALOG_FIELD_REQUIRED', message: 'Mã TTHC: không được để trống.' }]);
    expect(result.rejected).toHaveLength(8);
  });

  it('reads extra fees from the "Phí, lệ phí" sheet and refuses a procedure whose fees are in both places', async () => {
    const bytes = await workbook({
      [CATALOG_SHEETS.procedures]: [
        PROCEDURE_HEADER,
        [1, 'A.1', 'Thủ tục có hai lệ phí', null, 'Đất đai', 'Tỉnh', 10, 'Ngày làm việc', null, null],
        [2, 'A.2', 'Thủ tục khai hai nơi', null, 'Đất đai', 'Tỉnh', 10, 'Ngày làm việc', 500000, null],
      ],
      [CATALOG_SHEETS.components]: [COMPONENT_HEADER, ['A.1', 'TP01', 'Đơn', 'Có', 1, 0, null], ['A.2', 'TP01', 'Đơn', 'Có', 1, 0, null]],
      'Phi, le phi': [
        ['Mã TTHC', 'Loại', 'Tên phí, lệ phí', 'Mức thu'],
        ['A.1', 'Lệ phí', 'Lệ phí cấp giấy chứng nhận', '100.000 đồng'],
        ['A.1', 'le phi', 'Lệ phí trích lục bản đồ', 'Miễn'],
        ['A.2', 'Phí', 'Phí thẩm định', 1000],
        ['A.9', 'Phí', 'Phí của thủ tục không có', 1000],
        ['A.1', 'Thuế', 'Thuế', 1],
      ],
    });
    const result = await read(bytes);
    expect(result.procedures).toEqual([]);
    const [first, second, orphan] = result.rejected;
    expect(first?.problems).toEqual([
      {
        field: 'fees.2.kind',
        code: 'CATALOG_FIELD_NOT_ALLOWED',
        message: expect.stringContaining('Loại (sheet “Phí, lệ phí”, dòng 6): giá trị “Thuế”'),
      },
    ]);
    expect(second?.problems.map((p) => p.code)).toEqual(['CATALOG_XLSX_FEES_TWICE']);
    expect(orphan).toMatchObject({ sheet: CATALOG_SHEETS.fees, row: 5, code: 'A.9' });
  });

  it('names the missing column and the missing sheet', async () => {
    const noUnit = await workbook({
      [CATALOG_SHEETS.procedures]: [PROCEDURE_HEADER.filter((h) => h !== 'Đơn vị thời hạn' && h !== 'Lĩnh vực')],
      [CATALOG_SHEETS.components]: [COMPONENT_HEADER],
    });
    expect(await failure(noUnit)).toEqual({
      code: 'CATALOG_XLSX_COLUMNS_MISSING',
      message: expect.stringContaining('Sheet “Thủ tục” thiếu cột: “Lĩnh vực”, “Đơn vị thời hạn”.'),
    });
    const noComponents = await workbook({ [CATALOG_SHEETS.procedures]: [PROCEDURE_HEADER], Sheet1: [] });
    expect(await failure(noComponents)).toEqual({
      code: 'CATALOG_XLSX_SHEET_MISSING',
      message: 'Bảng tính thiếu sheet “Thành phần hồ sơ”. Các sheet đang có: “Thủ tục”, “Sheet1”.',
    });
  });
});

/** A zip holding only a central directory, whose one entry claims `size` uncompressed bytes. */
function zipDeclaring(size: number): Uint8Array {
  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt32LE(size, 24);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(entry.length, 12);
  end.writeUInt32LE(0, 16);
  return new Uint8Array(Buffer.concat([entry, end]));
}

/** A real, stored (uncompressed) zip of one text file: a valid archive that is not a workbook. */
function plainZip(name: string, text: string): Uint8Array {
  const data = Buffer.from(text);
  const nameBytes = Buffer.from(name);
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const localPart = Buffer.concat([local, nameBytes, data]);
  const centralPart = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return new Uint8Array(Buffer.concat([localPart, centralPart, end]));
}

describe('catalogue spreadsheet: files that are not a catalogue', () => {
  it.each([
    { label: 'a zero-byte file', bytes: new Uint8Array(0), code: 'CATALOG_EMPTY_FILE' },
    {
      label: 'a CSV export',
      bytes: new Uint8Array(Buffer.from('Mã TTHC,Tên thủ tục\n1.001193,Đăng ký khai sinh\n')),
      code: 'CATALOG_XLSX_NOT_XLSX',
    },
    { label: 'a PDF', bytes: new Uint8Array(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')), code: 'CATALOG_XLSX_NOT_XLSX' },
    {
      label: 'an Excel 97–2003 file',
      bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array<number>(504).fill(0)]),
      code: 'CATALOG_XLSX_LEGACY_XLS',
    },
    { label: 'a zip bomb', bytes: zipDeclaring(0xfffffff0), code: 'CATALOG_XLSX_TOO_LARGE_UNPACKED' },
    { label: 'a file over the size limit', bytes: new Uint8Array(MAX_XLSX_BYTES + 1), code: 'CATALOG_TOO_LARGE' },
  ])('refuses $label with $code', async ({ bytes, code }) => {
    const error = await failure(bytes);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(VIETNAMESE);
  });

  it('refuses a zip that is not a workbook', async () => {
    const error = await failure(plainZip('ghi-chu.txt', 'Không phải bảng tính'));
    expect(['CATALOG_XLSX_UNREADABLE', 'CATALOG_XLSX_SHEET_MISSING']).toContain(error.code);
  });

  it('refuses a workbook damaged inside, and one cut short', async () => {
    const good = Buffer.from(await writeCatalogXlsx(sampleCatalog()));
    const damaged = Buffer.from(good);
    for (let i = 200; i < damaged.length - 2_000; i += 7) damaged[i] = damaged[i]! ^ 0x5a;
    expect((await failure(new Uint8Array(damaged))).code).toBe('CATALOG_XLSX_UNREADABLE');
    expect((await failure(new Uint8Array(good.subarray(0, good.length / 2)))).code).toBe('CATALOG_XLSX_NOT_XLSX');
  });

  it('refuses a 50,000-row sheet with a clear message instead of importing it', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(CATALOG_SHEETS.procedures);
    sheet.addRow(PROCEDURE_HEADER);
    for (let i = 1; i <= 50_000; i++) sheet.addRow([i, `9.${String(i).padStart(6, '0')}`]);
    book.addWorksheet(CATALOG_SHEETS.components).addRow(COMPONENT_HEADER);
    const error = await failure(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(error).toEqual({
      code: 'CATALOG_XLSX_TOO_MANY_ROWS',
      message: 'Sheet “Thủ tục” có 50001 dòng, vượt giới hạn 10000 dòng của một lần nhập. Hãy chia danh mục thành nhiều tệp.',
    });
  });
});

describe('catalogue spreadsheet: same-day procedures (docs/domain.md §8.4)', () => {
  const header = [...PROCEDURE_HEADER, 'Giờ chốt trong ngày'];
  const row = (code: string, limit: Cell, unit: Cell, cutoff: Cell = null): Cell[] => [
    1,
    code,
    'Chứng thực bản sao từ bản chính',
    null,
    'Chứng thực',
    'Xã',
    limit,
    unit,
    null,
    null,
    null,
    cutoff,
  ];
  const components = (codes: string[]): Cell[][] => [
    COMPONENT_HEADER,
    ...codes.map((c) => [c, 'TP01', 'Bản chính giấy tờ', 'Có', 1, 0, null]),
  ];

  it('reads "Trong ngày" in the unit or the limit column, with or without a cut-off', async () => {
    const codes = ['2.000815.000.00.00.H56', '2.000816.000.00.00.H56', '2.000817.000.00.00.H56', '2.000818.000.00.00.H56'];
    const result = await read(
      await workbook({
        [CATALOG_SHEETS.procedures]: [
          header,
          row(codes[0]!, null, 'Trong ngày'),
          row(codes[1]!, 'Trong ngày', null),
          row(codes[2]!, 0, 'trong ngày làm việc', '10:30'),
          row(codes[3]!, 'Trong ngày', 'Trong ngày', 0.625),
        ],
        [CATALOG_SHEETS.components]: components(codes),
      }),
    );
    expect(result.rejected).toEqual([]);
    expect(result.procedures.map((p) => p.duration)).toEqual([
      { unit: 'sameDay', value: 0 },
      { unit: 'sameDay', value: 0 },
      { unit: 'sameDay', value: 0, cutoff: '10:30' },
      { unit: 'sameDay', value: 0, cutoff: '15:00' },
    ]);
  });

  it('refuses a malformed cut-off and a cut-off on a procedure counted in days, naming the column', async () => {
    const codes = ['2.000815.000.00.00.H56', '2.000816.000.00.00.H56'];
    const result = await read(
      await workbook({
        [CATALOG_SHEETS.procedures]: [header, row(codes[0]!, null, 'Trong ngày', '25:00'), row(codes[1]!, 5, 'Ngày làm việc', '15:00')],
        [CATALOG_SHEETS.components]: components(codes),
      }),
    );
    expect(result.procedures).toEqual([]);
    const messages = result.rejected.map((r) => r.problems.map((p) => p.message).join(' '));
    expect(messages[0]).toContain('Giờ chốt trong ngày');
    expect(messages[0]).toContain('“25:00”');
    expect(messages[1]).toContain('chỉ ghi cho thủ tục giải quyết trong ngày');
  });

  it('writes a same-day procedure and its cut-off and reads them back', async () => {
    const [base] = sampleCatalog();
    const procedures: Procedure[] = [
      { ...base!, code: '2.000815.000.00.00.H56', duration: { unit: 'sameDay', value: 0 } },
      { ...base!, code: '2.000816.000.00.00.H56', duration: { unit: 'sameDay', value: 0, cutoff: '11:00' } },
    ];
    const back = await read(await writeCatalogXlsx(procedures));
    expect(back.rejected).toEqual([]);
    expect(back.procedures).toEqual(procedures);
  });
});
