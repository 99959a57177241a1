import { AppError } from '../../../../shared/ipc/result';
import { SaneDriver } from '../capture/sane/scanimage-driver';
import { DigitizePool } from '../pipeline/cleanup-pool';
import { driverRegistryScanner } from './driver-registry-scanner';
import type { DigitizePipeline } from './ports';

export interface DefaultPipelineOptions {
  resourcesDir: string;
  dataDir: string;
}

function missing(part: string): never {
  throw new AppError('DIGITIZE_PART_MISSING', { part });
}

/**
 * The drivers and worker pools the app runs with outside tests: SANE scanners as the system
 * configures them, cleanup and PDF assembly in worker threads started on first use.
 */
export function createDigitizePipeline(_options: DefaultPipelineOptions): DigitizePipeline & { close(): Promise<void> } {
  const pool = new DigitizePool();
  return {
    scanner: driverRegistryScanner([new SaneDriver()]),
    cleaner: pool,
    barcodes: { decode: async () => missing('barcodes') },
    ocr: { recognize: async () => missing('ocr') },
    fields: { suggest: () => [] },
    pdf: pool,
    close: () => pool.close(),
  };
}
