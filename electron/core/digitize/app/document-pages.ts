/**
 * How many paper pages a stored document has: a PDF's page count, a multi-page TIFF's frames, one
 * for any other image. Result documents are a few pages, so reading their structure here is cheap;
 * null when the file cannot be read (broken or password-protected). The libraries load on first use
 * so the core's start-up does not pay for them.
 */
export async function countDocumentPages(bytes: Uint8Array, mediaType: string): Promise<number | null> {
  try {
    if (mediaType === 'application/pdf') {
      const { PDFDocument } = await import('pdf-lib');
      return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
    }
    const { default: sharp } = await import('sharp');
    const metadata = await sharp(bytes).metadata();
    return mediaType === 'image/tiff' ? (metadata.pages ?? 1) : 1;
  } catch {
    return null;
  }
}
