import { loadSharp } from '../platform/load-sharp';
import { PAPER_DOTS, type PaperWidth, type SlipBlock } from '../../../shared/printing/slip-layout';
import type { HostFormPrint } from './form-printers/form-printer';
import type { SlipPrintResult } from './receipt-printer';
import type { SlipRenderer } from './slip-renderer';

/** The slip renderer draws at 203 dpi: 8 dots to the millimetre. */
const DOTS_PER_MM = 8;

/**
 * A thermal printer installed on Windows with its vendor driver, printed to through that driver:
 * the same rendered slip (shipped font, QR drawn into the image) as one PNG page exactly the
 * slip's size, handed to Electron's silent print by the printer's system name. A spooler says
 * nothing about paper, so the outcome is always `handedOver`.
 */
export class DriverSlipPrinter {
  constructor(
    private readonly renderer: SlipRenderer,
    private readonly hostPrint: HostFormPrint,
    private readonly options: { paper: PaperWidth; printer: string },
  ) {}

  get paper(): PaperWidth {
    return this.options.paper;
  }

  async prepare(blocks: readonly SlipBlock[]): Promise<{ html: string; widthMm: number; heightMm: number; bytes: number }> {
    const width = PAPER_DOTS[this.options.paper];
    const images = this.renderer.render(blocks, { paper: this.options.paper, qr: 'raster', qrErrorLevel: 'M' }).map((part) => {
      if (part.kind !== 'image') throw new Error('a raster-QR slip renders to images only');
      return part.image;
    });
    const height = images.reduce((sum, image) => sum + image.height, 0);
    const pixels = new Uint8Array(width * height);
    let row = 0;
    for (const image of images) {
      pixels.set(image.pixels, row * width);
      row += image.height;
    }
    const sharp = await loadSharp();
    const png = await sharp(pixels, { raw: { width, height, channels: 1 } })
      .png()
      .toBuffer();
    const widthMm = width / DOTS_PER_MM;
    const heightMm = Math.ceil(height / DOTS_PER_MM);
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page { size: ${widthMm}mm ${heightMm}mm; margin: 0; } html, body { margin: 0; } img { display: block; width: ${widthMm}mm; }</style></head><body><img alt="" src="data:image/png;base64,${png.toString('base64')}"></body></html>`;
    return { html, widthMm, heightMm, bytes: png.length };
  }

  async print(blocks: readonly SlipBlock[]): Promise<SlipPrintResult> {
    const { html, widthMm, heightMm, bytes } = await this.prepare(blocks);
    await this.hostPrint(html, {
      pageSize: { widthMicrons: widthMm * 1000, heightMicrons: heightMm * 1000 },
      deviceName: this.options.printer,
    });
    return { outcome: 'handedOver', paperNearEnd: false, bytes };
  }
}
