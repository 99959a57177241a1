import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  NotFoundException,
  ChecksumException,
  FormatException,
  RGBLuminanceSource,
} from '@zxing/library';
import type { DecodedBarcode } from '../types';
import { scaledGray, type GrayImage } from './barcode-image';

/** The same names zxing-wasm reports, so callers and the corpus report see one vocabulary. */
const FORMAT_NAMES = new Map<BarcodeFormat, string>([
  [BarcodeFormat.QR_CODE, 'QRCode'],
  [BarcodeFormat.CODE_128, 'Code128'],
  [BarcodeFormat.CODE_39, 'Code39'],
  [BarcodeFormat.DATA_MATRIX, 'DataMatrix'],
  [BarcodeFormat.PDF_417, 'PDF417'],
]);

/**
 * 0.21 misses clean QR codes at 4–5 px per module or more (docs/devices.md §4.1); retrying smaller is
 * what rescued most of them there.
 */
const SCALES = [1, 0.75, 0.5];

function reader(): MultiFormatReader {
  const instance = new MultiFormatReader();
  instance.setHints(
    new Map<DecodeHintType, unknown>([
      // Restricted formats: every extra reader is another full pass over an A4 page.
      [DecodeHintType.POSSIBLE_FORMATS, [...FORMAT_NAMES.keys()]],
      [DecodeHintType.TRY_HARDER, true],
      // Without the hint an odd payload can fall back to Shift-JIS or ISO-8859-1 (docs/devices.md §4.4).
      [DecodeHintType.CHARACTER_SET, 'UTF-8'],
    ]),
  );
  return instance;
}

const isMiss = (error: unknown): boolean =>
  error instanceof NotFoundException || error instanceof ChecksumException || error instanceof FormatException;

/** At most one symbol: @zxing/library's MultiFormatReader stops at the first it finds. */
export async function decodeWithZxingLibrary(image: GrayImage): Promise<DecodedBarcode[]> {
  const decoder = reader();
  for (const factor of SCALES) {
    const scaled = factor === 1 ? image : await scaledGray(image, factor);
    const source = new RGBLuminanceSource(
      new Uint8ClampedArray(scaled.pixels.buffer, scaled.pixels.byteOffset, scaled.pixels.length),
      scaled.width,
      scaled.height,
    );
    try {
      const result = decoder.decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
      return [
        {
          format: FORMAT_NAMES.get(result.getBarcodeFormat()) ?? String(result.getBarcodeFormat()),
          text: result.getText(),
          decoder: 'zxing-library',
        },
      ];
    } catch (error) {
      if (!isMiss(error)) throw error;
    }
  }
  return [];
}
