import type { ScannedPageRow } from '../../../../db/repositories/page-repository';
import type { PageView } from '../../../../shared/digitize/page-view';
import { storedBarcodesSchema, storedPageQualitySchema } from '../../../../shared/digitize/stored-page';
import { parseStoredJson } from '../../../../shared/storage/stored-json';

/** A recovery-index row as the page editor sees it; the thumbnail comes from the file store. */
export function toPageView(row: ScannedPageRow, thumbnail: Buffer | null, bytes: number): PageView {
  const quality = row.quality ? parseStoredJson(storedPageQualitySchema, row.quality, 'scanned_pages.quality', row.id) : null;
  const barcodes = row.barcodes ? parseStoredJson(storedBarcodesSchema, row.barcodes, 'scanned_pages.barcodes', row.id) : [];
  return {
    id: row.id,
    sessionId: row.sessionId,
    componentCode: row.componentCode,
    position: row.position,
    state: row.state,
    blank: row.blank,
    rotation: row.rotation,
    quality: quality ? { score: quality.score, problems: quality.problems } : null,
    thumbnailBase64: thumbnail ? thumbnail.toString('base64') : null,
    ocrDone: row.ocrText !== null,
    barcodes: barcodes.map((b) => ({ format: b.format, text: b.text })),
    source: row.source,
    file: {
      sha256: row.cleanedSha256 ?? row.originalSha256,
      fileName: `${row.componentCode}-trang-${row.position + 1}`,
      mediaType: row.cleanedMediaType ?? row.originalMediaType,
      bytes,
    },
  };
}
