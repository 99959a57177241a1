import { loadSharp } from '../../../platform/load-sharp';

/**
 * Uncompressed Windows bitmaps (BI_RGB: 1, 8, 24 or 32 bits per pixel) to PNG. Some WIA drivers
 * return BMP whatever format was requested (docs/devices.md §1.5), and libvips, hence sharp, has no BMP
 * loader. Null for anything else, which the caller reports as an unreadable page.
 */
export async function bmpToPng(bytes: Buffer): Promise<Buffer | null> {
  if (bytes.length < 54 || bytes.toString('ascii', 0, 2) !== 'BM') return null;
  const dataOffset = bytes.readUInt32LE(10);
  const headerSize = bytes.readUInt32LE(14);
  const width = bytes.readInt32LE(18);
  const rawHeight = bytes.readInt32LE(22);
  const bitsPerPixel = bytes.readUInt16LE(28);
  const compression = bytes.readUInt32LE(30);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0 || compression !== 0 || ![1, 8, 24, 32].includes(bitsPerPixel)) return null;
  const rowSize = Math.ceil((width * bitsPerPixel) / 32) * 4;
  if (dataOffset + rowSize * height > bytes.length) return null;
  const paletteStart = 14 + headerSize;
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    // Rows are stored bottom-up unless the height is negative.
    const row = dataOffset + rowSize * (rawHeight > 0 ? height - 1 - y : y);
    for (let x = 0; x < width; x++) {
      let blue: number;
      let green: number;
      let red: number;
      if (bitsPerPixel >= 24) {
        const at = row + x * (bitsPerPixel / 8);
        [blue, green, red] = [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!];
      } else {
        const index = bitsPerPixel === 8 ? bytes[row + x]! : (bytes[row + (x >> 3)]! >> (7 - (x & 7))) & 1;
        const entry = paletteStart + index * 4;
        [blue, green, red] = [bytes[entry]!, bytes[entry + 1]!, bytes[entry + 2]!];
      }
      rgb.set([red, green, blue], (y * width + x) * 3);
    }
  }
  const sharp = await loadSharp();
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
