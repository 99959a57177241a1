/**
 * Character error rate: Levenshtein distance between OCR output and the ground truth, over the
 * ground truth's length. Both sides are NFC (a decomposed "ộ" would otherwise count as three
 * characters) and whitespace runs count as one space, since line breaks and the spacing of a layout
 * are not what the OCR is judged on.
 */
export function normalizeForCer(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function levenshtein(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export function characterErrorRate(recognized: string, truth: string): number {
  const expected = [...normalizeForCer(truth)];
  return levenshtein([...normalizeForCer(recognized)], expected) / Math.max(1, expected.length);
}
