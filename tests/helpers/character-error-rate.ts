/**
 * Character error rate: the edit distance between what OCR returned and the truth, over the
 * truth's length. Both sides are NFC with runs of white space made one space, so line breaks and
 * indentation, which a text layer does not keep, are not counted as errors.
 */
export function characterErrorRate(truth: string, read: string): number {
  const normalize = (text: string): string[] => [...text.normalize('NFC').replace(/\s+/g, ' ').trim()];
  const expected = normalize(truth);
  const actual = normalize(read);
  let previous = Array.from({ length: actual.length + 1 }, (_, index) => index);
  for (let i = 1; i <= expected.length; i++) {
    const current = [i];
    for (let j = 1; j <= actual.length; j++) {
      const substitution = previous[j - 1]! + (expected[i - 1] === actual[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return expected.length === 0 ? (actual.length === 0 ? 0 : 1) : previous[actual.length]! / expected.length;
}
