import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogJson } from '../../../../shared/catalog/parse-catalog';
import type { Procedure } from '../../../../shared/catalog/procedure';
import { foldVietnamese } from '../../../../shared/domain/text';

const SAMPLE_PATH = new URL('../../../../electron/core/catalog/sample-catalog.json', import.meta.url);
const rawText = fs.readFileSync(SAMPLE_PATH, 'utf8');
const raw = JSON.parse(rawText) as { version: number; procedures: unknown[] };

function loadSample(): Procedure[] {
  const result = parseCatalogJson(rawText);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.procedures;
}

const procedures = loadSample();

/** Letters that only Vietnamese text has; mojibake ("Ä‘", "Ã¡") and stripped text have none. */
const VIETNAMESE_LETTER = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
const MOJIBAKE = /[ÃÄÆÅ]|\uFFFD/;

function texts(procedure: Procedure): string[] {
  return [
    procedure.name,
    procedure.sectorName,
    ...procedure.fees.map((fee) => fee.name),
    ...procedure.components.flatMap((c) => [c.name, c.formTemplate ?? '']),
  ];
}

describe('the embedded sample catalogue', () => {
  it('is a version 1 catalogue of at least 32 procedures, every one valid', () => {
    expect(raw.version).toBe(1);
    expect(raw.procedures.length).toBeGreaterThanOrEqual(32);
    const result = parseCatalogJson(rawText);
    expect(result.ok && result.value.rejected).toEqual([]);
    expect(procedures).toHaveLength(raw.procedures.length);
  });

  it('is stored exactly as the schema reads it, so nothing relies on defaults or trimming', () => {
    expect(procedures).toEqual(raw.procedures);
  });

  it('has unique procedure codes in the DVCQG shape', () => {
    const codes = procedures.map((p) => p.code.toUpperCase());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^\d\.\d{6}\.000\.00\.00\.H56$/);
  });

  it('marks every code it does not vouch for as a sample, including every invented 9.9xxxxx code', () => {
    const verified = procedures.filter((p) => !p.sample);
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.length).toBeLessThan(procedures.length);
    for (const procedure of procedures.filter((p) => p.code.startsWith('9.9'))) expect(procedure.sample, procedure.code).toBe(true);
  });

  it('covers both levels of the two-level government and no abolished district procedure', () => {
    const commune = procedures.filter((p) => p.level === 'commune');
    const province = procedures.filter((p) => p.level === 'province');
    expect(commune.length).toBeGreaterThanOrEqual(15);
    expect(province.length).toBeGreaterThanOrEqual(8);
    expect(procedures.some((p) => p.level === 'district')).toBe(false);
  });

  it('gives every procedure at least one required component, and unique component codes', () => {
    for (const procedure of procedures) {
      expect(
        procedure.components.some((c) => c.required),
        procedure.name,
      ).toBe(true);
      const codes = procedure.components.map((c) => c.code);
      expect(new Set(codes).size, procedure.name).toBe(codes.length);
      for (const component of procedure.components) {
        expect(component.originals + component.copies, component.name).toBeGreaterThan(0);
      }
    }
  });

  it('stores Vietnamese text composed (NFC), with diacritics and without mojibake', () => {
    expect(rawText).toBe(rawText.normalize('NFC'));
    for (const procedure of procedures) {
      for (const text of texts(procedure)) {
        expect(text, procedure.code).toBe(text.normalize('NFC'));
        expect(text, procedure.code).not.toMatch(MOJIBAKE);
        expect(text, procedure.code).toBe(text.trim());
      }
      expect(procedure.name, procedure.code).toMatch(VIETNAMESE_LETTER);
      expect(procedure.sectorName, procedure.code).toMatch(VIETNAMESE_LETTER);
    }
  });

  it('uses every kind of duration it needs, in whole numbers', () => {
    const units = new Set(procedures.map((p) => p.duration.unit));
    expect([...units].sort()).toEqual(['calendarDays', 'sameDay', 'workingDays']);
    for (const procedure of procedures) expect(Number.isInteger(procedure.duration.value), procedure.name).toBe(true);
  });

  it('makes the civil-status and certification procedures the law settles "trong ngày" same-day, not a number of hours (docs/domain.md §8.4)', () => {
    const unitOf = (fragment: string) => procedures.find((p) => foldVietnamese(p.name).includes(fragment))?.duration;
    for (const fragment of [
      'thu tuc dang ky khai sinh',
      'thu tuc dang ky khai tu',
      'thu tuc dang ky ket hon',
      'ban sao trich luc ho tich',
      'chung thuc ban sao tu ban chinh',
      'chung thuc chu ky',
    ]) {
      expect(unitOf(fragment), fragment).toEqual({ unit: 'sameDay', value: 0 });
    }
    expect(procedures.some((p) => p.duration.unit === 'workingHours')).toBe(false);
  });

  it('states fees in whole đồng, both phí and lệ phí, with the well-known amounts', () => {
    const fee = (fragment: string) => procedures.find((p) => foldVietnamese(p.name).includes(fragment))?.fees ?? [];
    expect(fee('phieu ly lich tu phap')).toEqual([expect.objectContaining({ kind: 'phi', amount: 200_000 })]);
    expect(fee('chung thuc ban sao tu ban chinh')).toEqual([expect.objectContaining({ kind: 'phi', amount: 2_000 })]);
    expect(fee('chung thuc chu ky')).toEqual([expect.objectContaining({ kind: 'phi', amount: 10_000 })]);
    expect(fee('thu tuc dang ky khai sinh')).toEqual([expect.objectContaining({ kind: 'lePhi', amount: 0 })]);
    expect(fee('mot thanh vien').map((f) => f.kind)).toEqual(['phi', 'lePhi']);
  });

  it('lets an officer find the everyday procedures by typing without diacritics', () => {
    const find = (typed: string) => procedures.filter((p) => foldVietnamese(p.name).includes(typed));
    for (const typed of [
      'dang ky khai sinh',
      'dang ky khai tu',
      'dang ky ket hon',
      'nhan cha, me, con',
      'cai chinh',
      'trich luc ho tich',
      'tinh trang hon nhan',
      'giam ho',
      'bao hiem y te',
      'chung thuc ban sao',
      'chung thuc chu ky',
      'chung thuc hop dong',
      'ho kinh doanh',
      'tro cap xa hoi',
      'nguoi co cong',
      'ly lich tu phap',
      'trach nhiem huu han',
      'giay phep lai xe',
      'giay phep xay dung',
      'giay chung nhan quyen su dung dat',
      'giay phep lao dong',
      'hanh nghe',
    ]) {
      expect(find(typed).length, typed).toBeGreaterThan(0);
    }
  });

  it('names the birth registration components as the law does', () => {
    const birth = procedures.find((p) => p.code.startsWith('1.001193.'));
    expect(birth?.sample).toBe(false);
    expect(birth?.components[0]).toMatchObject({ name: 'Tờ khai đăng ký khai sinh theo mẫu', required: true });
    expect(birth?.components.some((c) => c.name.startsWith('Giấy chứng sinh') && c.required)).toBe(true);
  });
});
