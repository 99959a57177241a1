import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../../../shared/domain/text';

describe('foldVietnamese', () => {
  it.each([
    ['Đăng ký khai sinh', 'dang ky khai sinh'],
    ['đ', 'd'],
    ['Đ', 'd'],
    ['ĐỖ ĐỨC ĐẠT', 'do duc dat'],
    ['Thủ tục đăng ký kết hôn', 'thu tuc dang ky ket hon'],
    ['Cấp Giấy chứng nhận quyền sử dụng đất', 'cap giay chung nhan quyen su dung dat'],
    ['Nguyễn Thị Ánh Tuyết', 'nguyen thi anh tuyet'],
    ['Hồ Chí Minh', 'ho chi minh'],
    ['ă â ê ô ơ ư', 'a a e o o u'],
    ['Ă Â Ê Ô Ơ Ư', 'a a e o o u'],
    ['already plain ascii', 'already plain ascii'],
    ['', ''],
    ['CCCD 001089012345', 'cccd 001089012345'],
    ['Phường 1, Quận 3 – TP.HCM', 'phuong 1, quan 3 – tp.hcm'],
  ])('%j → %j', (input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });

  const TONES: [string, string][] = [
    ['a', 'aàáảãạ'],
    ['a', 'ăằắẳẵặ'],
    ['a', 'âầấẩẫậ'],
    ['e', 'eèéẻẽẹ'],
    ['e', 'êềếểễệ'],
    ['i', 'iìíỉĩị'],
    ['o', 'oòóỏõọ'],
    ['o', 'ôồốổỗộ'],
    ['o', 'ơờớởỡợ'],
    ['u', 'uùúủũụ'],
    ['u', 'ưừứửữự'],
    ['y', 'yỳýỷỹỵ'],
  ];

  it.each(TONES)('folds every tone of the %s family, lower and upper case, NFC and NFD', (base, letters) => {
    for (const letter of letters) {
      for (const form of [letter, letter.toUpperCase()]) {
        expect(foldVietnamese(form.normalize('NFC')), form).toBe(base);
        expect(foldVietnamese(form.normalize('NFD')), form).toBe(base);
      }
    }
  });

  it.each([
    ['NFD input', 'Đăng ký khai sinh'.normalize('NFD'), 'dang ky khai sinh'],
    ['NFD upper case', 'NGUYỄN VĂN AN'.normalize('NFD'), 'nguyen van an'],
    ['a tone typed as a combining mark after the composed vowel', 'Nguye\u0302\u0303n', 'nguyen'],
    ['the eth some legacy input methods use for Đ', 'Ðặng ðình', 'dang dinh'],
  ])('%s', (_label, input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });

  it.each([
    ['double spaces', 'Đăng  ký   khai sinh', 'dang ky khai sinh'],
    ['tabs and newlines', 'Đăng\tký\r\nkhai sinh', 'dang ky khai sinh'],
    ['no-break and ideographic spaces', 'Đăng\u00a0ký\u3000khai\u2009sinh', 'dang ky khai sinh'],
    ['leading and trailing white space', '  \t Đăng ký khai sinh \n ', 'dang ky khai sinh'],
    ['white space only', ' \t\n ', ''],
  ])('collapses %s', (_label, input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });

  it('makes a query without diacritics match the indexed name', () => {
    const indexed = foldVietnamese('Thủ tục Đăng ký khai sinh có yếu tố nước ngoài');
    expect(indexed.includes(foldVietnamese('dang ky khai sinh'))).toBe(true);
    expect(indexed.includes(foldVietnamese('ĐĂNG KÝ'))).toBe(true);
  });

  it('is idempotent', () => {
    const once = foldVietnamese('  Ủy ban Nhân dân xã Đông Sơn ');
    expect(foldVietnamese(once)).toBe(once);
  });
});
