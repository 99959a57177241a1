import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
  setFillingGrayscaleColor,
  type PDFPage,
} from 'pdf-lib';
import { AppError } from '../../../../shared/ipc/result';
import type { ComponentPdfMetadata, PdfPageInput } from '../types';
import { embedGlyphlessFont } from './glyphless-font';
import { mixedRasterPage } from './mixed-raster';
import { textLayerOperators } from './text-layer';
import { xmpPacket, type ComponentPdfDescription } from './xmp-metadata';

const POINTS_PER_INCH = 72;
const OCR_FONT = 'OcrText';
const TEXT_MASK = 'TextInk';

/**
 * The page as a colour background with the one-bit text layer painted black over it (see
 * mixed-raster.ts): a fifth to a tenth of the bytes of the whole page as one JPEG.
 */
async function drawMixedRaster(doc: PDFDocument, page: PDFPage, input: PdfPageInput, width: number, height: number): Promise<void> {
  const layers = await mixedRasterPage(input.image, input.resolutionDpi);
  const background = await doc.embedJpg(layers.background.jpeg);
  page.drawImage(background, { x: 0, y: 0, width, height });
  const mask = doc.context.stream(layers.mask.data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: layers.mask.width,
    Height: layers.mask.height,
    ImageMask: true,
    BitsPerComponent: 1,
    Filter: 'FlateDecode',
  });
  const maskName = page.node.newXObject(TEXT_MASK, doc.context.register(mask));
  page.pushOperators(
    pushGraphicsState(),
    setFillingGrayscaleColor(0),
    concatTransformationMatrix(width, 0, 0, height, 0, 0),
    drawObject(maskName),
    popGraphicsState(),
  );
}

function describe(metadata: ComponentPdfMetadata): ComponentPdfDescription {
  return {
    title: `${metadata.componentName} — hồ sơ ${metadata.dossierCode}`,
    subject: `Thành phần hồ sơ ${metadata.componentCode} của hồ sơ ${metadata.dossierCode}, số hóa tại Bộ phận Một cửa`,
    keywords: [metadata.dossierCode, metadata.componentCode, ...(metadata.ownerIdNumber ? [metadata.ownerIdNumber] : [])],
    creatorTool: `Quầy Một Cửa ${metadata.appVersion}`,
  };
}

/**
 * One PDF per dossier component: one page per cleaned image at its physical size, in the order and
 * number given (blank pages included — page count must equal the paper), stored as a text layer
 * over a small background, the OCR text invisible over each word, and the metadata in both the
 * info dictionary and XMP.
 *
 * Saved with a classic cross-reference table and no object streams, so the digital signature a
 * later step appends as an incremental update leaves every byte written here untouched.
 */
export async function assembleComponentPdf(pages: PdfPageInput[], metadata: ComponentPdfMetadata): Promise<Uint8Array> {
  try {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const description = describe(metadata);
    doc.setTitle(description.title, { showInWindowTitleBar: true });
    doc.setAuthor(metadata.officer);
    doc.setSubject(description.subject);
    doc.setKeywords(description.keywords);
    doc.setCreator(description.creatorTool);
    doc.setProducer(description.creatorTool);
    doc.setCreationDate(metadata.digitizedAt);
    doc.setModificationDate(metadata.digitizedAt);
    doc.setLanguage('vi-VN');
    // XMP is UTF-8 by definition; a string here would be written as Latin-1 and mangle the tone marks.
    const xmp = doc.context.stream(new TextEncoder().encode(xmpPacket(metadata, description)), { Type: 'Metadata', Subtype: 'XML' });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));

    const font = pages.some((page) => page.ocr?.words.length) ? embedGlyphlessFont(doc) : null;
    for (const input of pages) {
      const pointsPerPixel = POINTS_PER_INCH / input.resolutionDpi;
      const width = input.widthPx * pointsPerPixel;
      const height = input.heightPx * pointsPerPixel;
      const page = doc.addPage([width, height]);
      await drawMixedRaster(doc, page, input, width, height);
      if (font && input.ocr?.words.length) {
        const fontName = PDFName.of(OCR_FONT);
        page.node.setFontDictionary(fontName, font);
        page.pushOperators(...textLayerOperators(input.ocr.words, fontName, pointsPerPixel, height));
      }
    }
    return await doc.save({ useObjectStreams: false, addDefaultPage: false });
  } catch (error) {
    throw new AppError('DIGITIZE_PDF_FAILED', {
      component: metadata.componentCode,
      details: error instanceof Error ? error.message : String(error),
    });
  }
}
