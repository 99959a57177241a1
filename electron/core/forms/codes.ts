import { createRequire } from 'node:module';
import type * as Bwip from 'bwip-js/node';
import { AppError } from '../../../shared/ipc/result';

// bwip-js is synchronous and large: required with the first barcode, not imported with the core.
const requireModule = createRequire(import.meta.url);
let bwipModule: typeof Bwip | null = null;
const bwip = (): typeof Bwip => (bwipModule ??= requireModule('bwip-js/node') as typeof Bwip);

function failure(value: string, error: unknown): AppError {
  return new AppError('FORM_BARCODE_FAILED', { value, details: error instanceof Error ? error.message : String(error) });
}

/** The receipt's QR code: level M survives a crease or a stamp; 4 modules of quiet zone is the standard's. */
export async function qrCodeSvg(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  try {
    return await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  } catch (error) {
    throw failure(text, error);
  }
}

/**
 * Code 128 of the dossier code, for barcode readers at the return counter (docs/domain.md §5.1). Ten
 * modules of quiet zone each side. The template sizes the symbol to its slot; `preserveAspectRatio`
 * "none" lets it stretch, which a linear symbol tolerates because only the ratios of bar widths count.
 */
export function code128Svg(text: string): string {
  // bwip-js would encode other characters as bytes that a keyboard-wedge reader types back garbled.
  if (!/^[\x20-\x7e]+$/.test(text)) throw failure(text, new Error('Code 128 here carries printable ASCII only'));
  try {
    const svg = bwip().toSVG({ bcid: 'code128', text, scale: 1, height: 8, paddingwidth: 10, includetext: false });
    return svg.replace('<svg ', '<svg preserveAspectRatio="none" ');
  } catch (error) {
    throw failure(text, error);
  }
}
