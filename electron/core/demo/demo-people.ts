import type { PartyInput } from '../../../shared/reception/draft';

/** mulberry32: a tiny seeded generator, so `--seed` reproduces the same demo data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE_NAMES = {
  male: ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Công', 'Xuân'],
  female: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Hồng', 'Phương'],
};
const GIVEN_NAMES = {
  male: [
    'Anh',
    'Bình',
    'Cường',
    'Dũng',
    'Hùng',
    'Hải',
    'Khánh',
    'Long',
    'Nam',
    'Phúc',
    'Quân',
    'Sơn',
    'Thắng',
    'Tuấn',
    'Việt',
    'Đạt',
    'Hiếu',
  ],
  female: ['Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga', 'Nhung', 'Phương', 'Thảo', 'Trang', 'Vy', 'Yến', 'Hằng', 'Hạnh', 'Loan', 'Oanh'],
};
const HAMLETS = ['Thôn Đông', 'Thôn Tây', 'Thôn Trung', 'Thôn Nam', 'Thôn Bắc', 'Xóm Chùa', 'Xóm Mới', 'Thôn Yên Lạc', 'Thôn Phú Thọ'];
const MOBILE_PREFIXES = ['090', '091', '093', '094', '096', '097', '098', '032', '033', '035', '038', '086', '088'];

function digits(random: () => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += String(Math.floor(random() * 10));
  return out;
}

/**
 * A 12-digit CCCD number laid out as the Ministry of Public Security does: birth province code,
 * one digit for sex and century (0/1 born 1900s male/female, 2/3 born 2000s), two digits of the
 * birth year, six random digits.
 */
export function cccdNumber(random: () => number, provinceCode: string, sex: 'male' | 'female', birthYear: number): string {
  const century = birthYear >= 2000 ? 2 : 0;
  return `${provinceCode}${century + (sex === 'female' ? 1 : 0)}${String(birthYear % 100).padStart(2, '0')}${digits(random, 6)}`;
}

/** A citizen of the commune with a plausible name, CCCD, birth date, address and phone. */
export function demoCitizen(random: () => number, commune: string, provinceCode = '038'): PartyInput {
  const sex = random() < 0.5 ? 'male' : 'female';
  const birthYear = 1950 + Math.floor(random() * 56);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return {
    kind: 'citizen',
    fullName: `${pick(random, FAMILY_NAMES)} ${pick(random, MIDDLE_NAMES[sex])} ${pick(random, GIVEN_NAMES[sex])}`,
    idNumber: cccdNumber(random, provinceCode, sex, birthYear),
    oldIdNumber: null,
    taxCode: null,
    dateOfBirth: `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    sex,
    address: `${pick(random, HAMLETS)}, ${commune}`,
    issueDate: null,
    phone: `${pick(random, MOBILE_PREFIXES)}${digits(random, 7)}`,
    email: '',
  };
}
