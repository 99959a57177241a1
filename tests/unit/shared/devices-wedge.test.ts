import { describe, expect, it } from 'vitest';
import {
  breakGapMs,
  burstSurvivesDeletion,
  cleanWedgeText,
  followsDeletion,
  insertedText,
  isReaderBurst,
  wedgeVerdict,
  WEDGE_DEFAULTS,
} from '../../../shared/devices/wedge';

const CCCD = '001089012345|123456789|Nguyen Thai Son|04071989|Nam|So 12 Ngo 34 Pho Hue, Ha Noi|12082021';

/** Key-down times of a recorded burst: `n` strokes `gap` ms apart. */
function burst(n: number, gap: number, start = 1000) {
  return { strokes: n, first: start, last: start + gap * (n - 1) };
}

describe('keyboard-wedge burst timing', () => {
  it('a reader’s burst (25 strokes 8 ms apart) is a scan; a person typing a code (25 strokes 120 ms apart) is not', () => {
    expect(isReaderBurst(burst(25, 8), WEDGE_DEFAULTS)).toBe(true);
    expect(isReaderBurst(burst(25, 120), WEDGE_DEFAULTS)).toBe(false);
  });

  it('a fast typist’s short word is too short to be a scan', () => {
    expect(isReaderBurst(burst(5, 20), WEDGE_DEFAULTS)).toBe(false);
  });

  it('the per-reader threshold decides: a slow Bluetooth reader at 50 ms needs maxGapMs raised', () => {
    expect(isReaderBurst(burst(30, 50), WEDGE_DEFAULTS)).toBe(false);
    expect(isReaderBurst(burst(30, 50), { minLength: 8, maxGapMs: 60 })).toBe(true);
    expect(breakGapMs({ maxGapMs: 60 })).toBe(180);
  });

  it('one stall inside a burst (a busy machine) still averages as a reader', () => {
    expect(isReaderBurst({ strokes: 40, first: 0, last: 39 * 8 + 90 }, WEDGE_DEFAULTS)).toBe(true);
  });
});

describe('what the reader sent', () => {
  it('is read from the field’s final text, so an IME rewrite (Telex “dd”→“đ”) is what counts', () => {
    // Strokes typed "Ddoong" into "Họ tên: "; Unikey rewrote them to "Đông".
    expect(insertedText('Họ tên: ', 'Họ tên: Đông')).toBe('Đông');
    expect(insertedText('abXYcd', 'abXY012cd')).toBe('012');
  });

  it('drops the configured prefix and suffix, and the trailing Enter never reaches the text', () => {
    expect(cleanWedgeText('#000.00.06.H56-260423-0012$\n', { prefix: '#', suffix: '$' })).toBe('000.00.06.H56-260423-0012');
  });

  it('keeps one payload when the reader sent it twice, and the last card payload of a doubled CCCD', () => {
    expect(cleanWedgeText('HS-0001HS-0001', WEDGE_DEFAULTS)).toBe('HS-0001');
    expect(cleanWedgeText(`${CCCD.slice(0, 40)}${CCCD}`, WEDGE_DEFAULTS)).toBe(CCCD);
    expect(cleanWedgeText(`${CCCD}\0`, WEDGE_DEFAULTS)).toBe(CCCD);
  });
});

/**
 * Recorded input sequences (beforeinput events, ms since the first): what the hook sees from a fast
 * typist, a reader, and Unikey expanding an abbreviation. `replay` folds them into bursts the way
 * renderer/src/common/wedge-scanner.ts does.
 */
type Recorded = [at: number, kind: 'insert' | 'delete'];

function replay(events: Recorded[]) {
  const settings = WEDGE_DEFAULTS;
  let lastDeletionAt = -Infinity;
  type Burst = { strokes: number; first: number; last: number; startedAfterDeletion: boolean };
  let current = null as Burst | null;
  for (const [at, kind] of events) {
    if (kind === 'delete') {
      lastDeletionAt = at;
      if (current && !burstSurvivesDeletion(current, settings)) current = null;
      continue;
    }
    if (!current || at - current.last > breakGapMs(settings)) {
      current = { strokes: 1, first: at, last: at, startedAfterDeletion: followsDeletion(lastDeletionAt, at, settings) };
    } else {
      current = { ...current, strokes: current.strokes + 1, last: at };
    }
  }
  return current!;
}

/** `n` insertions starting at `start` with the given gaps, repeated. */
function strokes(n: number, start: number, gaps: number[]): Recorded[] {
  const out: Recorded[] = [];
  let at = start;
  for (let i = 0; i < n; i++) {
    out.push([at, 'insert']);
    at += gaps[i % gaps.length]!;
  }
  return out;
}

describe('a burst reaches the field unless it is a code (issue 13)', () => {
  it('a fast typist’s search (“nguyen van an”, 13 keys, 18–40 ms apart) stays typed', () => {
    const burst = replay(strokes(13, 0, [22, 31, 18, 40, 25, 19, 33]));
    expect(isReaderBurst(burst, WEDGE_DEFAULTS)).toBe(true);
    expect(wedgeVerdict(burst, 'nguyen van an', WEDGE_DEFAULTS)).toBe('typing');
  });

  it('a phone number typed on the keypad (10 digits, 20–30 ms apart) stays typed', () => {
    const burst = replay(strokes(10, 0, [21, 27, 24, 30, 22]));
    expect(wedgeVerdict(burst, '0912345678', WEDGE_DEFAULTS)).toBe('typing');
  });

  it('a reader’s dossier code, lookup URL or CCCD QR (8 ms apart) is a scan', () => {
    const code = '000.00.06.H56-260423-0012';
    expect(wedgeVerdict(replay(strokes(code.length, 0, [8])), code, WEDGE_DEFAULTS)).toBe('scan');
    const url = `https://dichvucong.thanhhoa.gov.vn/tra-cuu?MHS=${code}`;
    expect(wedgeVerdict(replay(strokes(url.length, 0, [6, 9])), url, WEDGE_DEFAULTS)).toBe('scan');
    expect(wedgeVerdict(replay(strokes(CCCD.length, 0, [5])), CCCD, WEDGE_DEFAULTS)).toBe('scan');
  });

  it('an unknown barcode read at machine pace is typed into the field, not thrown away', () => {
    expect(wedgeVerdict(replay(strokes(13, 0, [7])), '8934563138165', WEDGE_DEFAULTS)).toBe('typing');
  });

  it('Unikey expanding “ubnd ” into “Ủy ban nhân dân ”: 4 deletions then 16 insertions 1 ms apart is typing', () => {
    // A quick typist: "ubnd" 60–90 ms apart, then the space that triggers the expansion.
    const typed = strokes(5, 0, [60, 90, 70, 80]);
    const expansion: Recorded[] = [[301, 'delete'], [301, 'delete'], [302, 'delete'], [302, 'delete'], ...strokes(16, 303, [1])];
    const burst = replay([...typed, ...expansion]);
    expect(burst).toMatchObject({ strokes: 16, startedAfterDeletion: true });
    expect(wedgeVerdict(burst, 'Ủy ban nhân dân ', WEDGE_DEFAULTS)).toBe('typing');
  });

  it('an expansion is typing even when what it inserts looks like a code', () => {
    const code = '000.00.06.H56-260423-0012';
    const burst = replay([...strokes(4, 0, [40]), [130, 'delete'], [130, 'delete'], [131, 'delete'], ...strokes(code.length, 132, [1])]);
    expect(wedgeVerdict(burst, code, WEDGE_DEFAULTS)).toBe('typing');
  });

  it('a CCCD read while Unikey rewrites letters inside it (deletions mid-burst) is still a scan', () => {
    const events: Recorded[] = [...strokes(40, 0, [6]), [240, 'delete'], ...strokes(CCCD.length - 40, 241, [6])];
    expect(wedgeVerdict(replay(events), CCCD, WEDGE_DEFAULTS)).toBe('scan');
  });
});

/** A seeded generator, so the corpus is the same on every run and every machine. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return (min: number, max: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return min + (state % (max - min + 1));
  };
}

/** A person typing `text` with gaps drawn from [min, max] ms; Telex tone keys become a deletion and a re-insertion. */
function typed(text: string, gap: [number, number], random: ReturnType<typeof seeded>, start = 0): Recorded[] {
  const events: Recorded[] = [];
  let at = start;
  for (const char of text) {
    events.push([at, 'insert']);
    // A letter with a tone or hat: Telex sends the bare letter, then on the tone key erases and rewrites it.
    if (char.normalize('NFD') !== char) {
      at += random(gap[0], gap[1]);
      events.push([at, 'delete'], [at, 'insert']);
    }
    at += random(gap[0], gap[1]);
  }
  return events;
}

/** Unikey/EVKey replacing an abbreviation typed by hand with its expansion, 0–2 ms a character. */
function expanded(abbreviation: string, expansion: string, random: ReturnType<typeof seeded>, start = 0): Recorded[] {
  const events = typed(abbreviation, [40, 90], random, start);
  let at = events.at(-1)![0] + random(40, 90);
  for (let i = 0; i < abbreviation.length; i++) events.push([at, 'delete']);
  for (let i = 0; i < [...expansion].length; i++) {
    at += random(0, 2);
    events.push([at, 'insert']);
  }
  return events;
}

describe('a corpus of counter typing never becomes a scan (issue 13)', () => {
  const random = seeded(20261206);
  const texts = [
    'nguyen van an',
    'Nguyễn Thị Hồng Nhung',
    'Trần Đức Thắng',
    'dang ky khai sinh',
    '0912345678',
    '0912 345 678',
    '038190012345',
    '14/05/1990',
    '0104128364',
    'lan.nguyen@thanhhoa.gov.vn',
    'Thôn Đông, xã Quảng Phú, tỉnh Thanh Hóa',
    '1.500.000',
    'Số 5 phố Huế, Hà Nội',
    '8934563138165',
  ];
  const paces: Array<[number, number]> = [
    [8, 20],
    [12, 35],
    [18, 40],
    [25, 60],
  ];

  for (const pace of paces) {
    it(`typing at ${pace[0]}–${pace[1]} ms a key stays in the field, Telex tones and all`, () => {
      for (const text of texts) {
        const burst = replay(typed(text, pace, random));
        expect(wedgeVerdict(burst, text, WEDGE_DEFAULTS), `${text} at ${pace.join('–')} ms`).toBe('typing');
      }
    });
  }

  it('Unikey and EVKey expansions of the abbreviations a counter uses stay typed', () => {
    const macros: Array<[string, string]> = [
      ['ubnd', 'Ủy ban nhân dân '],
      ['tthc', 'thủ tục hành chính '],
      ['gks', 'giấy khai sinh '],
      ['cccd', 'căn cước công dân '],
      ['th', 'Thanh Hóa '],
      ['mhs', '000.00.06.H56-260423-0012'],
    ];
    for (const [abbreviation, expansion] of macros) {
      const burst = replay(expanded(abbreviation, expansion, random));
      expect(burst.startedAfterDeletion, abbreviation).toBe(true);
      expect(wedgeVerdict(burst, expansion, WEDGE_DEFAULTS), abbreviation).toBe('typing');
    }
  });

  it('an expansion followed at once by fast typing is still typing', () => {
    const events = expanded('ubnd', 'Ủy ban nhân dân ', random);
    const burst = replay([...events, ...typed('xa Quang Phu', [10, 30], random, events.at(-1)![0] + 5)]);
    expect(wedgeVerdict(burst, 'Ủy ban nhân dân xa Quang Phu', WEDGE_DEFAULTS)).toBe('typing');
  });

  it('the codes a reader sends, with its own small jitter, are still scans', () => {
    const codes = ['000.00.06.H56-260423-0012', `https://dichvucong.thanhhoa.gov.vn/tra-cuu?MHS=000.00.06.H56-260423-0012`, CCCD];
    for (const code of codes) {
      const events: Recorded[] = [];
      let at = 0;
      for (let i = 0; i < code.length; i++) {
        events.push([at, 'insert']);
        at += random(2, 15);
      }
      expect(wedgeVerdict(replay(events), code, WEDGE_DEFAULTS), code).toBe('scan');
    }
  });
});
