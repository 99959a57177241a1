import { loadSharp } from '../../platform/load-sharp';

const THUMBNAIL_WIDTH_PX = 180;

function normalizedTurns(quarterTurns: number): number {
  return ((quarterTurns % 4) + 4) % 4;
}

/** The small JPEG the page editor shows at once, turned the way the officer asked. */
export async function thumbnailOf(image: Uint8Array, quarterTurns: number): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(image)
    .rotate(normalizedTurns(quarterTurns) * 90)
    .resize({ width: THUMBNAIL_WIDTH_PX, withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 70 })
    .toBuffer();
}

/** Pixel size of a page as it came off the device (the settings screen's Test scan). */
export async function imageSize(image: Uint8Array): Promise<{ widthPx: number; heightPx: number }> {
  const sharp = await loadSharp();
  const meta = await sharp(image).metadata();
  return { widthPx: meta.width, heightPx: meta.height };
}

/**
 * The page as it goes into the component PDF and the zoom viewer. An unrotated page is passed
 * through untouched, so cleanup's compression is not redone.
 */
export async function rotatedPage(
  image: Uint8Array,
  mediaType: 'image/png' | 'image/jpeg',
  quarterTurns: number,
): Promise<{ bytes: Uint8Array; mediaType: 'image/png' | 'image/jpeg'; widthPx: number; heightPx: number }> {
  const sharp = await loadSharp();
  const turns = normalizedTurns(quarterTurns);
  const meta = await sharp(image).metadata();
  if (turns === 0) return { bytes: image, mediaType, widthPx: meta.width, heightPx: meta.height };
  const rotated = sharp(image).rotate(turns * 90);
  const bytes =
    mediaType === 'image/png' ? await rotated.png({ compressionLevel: 9 }).toBuffer() : await rotated.jpeg({ quality: 85 }).toBuffer();
  const odd = turns % 2 === 1;
  return { bytes, mediaType, widthPx: odd ? meta.height : meta.width, heightPx: odd ? meta.width : meta.height };
}

type Box = { x0: number; y0: number; x1: number; y1: number };

/** OCR word boxes of an unturned page, moved to where they sit after the officer's quarter turns. */
export function rotateBoxes<T extends { box: Box }>(words: T[], widthPx: number, heightPx: number, quarterTurns: number): T[] {
  const turn = (box: Box): Box => {
    switch (normalizedTurns(quarterTurns)) {
      case 1:
        return { x0: heightPx - box.y1, x1: heightPx - box.y0, y0: box.x0, y1: box.x1 };
      case 2:
        return { x0: widthPx - box.x1, x1: widthPx - box.x0, y0: heightPx - box.y1, y1: heightPx - box.y0 };
      case 3:
        return { x0: box.y0, x1: box.y1, y0: widthPx - box.x1, y1: widthPx - box.x0 };
      default:
        return box;
    }
  };
  return words.map((word) => ({ ...word, box: turn(word.box) }));
}
