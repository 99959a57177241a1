import { describe, expect, it } from 'vitest';
import { cleanPage } from '../../../../electron/core/digitize/cleanup/clean-page';
import { makeCorpusPage, type CorpusClass } from '../../../fixtures-gen/vietnamese-corpus';

/**
 * Issue 11 §3: a clean upright 14 pt serif page was turned a quarter by orientation detection and
 * its text became garbage. Upright pages of every kind stay as scanned, whatever the face, size
 * and line spacing (seeds pick them; single spacing makes the tone marks bridge the line gaps);
 * pages scanned turned are put upright.
 */
describe('orientation on the generated Vietnamese corpus', () => {
  const upright: Array<[CorpusClass, number]> = [
    ['serif', 1],
    ['serif', 2],
    ['serif', 3],
    ['serif', 4],
    ['table', 1],
    ['stamp-signature', 2],
    ['photocopy', 3],
    ['dpi-200', 4],
  ];

  it('never turns an upright page (serif faces at 12–16 pt, tables, seals, photocopies, 200 dpi)', async () => {
    const seen = new Set<string>();
    for (const [pageClass, seed] of upright) {
      const page = await makeCorpusPage(pageClass, seed);
      seen.add(`${page.font} ${page.sizePt}`);
      const cleaned = await cleanPage({ bytes: page.bytes, resolutionDpi: page.resolutionDpi, source: page.name });
      expect(cleaned.rotationApplied, `${page.name}: ${page.font} ${page.sizePt} pt`).toBe(0);
      expect(cleaned.widthPx).toBeLessThan(cleaned.heightPx);
    }
    // The seeds above cover both serif faces and several sizes, not one sample.
    expect(new Set([...seen].map((face) => face.split(' ')[0])).size).toBeGreaterThanOrEqual(2);
    expect(seen.size).toBeGreaterThanOrEqual(5);
  }, 240_000);

  it('turns pages scanned at 90°, 180° and 270° upright', async () => {
    for (const [pageClass, seed] of [
      ['rotated-90', 5],
      ['rotated-180', 6],
      ['rotated-270', 7],
    ] as Array<[CorpusClass, number]>) {
      const page = await makeCorpusPage(pageClass, seed);
      const cleaned = await cleanPage({ bytes: page.bytes, resolutionDpi: page.resolutionDpi, source: page.name });
      expect(cleaned.rotationApplied, page.name).toBe(page.uprightTurn);
      expect(cleaned.widthPx).toBeLessThan(cleaned.heightPx);
    }
  }, 240_000);
});
