// npm run bench:reception — accepting 1,000 dossiers through the core's dispatcher, then look-up
// p95 over a 100,000-dossier database (target ≤ 20 ms), on this machine. `-- --at-rest-only` stops after the
// durability and encryption-at-rest comparisons.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dossierRowFrom } from '../../db/repositories/dossier-repository';
import { foldVietnamese } from '../../shared/domain/text';
import type { DossierView } from '../../shared/reception/dossier-view';
import { startBenchCounter } from './bench-counter';
import { ms, summarize, timed } from './stats';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-bench-'));
const { core, must } = await startBenchCounter(dataDir);
const pdf = Buffer.from('%PDF-1.4\n%bench\n%%EOF\n').toString('base64');
const file = await must('reception.storeFile', { fileName: 'to-khai.pdf', dataBase64: pdf });

const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middle = ['Văn', 'Thị', 'Hữu', 'Đức', 'Thanh', 'Minh', 'Ngọc', 'Quang', 'Thu', 'Hồng'];
const given = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Đạt',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Nhung',
  'Phúc',
  'Quỳnh',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
];
const nameOf = (i: number) => `${familyNames[i % 16]} ${middle[(i >> 4) % 10]} ${given[(i * 7) % 27]}`;
const idOf = (i: number) => `0381${String(90_000_000 + i).padStart(8, '0')}`;
const phoneOf = (i: number) => `09${String(10_000_000 + i).slice(-8)}`;

const draftOf = (i: number) => ({
  procedureCode: '1.001193.000.00.00.H56',
  owner: { kind: 'citizen', fullName: nameOf(i), idNumber: idOf(i), address: 'Thôn Đông, xã Quảng Phú', phone: phoneOf(i) },
  components: [
    { code: 'TP01', state: 'attached', files: [file] },
    { code: 'TP02', state: 'attached', files: [file] },
  ],
});

// Durability cost (issue 17 finding 8): the same accepts with synchronous=FULL (the app's setting) and with NORMAL
// (the setting before), alternating in blocks so the machine's changing load falls on both.
const durability: Record<'FULL' | 'NORMAL', number[]> = { FULL: [], NORMAL: [] };
for (let block = 0; block < 6; block++) {
  const mode = block % 2 === 0 ? 'FULL' : 'NORMAL';
  core.database.sqlite.pragma(`synchronous = ${mode}`);
  for (let i = 0; i < 50; i++) {
    const t0 = process.hrtime.bigint();
    await must('reception.accept', { draft: draftOf(200_000 + block * 50 + i) });
    durability[mode].push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
core.database.sqlite.pragma('synchronous = FULL');
const full = summarize(durability.FULL);
const normal = summarize(durability.NORMAL);
console.log(
  `durability: accept p50 with synchronous=FULL ${ms(full.p50)} vs NORMAL (baseline) ${ms(normal.p50)}: ${(full.p50 / normal.p50).toFixed(2)}×; p95 ${ms(full.p95)} vs ${ms(normal.p95)}`,
);

// Encryption at rest (issue 17 finding 7): the same work on this counter (SQLCipher database, sealed file store) and on
// a second one whose database and files stay plain (the baseline, as before), alternating in blocks so the load falls
// on both. Split in two: the database (an accept writes no file, only ~40 encrypted pages at its commit) and the file
// store (storing a 1 MB scan seals it with AES-GCM). CPU time is printed beside wall time: on this shared 2-core
// machine it moves far less with the other processes' load.
const plainDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-bench-plain-'));
const plain = await startBenchCounter(plainDir, { dataAtRestSecret: null });
const plainFile = await plain.must('reception.storeFile', { fileName: 'to-khai.pdf', dataBase64: pdf });
type Side = 'encrypted' | 'plain';
const sample = () => ({ wall: [] as number[], cpu: [] as number[] });
const atRest = { encrypted: sample(), plain: sample() };
const storing = { encrypted: sample(), plain: sample() };
const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const measure = async (into: { wall: number[]; cpu: number[] }, work: () => Promise<unknown>) => {
  const [t0, c0] = [process.hrtime.bigint(), cpuMs()];
  await work();
  into.wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
  into.cpu.push(cpuMs() - c0);
};
// A 1 MB "scan" that no earlier one equals: the store is content-addressed, so a repeated one would write nothing.
const scanOf = (i: number) => {
  const bytes = Buffer.alloc(1024 * 1024, i % 251);
  Buffer.from('%PDF-1.4\n').copy(bytes);
  bytes.writeUInt32BE(i, 16);
  return bytes.toString('base64');
};
const loadBefore = os.loadavg()[0]!.toFixed(1);
for (let block = 0; block < 8; block++) {
  const kind: Side = block % 2 === 0 ? 'encrypted' : 'plain';
  const counter = kind === 'encrypted' ? must : plain.must;
  for (let i = 0; i < 50; i++) {
    const draft = draftOf(300_000 + block * 50 + i);
    if (kind === 'plain') for (const component of draft.components) component.files = [plainFile];
    await measure(atRest[kind], () => counter('reception.accept', { draft }));
  }
  for (let i = 0; i < 5; i++) {
    const dataBase64 = scanOf(block * 5 + i);
    await measure(storing[kind], () => counter('reception.storeFile', { fileName: 'scan.pdf', dataBase64 }));
  }
}
await plain.core.close();
fs.rmSync(plainDir, { recursive: true, force: true });
const total = (times: number[]) => times.reduce((a, b) => a + b, 0);
const ratio = (of: { encrypted: number[]; plain: number[] }) => (total(of.encrypted) / total(of.plain)).toFixed(2);
const encrypted = summarize(atRest.encrypted.wall);
const inClear = summarize(atRest.plain.wall);
console.log(
  `encryption at rest, database: ${atRest.encrypted.wall.length} accepts each, total time encrypted ${ms(total(atRest.encrypted.wall))} vs plain (baseline) ${ms(total(atRest.plain.wall))}: ${ratio({ encrypted: atRest.encrypted.wall, plain: atRest.plain.wall })}× (target ≤ 1.2×); p50 ${ms(encrypted.p50)} vs ${ms(inClear.p50)}, p95 ${ms(encrypted.p95)} vs ${ms(inClear.p95)}; CPU time ${ratio({ encrypted: atRest.encrypted.cpu, plain: atRest.plain.cpu })}× (${ms(total(atRest.encrypted.cpu) / atRest.encrypted.cpu.length)} vs ${ms(total(atRest.plain.cpu) / atRest.plain.cpu.length)} per accept)`,
);
console.log(
  `encryption at rest, files: ${storing.encrypted.wall.length} scans of 1 MB each stored, total time sealed ${ms(total(storing.encrypted.wall))} vs plain (baseline) ${ms(total(storing.plain.wall))}: ${ratio({ encrypted: storing.encrypted.wall, plain: storing.plain.wall })}×; CPU time ${ratio({ encrypted: storing.encrypted.cpu, plain: storing.plain.cpu })}×; load ${loadBefore} before, ${os.loadavg()[0]!.toFixed(1)} after on ${os.availableParallelism()} cores`,
);
if (process.argv.includes('--at-rest-only')) {
  await core.close();
  process.exit(0);
}

const acceptTimes: number[] = [];
const startedAll = Date.now();
for (let i = 0; i < 1000; i++) {
  const draft = {
    procedureCode: '1.001193.000.00.00.H56',
    owner: { kind: 'citizen', fullName: nameOf(i), idNumber: idOf(i), address: 'Thôn Đông, xã Quảng Phú', phone: phoneOf(i) },
    components: [
      { code: 'TP01', state: 'attached', files: [file] },
      { code: 'TP02', state: 'attached', files: [file] },
    ],
  };
  const t0 = process.hrtime.bigint();
  await must('reception.accept', { draft });
  acceptTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const accept = summarize(acceptTimes);
console.log(
  `bench:reception — accept 1,000 dossiers: total ${((Date.now() - startedAll) / 1000).toFixed(2)} s, per dossier p50 ${ms(accept.p50)} p95 ${ms(accept.p95)} max ${ms(accept.max)}`,
);

// Grow to 100,000 dossiers: copies of a real accepted dossier with other people and dates, written
// straight into the table (the search index follows through its triggers).
const template = (await must('dossier.search', { limit: 1 }))[0];
const view = (await must('dossier.open', { id: template.id })) as DossierView;
const sqlite = core.database.sqlite;
const insert =
  sqlite.prepare(`INSERT INTO dossiers (id, code, procedure_code, status, owner_identifier, owner_name, owner_phone, search_text, received_at, received_date, due_local, officer_account_id, register_book, register_number, view, updated_at)
  VALUES (@id, @code, @procedureCode, @status, @ownerIdentifier, @ownerName, @ownerPhone, @searchText, @receivedAt, @receivedDate, @dueLocal, @officerAccountId, @registerBook, @registerNumber, @view, @updatedAt)`);
const dayOf = (i: number) => new Date(Date.UTC(2025, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10);
const codeOf = (i: number) => {
  const day = dayOf(i);
  return `000.00.06.H56-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(Math.floor(i / 600) + 1).padStart(4, '0')}`;
};
const [, growMs] = timed(() =>
  sqlite.transaction(() => {
    for (let i = 1000; i < 100_000; i++) {
      const day = dayOf(i);
      const v: DossierView = {
        ...view,
        id: `bench-${i}`,
        code: codeOf(i),
        owner: { ...view.owner, fullName: nameOf(i), idNumber: idOf(i), phone: phoneOf(i) },
        receivedAt: `${day}T02:00:00.000Z`,
        receivedLocal: `${day}T09:00`,
        status: i % 3 === 0 ? 10 : 2,
        register: { book: `b${day.slice(0, 4)}`, number: i },
      };
      insert.run(dossierRowFrom(v, null, v.receivedAt));
    }
  })(),
);
console.log(
  `grew the database to ${sqlite.prepare('SELECT count(*) FROM dossiers').pluck().get()} dossiers in ${(growMs / 1000).toFixed(1)} s (${(fs.statSync(path.join(dataDir, 'quay.sqlite')).size / 1024 ** 2).toFixed(0)} MB)`,
);

const kinds: Record<string, (i: number) => unknown> = {
  code: (i) => ({ text: codeOf(1000 + ((i * 4793) % 99_000)) }),
  idNumber: (i) => ({ text: idOf((i * 997) % 100_000) }),
  phone: (i) => ({ text: phoneOf((i * 7919) % 100_000) }),
  fullName: (i) => ({ text: foldVietnamese(nameOf((i * 31) % 100_000)) }),
  nameWithDiacritics: (i) => ({ text: nameOf((i * 131) % 100_000) }),
  partialName: (i) => ({ text: `${familyNames[i % 16]} ${given[i % 27]}` }),
  dateRangeAndStatus: (i) => ({ fromDate: `2025-0${(i % 9) + 1}-01`, toDate: `2025-0${(i % 9) + 1}-07`, status: 10, limit: 50 }),
};
const all: number[] = [];
for (const [kind, input] of Object.entries(kinds)) {
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = process.hrtime.bigint();
    await must('dossier.search', { limit: 50, ...(input(i) as object) });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  all.push(...samples);
  const s = summarize(samples);
  console.log(`  look-up by ${kind.padEnd(20)} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}`);
}
const overall = summarize(all);
console.log(
  `look-up over 100,000 dossiers, ${overall.n} queries through the dispatcher: p95 ${ms(overall.p95)} (target ≤ 20 ms: ${overall.p95 <= 20 ? 'met' : 'NOT met'})`,
);
await core.close();
if (process.env.BENCH_KEEP) console.log(`kept ${dataDir}`);
else fs.rmSync(dataDir, { recursive: true, force: true });
