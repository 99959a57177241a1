import {
  beginText,
  endText,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  TextRenderingMode,
} from 'pdf-lib';
import type { OcrWord } from '../types';
import { GLYPH_WIDTH_EM } from './glyphless-font';

/** UTF-16BE code units as hex: the CIDs of the Identity-H glyphless font. */
function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex;
}

/**
 * Invisible text (render mode 3) over each OCR word, stretched to the word's box so a search hit or
 * a selection lands on the word in the image. Boxes are in image pixels from the top-left; PDF
 * space is points from the bottom-left.
 */
export function textLayerOperators(words: OcrWord[], fontName: PDFName, pointsPerPixel: number, pageHeightPt: number): PDFOperator[] {
  const operators: PDFOperator[] = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const word of words) {
    const text = word.text.normalize('NFC').trim();
    if (!text) continue;
    const widthPt = (word.box.x1 - word.box.x0) * pointsPerPixel;
    const heightPt = (word.box.y1 - word.box.y0) * pointsPerPixel;
    if (widthPt <= 0 || heightPt <= 0) continue;
    const size = heightPt;
    const naturalWidth = text.length * GLYPH_WIDTH_EM * size;
    operators.push(
      setFontAndSize(fontName, size),
      PDFOperator.of(PDFOperatorNames.SetTextHorizontalScaling, [PDFNumber.of((100 * widthPt) / naturalWidth)]),
      setTextMatrix(1, 0, 0, 1, word.box.x0 * pointsPerPixel, pageHeightPt - word.box.y1 * pointsPerPixel),
      PDFOperator.of(PDFOperatorNames.ShowText, [PDFHexString.of(utf16Hex(text))]),
    );
  }
  operators.push(endText());
  return operators;
}
