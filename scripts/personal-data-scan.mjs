// The suite's closing check that logs are free of personal data (issue 17 finding 4): `npm test` keeps every stage's
// output in one file (scripts/run-tests.mjs), and this looks there for the ID numbers and names of the people the
// tests use. The list is read from the shared fixtures and test data builders, so a new citizen in a fixture is
// looked for without anyone typing it here. Loggers write to the console only (electron/core, central/server.ts), so
// the stages' output is all the logs there are.
import fs from 'node:fs';
import path from 'node:path';

/** Where the tests' people come from: the test data builders and the fixture corpora. */
export const CORPUS_FOLDERS = ['tests/helpers', 'tests/fixtures'];
const TEXT_FILE = /\.(ts|mts|mjs|js|json|csv|txt|xml|html)$/;
/** A CCCD number: twelve digits, the first three a province code (001–096), so zero padding is not taken for one. */
const ID_NUMBER = /(?<!\d)0(?!00)\d{11}(?!\d)/g;
/** A CCCD's QR text: number|old number|name|… */
const QR_NAME = /(?<!\d)0\d{11}\|\d*\|([^|'"\n]+)\|/g;
/** A person's name given to a builder or stored in a fixture. */
const NAME = /(?:fullName|ownerName|holderName|applicantName|citizenName|full_name|owner_name)["']?\s*:\s*["']([^"'\n]{3,80})["']/g;

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && TEXT_FILE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Lower case without tones and with đ → d, as the search index and some logs write names. */
export function fold(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** The ID numbers and the names (two words or more) in the given source texts. */
export function personalDataIn(texts) {
  const idNumbers = new Set();
  const names = new Set();
  for (const text of texts) {
    for (const [id] of text.matchAll(ID_NUMBER)) idNumbers.add(id);
    for (const [, name] of [...text.matchAll(NAME), ...text.matchAll(QR_NAME)]) {
      const clean = name.normalize('NFC').trim();
      if (/\p{L}+\s+\p{L}+/u.test(clean)) names.add(clean);
    }
  }
  return { idNumbers: [...idNumbers].sort(), names: [...names].sort() };
}

export function fixturePersonalData(root) {
  const texts = CORPUS_FOLDERS.flatMap((folder) => filesUnder(path.join(root, folder))).map((file) => fs.readFileSync(file, 'utf8'));
  return personalDataIn(texts);
}

/** What a hit is printed as: enough to find it, not the value itself. */
export function redact(value) {
  if (/^\d+$/.test(value)) return `${value.slice(0, 3)}${'•'.repeat(value.length - 5)}${value.slice(-2)}`;
  return value
    .split(/\s+/)
    .map((word) => `${[...word][0]}.`)
    .join(' ');
}

/**
 * The lines of `log` holding one of the people's ID numbers or names, as written or folded. Returns at most `limit`
 * hits, each with its line number and the redacted value.
 */
export function findPersonalData(log, people, limit = 20) {
  const needles = [
    ...people.idNumbers.map((value) => ({ value, find: value, folded: false })),
    ...people.names.map((value) => ({ value, find: value, folded: false })),
    ...people.names.map((value) => ({ value, find: fold(value), folded: true })),
  ];
  const hits = [];
  const lines = log.normalize('NFC').split('\n');
  for (let i = 0; i < lines.length && hits.length < limit; i++) {
    const line = lines[i];
    let folded = null;
    for (const needle of needles) {
      const haystack = needle.folded ? (folded ??= fold(line)) : line;
      if (haystack.includes(needle.find)) {
        hits.push({ line: i + 1, value: redact(needle.value) });
        break;
      }
    }
  }
  return hits;
}
