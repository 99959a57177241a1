import bwipjs from 'bwip-js/node';
import QRCode from 'qrcode';
import { AppError } from '../../../shared/ipc/result';

function failure(value: string, error: unknown): AppError {
  return new AppError('FORM_BARCODE_FAILED', { value, details: error instanceof Error ? error.message : String(error) });
}

/** The receipt's QR code: level M survives a crease or a stamp; 4 modules of quiet zone is the standard's. */
export async function qrCodeSvg(text: string): Promise<string> {
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
    const svg = bwipjs.toSVG({ bcid: 'code128', text, scale: 1, height: 8, paddingwidth: 10, includetext: false });
    return svg.replace('<svg ', '<svg preserveAspectRatio="none" ');
  } catch (error) {
    throw failure(text, error);
  }
}
