import { PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';

/**
 * Tesseract's "GlyphLessFont" (tessdata/pdf.ttf, Apache-2.0, © Google): one empty glyph, 572 bytes.
 * An invisible OCR layer draws nothing, so it needs no real glyphs — only an embedded program so
 * the file stays self-contained, a width, and a ToUnicode map that lets search and copy find the
 * Vietnamese text. (Embedding DejaVu would need @pdf-lib/fontkit to subset it, and would add
 * hundreds of KB per component for glyphs nobody sees.)
 */
const GLYPHLESS_TTF_BASE64 =
  'AAEAAAAKAIAAAwAgT1MvMlbeyJQAAAEoAAAAYGNtYXAACgA0AAABkAAAAB5nbHlmFSJBJAAAAbgAAAAYaGVhZAt48WUAAACsAAAANmhoZWEMAgQCAAAA5AAAACRobXR4BAAAAAAAAYgAAAAIbG9jYQAMAAAAAAGwAAAABm1heHAABAAFAAABCAAAACBuYW1l8usW2gAAAdAAAABLcG9zdAABAAEAAAIcAAAAIAABAAAAAQAAsJRxEF8PPPUEBwgAAAAAAM+a/G4AAAAA1MOn8gAAAAAEAAgAAAAAEAACAAAAAAAAAAEAAAgA//8AAAQAAAAAAAQAAAEAAAAAAAAAAAAAAAAAAAACAAEAAAACAAQAAQAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAwAAAZAABQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAUAAQABAAAAAAAAAAAAAAAAAAAAAAAAAAAAR09PRwBAAAAAAAAB//8AAAABAAGAAAAAAAAAAAAAAAAAAAABAAAAAAAABAAAAAAAAAIAAQAAAAAAFAADAAAAAAAUAAYACgAAAAAAAAAAAAAAAAAMAAAAAQAAAAAEAAgAAAMAADEhESEEAPwACAAAAAADACoAAAADAAAABQAWAAAAAQAAAAAABQALABYAAwABBAkABQAWAAAAVgBlAHIAcwBpAG8AbgAgADEALgAwVmVyc2lvbiAxLjAAAAEAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAA=';

/** Every character is one CID equal to its UTF-16 code unit; all show glyph 1 at half an em. */
export const GLYPH_WIDTH_EM = 0.5;

const IDENTITY_TO_UNICODE = [
  '/CIDInit /ProcSet findresource begin',
  '12 dict begin',
  'begincmap',
  '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
  '/CMapName /Adobe-Identity-UCS def',
  '/CMapType 2 def',
  '1 begincodespacerange',
  '<0000> <FFFF>',
  'endcodespacerange',
  '1 beginbfrange',
  '<0000> <FFFF> <0000>',
  'endbfrange',
  'endcmap',
  'CMapName currentdict /CMap defineresource pop',
  'end',
  'end',
].join('\n');

/** Adds the Type 0 font (Identity-H) to the document once; returns the reference pages share. */
export function embedGlyphlessFont(doc: PDFDocument): PDFRef {
  const context = doc.context;
  const program = Buffer.from(GLYPHLESS_TTF_BASE64, 'base64');
  const fontFile = context.flateStream(program, { Length1: program.length });
  const cidToGid = new Uint8Array(65536 * 2);
  for (let cid = 0; cid < 65536; cid++) cidToGid[cid * 2 + 1] = 1;
  const descriptor = context.obj({
    Type: 'FontDescriptor',
    FontName: 'GlyphLessFont',
    Flags: 5,
    FontBBox: [0, 0, 500, 1000],
    ItalicAngle: 0,
    Ascent: 1000,
    Descent: 0,
    CapHeight: 1000,
    StemV: 80,
    FontFile2: context.register(fontFile),
  });
  const cidFont = context.obj({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: 'GlyphLessFont',
    CIDSystemInfo: context.obj({ Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 }),
    FontDescriptor: context.register(descriptor),
    DW: GLYPH_WIDTH_EM * 1000,
    CIDToGIDMap: context.register(context.flateStream(cidToGid)),
  });
  const font = context.obj({
    Type: 'Font',
    Subtype: 'Type0',
    BaseFont: 'GlyphLessFont',
    Encoding: 'Identity-H',
    DescendantFonts: [context.register(cidFont)],
    ToUnicode: context.register(context.flateStream(IDENTITY_TO_UNICODE)),
  });
  return context.register(font);
}
