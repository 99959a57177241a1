import { AppError } from '../../../../shared/ipc/result';
import type { DigitizePipeline } from './ports';

export interface DefaultPipelineOptions {
  resourcesDir: string;
  dataDir: string;
}

function missing(part: string): never {
  throw new AppError('DIGITIZE_PART_MISSING', { part });
}

/** The drivers and worker pools the app runs with outside tests. */
export function createDigitizePipeline(_options: DefaultPipelineOptions): DigitizePipeline {
  return {
    scanner: { list: async () => [], scan: () => missing('scanner') },
    cleaner: { clean: async () => missing('cleanup') },
    barcodes: { decode: async () => missing('barcodes') },
    ocr: { recognize: async () => missing('ocr') },
    fields: { suggest: () => [] },
    pdf: { assemble: async () => missing('pdf') },
  };
}
