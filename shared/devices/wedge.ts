import type { WedgeSettings } from './device-settings';
import { classifyScan } from './reader-route';

/**
 * The keyboard-wedge rules (docs/devices.md §3.4–3.5), pure so they are tested without a browser: a
 * burst is a reader when enough strokes came fast enough; what it sent is read from the field's
 * final text (input methods rewrite strokes), then unframed and de-doubled.
 */

export const WEDGE_DEFAULTS: WedgeSettings = { minLength: 8, maxGapMs: 35, prefix: '', suffix: '' };

export interface Burst {
  strokes: number;
  first: number;
  last: number;
}

/** Readers type at a steady machine pace; people, however fast, do not sustain it. */
export function isReaderBurst(burst: Burst, settings: Pick<WedgeSettings, 'minLength' | 'maxGapMs'>): boolean {
  return burst.strokes >= settings.minLength && (burst.last - burst.first) / Math.max(1, burst.strokes - 1) <= settings.maxGapMs;
}

/** A stall of a few strokes' time (a busy machine) must not split one scan; a person's next stroke comes later. */
export function breakGapMs(settings: Pick<WedgeSettings, 'maxGapMs'>): number {
  return Math.max(100, settings.maxGapMs * 3);
}

/** The text inserted between `before` and `after`, wherever the caret was. */
export function insertedText(before: string, after: string): string {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) {
    end++;
  }
  return after.slice(start, after.length - end);
}

/** A CCCD payload starts with 12 digits and `|` (docs/domain.md §7.4). */
const CCCD_START = /\d{12}\|/g;

/**
 * What the reader meant: without its configured prefix/suffix and NULs, and once when it sent the
 * payload twice (some readers do): the same text repeated, or a card payload whose start appears
 * again, of which the last occurrence is kept.
 */
export function cleanWedgeText(text: string, settings: Pick<WedgeSettings, 'prefix' | 'suffix'>): string {
  let value = text.replace(/\0/g, '');
  if (settings.prefix) value = value.split(settings.prefix).join('');
  if (settings.suffix) value = value.split(settings.suffix).join('');
  value = value.trim();
  const half = value.length / 2;
  if (Number.isInteger(half) && half > 0 && value.slice(0, half) === value.slice(half)) return value.slice(0, half);
  const starts = [...value.matchAll(CCCD_START)].map((m) => m.index);
  if (starts.length > 1) return value.slice(starts.at(-1)).trim();
  return value;
}

/**
 * Whether a finished burst is taken as a scan (cleared from the field and routed) or left as typing.
 * Timing alone misleads (issue 13): a fast typist's search or phone number can average under 35 ms a
 * stroke, and Unikey/EVKey expanding an abbreviation ("ubnd" → "Ủy ban nhân dân") deletes what was
 * typed and inserts the expansion at machine pace. So a burst is a scan only when it is reader-paced,
 * did not start with the input method deleting text just before (a reader never erases), and what it
 * sent is a code the app routes (a CCCD QR, a dossier code or a lookup URL holding one); anything else
 * stays in the field it was typed into.
 */
export function wedgeVerdict(
  burst: Burst & { startedAfterDeletion: boolean },
  text: string,
  settings: Pick<WedgeSettings, 'minLength' | 'maxGapMs'>,
): 'scan' | 'typing' {
  if (!isReaderBurst(burst, settings) || burst.startedAfterDeletion) return 'typing';
  return text && classifyScan(text).kind !== 'unknown' ? 'scan' : 'typing';
}

/** An input method's deletions run straight into its insertions; a reader's burst never follows one this closely. */
export function followsDeletion(lastDeletionAt: number, firstStrokeAt: number, settings: Pick<WedgeSettings, 'maxGapMs'>): boolean {
  return firstStrokeAt - lastDeletionAt <= breakGapMs(settings);
}

/**
 * A deletion ends a burst that is not yet a reader's (the person's own strokes, then an input method
 * erasing them to expand an abbreviation), so the expansion starts a burst of its own, marked as
 * following a deletion; a reader-paced burst survives it (Telex rewriting letters inside a card).
 */
export function burstSurvivesDeletion(burst: Burst, settings: Pick<WedgeSettings, 'minLength' | 'maxGapMs'>): boolean {
  return isReaderBurst(burst, settings);
}
