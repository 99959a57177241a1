// npm run bench:search — procedure search over a 2,000-procedure catalogue (target p95 ≤ 5 ms per
// query), against a named baseline: folding every name at query time and testing substrings, the
// way a naive implementation (or SQLite LIKE over a folded column without a prepared index) works.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCatalogJson } from '../../shared/catalog/parse-catalog';
import type { Procedure } from '../../shared/catalog/procedure';
import { ProcedureSearchIndex } from '../../shared/catalog/procedure-search';
import { foldVietnamese } from '../../shared/domain/text';
import { ms, summarize, timed } from './stats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sample = parseCatalogJson(fs.readFileSync(path.join(root, 'electron/core/catalog/sample-catalog.json'), 'utf8'));
if (!sample.ok) throw new Error(sample.error.message);

// A provincial catalogue: the sample's procedures repeated with the qualifiers real catalogues use.
const qualifiers = [
  '',
  ' có yếu tố nước ngoài',
  ' lưu động',
  ' (liên thông)',
  ' cấp tỉnh',
  ' cấp xã',
  ' trực tuyến một phần',
  ' đối với cá nhân',
  ' đối với tổ chức',
  ' cho người Việt Nam định cư ở nước ngoài',
];
const procedures: Procedure[] = [];
for (let i = 0; procedures.length < 2000; i++) {
  const base = sample.value.procedures[i % sample.value.procedures.length]!;
  const q = qualifiers[Math.floor(i / sample.value.procedures.length) % qualifiers.length]!;
  procedures.push({
    ...base,
    code: `${i + 1}.${String(100000 + i)}.000.00.00.H56`,
    name: `${base.name}${q}${i >= 380 ? ` (${Math.floor(i / 380)})` : ''}`,
  });
}

const queries = [
  'dang ky khai sinh',
  'ĐKKS',
  'khai tu',
  'ket hon nuoc ngoai',
  'chung thuc ban sao',
  'ly lich tu phap',
  '1.0001',
  'ho kinh doanh',
  'giay phep xay dung',
  'tro cap',
  'dat dai',
  'xac nhan tinh trang hon nhan',
  'dkkh',
  'thuong tru',
  'giay phep lai xe',
  'cap doi',
  'nguoi co cong',
  'doanh nghiep',
  'chung thuc chu ky',
  'khuyet tat',
];

const index = new ProcedureSearchIndex(procedures);
const baseline = (query: string) => {
  const folded = foldVietnamese(query);
  return procedures.filter((p) => foldVietnamese(p.name).includes(folded) || p.code.toLowerCase().includes(folded)).slice(0, 20);
};

const rounds = 50;
for (const q of queries) index.search(q); // warm-up: JIT, not the measurement
const indexed: number[] = [];
const naive: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const q of queries) {
    indexed.push(timed(() => index.search(q, 20))[1]);
    naive.push(timed(() => baseline(q))[1]);
  }
}
const [, buildMs] = timed(() => new ProcedureSearchIndex(procedures));
const a = summarize(indexed);
const b = summarize(naive);
console.log(`bench:search — ${procedures.length} procedures, ${a.n} queries (${queries.length} kinds × ${rounds})`);
console.log(`index build: ${ms(buildMs)}`);
console.log(`ProcedureSearchIndex: p50 ${ms(a.p50)}  p95 ${ms(a.p95)}  p99 ${ms(a.p99)}  max ${ms(a.max)}`);
console.log(`baseline (fold at query time, substring): p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  max ${ms(b.max)}`);
console.log(`ratio p95 baseline/index: ${(b.p95 / a.p95).toFixed(2)}×`);
console.log(`target p95 ≤ 5 ms: ${a.p95 <= 5 ? 'met' : 'NOT met'}`);
