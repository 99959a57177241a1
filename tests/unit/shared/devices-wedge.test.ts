import { describe, expect, it } from 'vitest';
import { breakGapMs, cleanWedgeText, insertedText, isReaderBurst, WEDGE_DEFAULTS } from '../../../shared/devices/wedge';

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
