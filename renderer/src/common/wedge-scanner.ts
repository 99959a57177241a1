import { useEffect, useRef, type RefObject } from 'react';
import {
  breakGapMs as breakGapFor,
  burstSurvivesDeletion,
  cleanWedgeText,
  followsDeletion,
  insertedText,
  isReaderBurst,
  wedgeVerdict,
  WEDGE_DEFAULTS,
} from '../../../shared/devices/wedge';

export { insertedText, WEDGE_DEFAULTS };

/**
 * Keyboard-wedge barcode/QR readers (docs/architecture.md §6, docs/devices.md §3.4–3.5) type their payload as fast
 * key strokes. They are told apart from a person by timing alone, and what they sent is read from
 * the field's final text: Vietnamese input methods (Unikey, EVKey) rewrite the strokes on the way,
 * so rebuilding the text from key events would give a different string than the one on screen.
 */
export interface WedgeScan {
  /** What the burst added to the field (the field's text before the burst is not part of it). */
  text: string;
  field: HTMLInputElement | HTMLTextAreaElement;
}

export interface WedgeScannerOptions {
  /** Fewer strokes than this is a person, however fast. */
  minLength?: number;
  /** A burst is a reader when its strokes arrive at most this far apart on average. */
  maxGapMs?: number;
  /** What the reader is set to send before / after each scan (device settings); not part of the scan. */
  prefix?: string;
  suffix?: string;
  /** Put the field back as it was before the burst, so a scan never leaves its text in a name or address. */
  restoreField?: boolean;
  enabled?: boolean;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'email', 'url', '']);

function asTextField(target: EventTarget | null): TextField | null {
  if (target instanceof HTMLTextAreaElement) return target.readOnly ? null : target;
  if (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type) && !target.readOnly) return target;
  return null;
}

/**
 * Sets a field's value so React's onChange sees it: React tracks the value it last rendered, and
 * only an assignment through the prototype's setter followed by an input event counts as a change.
 */
export function setFieldValue(field: TextField, value: string): void {
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

interface Burst {
  field: TextField;
  before: string;
  first: number;
  last: number;
  strokes: number;
  startedAfterDeletion: boolean;
}

/**
 * Watches every text field inside `container` for reader bursts. A burst ends with the reader's
 * Enter or Tab suffix — which is swallowed, so it never submits a form, picks a list option or
 * moves the focus — or, for readers without a suffix, after a short quiet time.
 */
export function useWedgeScanner(
  container: RefObject<HTMLElement | null>,
  onScan: (scan: WedgeScan) => void,
  options: WedgeScannerOptions = {},
): void {
  const {
    minLength = WEDGE_DEFAULTS.minLength,
    maxGapMs = WEDGE_DEFAULTS.maxGapMs,
    prefix = '',
    suffix = '',
    restoreField = true,
    enabled = true,
  } = options;
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  useEffect(() => {
    const root = container.current;
    if (!root || !enabled) return;
    const breakGapMs = breakGapFor({ maxGapMs });
    let burst: Burst | null = null;
    let idleTimer: number | undefined;
    // Some readers end with CR and LF, two Enters; the second must be swallowed too.
    let scanEndedAt = -Infinity;
    let lastDeletionAt = -Infinity;

    const isReader = (b: Burst) => isReaderBurst(b, { minLength, maxGapMs });

    const scanOf = (b: Burst): string | null => {
      const text = cleanWedgeText(insertedText(b.before, b.field.value), { prefix, suffix });
      return wedgeVerdict(b, text, { minLength, maxGapMs }) === 'scan' ? text : null;
    };

    // A burst that is not a code the app routes stays in the field as typed (wedgeVerdict).
    const finish = () => {
      window.clearTimeout(idleTimer);
      const done = burst;
      burst = null;
      if (!done) return;
      const text = scanOf(done);
      if (!text) return;
      scanEndedAt = performance.now();
      if (restoreField) setFieldValue(done.field, done.before);
      onScanRef.current({ text, field: done.field });
    };

    const onBeforeInput = (event: Event) => {
      const field = asTextField(event.target);
      const kind = (event as InputEvent).inputType;
      if (field && kind.startsWith('delete')) {
        lastDeletionAt = performance.now();
        if (burst && !burstSurvivesDeletion(burst, { minLength, maxGapMs })) burst = null;
      }
      // Only insertions are strokes. Deletions inside a burst are an input method rewriting what the
      // reader typed; held Backspace is a person, and must never look like a scan.
      if (!field || !kind.startsWith('insert') || kind === 'insertFromPaste') return;
      // Timed when handled: strokes that queued behind a busy render arrive together, still a burst.
      const now = performance.now();
      if (!burst || burst.field !== field || now - burst.last > breakGapMs) {
        burst = {
          field,
          before: field.value,
          first: now,
          last: now,
          strokes: 1,
          startedAfterDeletion: followsDeletion(lastDeletionAt, now, { maxGapMs }),
        };
      } else {
        burst.last = now;
        burst.strokes += 1;
      }
      window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(finish, breakGapMs + 50);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      // Readers never hold a key; auto-repeat is a person, however fast it types.
      if (event.repeat) {
        burst = null;
        window.clearTimeout(idleTimer);
        return;
      }
      if (event.key !== 'Enter' && event.key !== 'Tab') return;
      const now = performance.now();
      if (now - scanEndedAt < breakGapMs) {
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      if (!burst || burst.field !== event.target || now - burst.last > breakGapMs || !isReader(burst)) return;
      if (!scanOf(burst)) {
        // Fast typing that ends with Enter: the Enter is the person's, for the form or the search.
        burst = null;
        window.clearTimeout(idleTimer);
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      finish();
    };

    root.addEventListener('beforeinput', onBeforeInput, true);
    root.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.clearTimeout(idleTimer);
      root.removeEventListener('beforeinput', onBeforeInput, true);
      root.removeEventListener('keydown', onKeyDown, true);
    };
  }, [container, minLength, maxGapMs, prefix, suffix, restoreField, enabled]);
}
