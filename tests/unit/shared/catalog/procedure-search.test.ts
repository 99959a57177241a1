import { describe, expect, it } from 'vitest';
import { ProcedureSearchIndex } from '../../../../shared/catalog/procedure-search';

const procedures = [
  { code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh', sectorName: 'Hộ tịch' },
  { code: '1.000894.000.00.00.H56', name: 'Đăng ký kết hôn', sectorName: 'Hộ tịch' },
  { code: '1.000656.000.00.00.H56', name: 'Đăng ký khai tử', sectorName: 'Hộ tịch' },
  { code: '2.000986.000.00.00.H56', name: 'Đăng ký khai sinh lưu động', sectorName: 'Hộ tịch' },
  { code: '2.000815.000.00.00.H56', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', sectorName: 'Chứng thực' },
  { code: '1.001612.000.00.00.H56', name: 'Đăng ký thành lập hộ kinh doanh', sectorName: 'Thành lập và hoạt động của hộ kinh doanh' },
  { code: '1.004940.000.00.00.H56', name: 'Xác nhận tình trạng hôn nhân', sectorName: 'Hộ tịch' },
  { code: '2.001008.000.00.00.H56', name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', sectorName: 'Lý lịch tư pháp' },
];
const index = new ProcedureSearchIndex(procedures);
const top = (q: string) => index.search(q, 3).map((m) => m.item.name);

describe('ProcedureSearchIndex', () => {
  it.each([
    ['dang ky khai sinh', 'Đăng ký khai sinh'],
    ['Đăng ký khai sinh', 'Đăng ký khai sinh'],
    ['DANG KY KHAI SINH', 'Đăng ký khai sinh'],
    ['ĐKKS', 'Đăng ký khai sinh'],
    ['dkks', 'Đăng ký khai sinh'],
    ['dkkh', 'Đăng ký kết hôn'],
    ['ket hon', 'Đăng ký kết hôn'],
    ['khai tu', 'Đăng ký khai tử'],
    ['chung thuc ban sao', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản'],
    ['ly lich', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam'],
    ['1.001193', 'Đăng ký khai sinh'],
    ['1.001193.000.00.00.H56', 'Đăng ký khai sinh'],
    ['ho kinh doanh', 'Đăng ký thành lập hộ kinh doanh'],
    ['tinh trang hon nhan', 'Xác nhận tình trạng hôn nhân'],
  ])('finds %j first as %s', (query, expected) => {
    expect(top(query)[0]).toBe(expected);
  });

  it('ranks the shorter exact name before a longer one with the same words', () => {
    expect(top('dang ky khai sinh')).toEqual(['Đăng ký khai sinh', 'Đăng ký khai sinh lưu động']);
  });

  it('matches word prefixes typed partly', () => {
    expect(top('dang k khai s')[0]).toBe('Đăng ký khai sinh');
  });

  it('folds decomposed (NFD) input the same as composed', () => {
    expect(top('Đăng ký khai sinh'.normalize('NFD'))[0]).toBe('Đăng ký khai sinh');
  });

  it.each(['', '   ', 'zzzz', 'khai sinh ket hon xyz'])('returns nothing useful for %j', (query) => {
    expect(index.search(query)).toEqual([]);
  });

  it('finds by sector as a last resort', () => {
    expect(index.search('chung thuc').map((m) => m.item.sectorName)).toContain('Chứng thực');
  });

  it('ignores a leading "Thủ tục" in catalogue names', () => {
    const withPrefix = new ProcedureSearchIndex([
      { code: 'A', name: 'Thủ tục đăng ký khai sinh', sectorName: 'Hộ tịch' },
      { code: 'B', name: 'Thủ tục đăng ký khai sinh lưu động', sectorName: 'Hộ tịch' },
    ]);
    expect(withPrefix.search('ĐKKS')[0]!.item.code).toBe('A');
    expect(withPrefix.search('dang ky khai sinh').map((m) => m.item.code)).toEqual(['A', 'B']);
  });

  it('honours the limit', () => {
    expect(index.search('dang ky', 2)).toHaveLength(2);
  });
});
