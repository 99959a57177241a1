import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { startWithAdmin } from '../../helpers/test-core';

describe("the admin's catalogue tab (issue 13 point 11)", () => {
  it('lists the procedures loaded now, by name, and gives them as the import workbook that imports back unchanged', async () => {
    const t = await startWithAdmin();
    const overview = await t.must('admin-window', 'catalog.overview', {});
    expect(overview.count).toBeGreaterThan(30);
    expect(overview.procedures).toHaveLength(overview.count);
    const names = overview.procedures.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));

    const template = await t.must('admin-window', 'catalog.exportXlsx', {});
    expect(template.fileName).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.dataBase64, 'base64') as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    const report = await t.must('admin-window', 'catalog.importXlsx', { dataBase64: template.dataBase64, source: template.fileName });
    expect(report.rejected).toEqual([]);
    expect((await t.must('admin-window', 'catalog.overview', {})).count).toBe(overview.count);
  });
});
