import fs from 'node:fs/promises';
import { AppError } from '../../../../shared/ipc/result';
import type { PrinterConnection, PrinterTransport } from './transport';

/**
 * Writes the ESC/POS job to a file (`quay print … --printer file:PATH`): for a printer reached some
 * other way (copy to `/dev/usb/lp0`, a share) or to inspect the bytes. One-way, never "printed".
 */
export class FileTransport implements PrinterTransport {
  readonly label: string;

  constructor(private readonly path: string) {
    this.label = path;
  }

  async open(): Promise<PrinterConnection> {
    const chunks: Uint8Array[] = [];
    const file = this.path;
    return {
      queryStatus: null,
      async write(bytes) {
        chunks.push(bytes);
      },
      async finish() {
        try {
          await fs.writeFile(file, Buffer.concat(chunks));
        } catch (error) {
          throw new AppError('PRINT_SAVE_FAILED', { path: file, details: error instanceof Error ? error.message : String(error) });
        }
      },
      abort() {
        chunks.length = 0;
      },
    };
  }
}
