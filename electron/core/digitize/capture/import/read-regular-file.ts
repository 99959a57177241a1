import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { AppError } from '../../../../../shared/ipc/result';

/** A scanner's own software writes pages of a few MB; a 600 dpi colour A3 TIFF stays well under this. */
export const MAX_DROPPED_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Reads a file someone else put in a shared folder (the hot folder, docs/devices.md): opened without following a link
 * (O_NOFOLLOW; a link planted in place of a scan could point at another user's file), checked on the open descriptor
 * (fstat, so the file checked is the file read) to be a regular file under the size cap, and read whole from that
 * descriptor (issue 17 finding 5).
 */
export async function readRegularFile(file: string, maxBytes = MAX_DROPPED_FILE_BYTES): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new AppError('IMPORT_FILE_NOT_REGULAR', { file });
    throw new AppError('IMPORT_FILE_UNREADABLE', { file, details: code ?? String(error) });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError('IMPORT_FILE_NOT_REGULAR', { file });
    if (info.size > maxBytes)
      throw new AppError('IMPORT_FILE_TOO_LARGE', { file, size: Math.ceil(info.size / 1024 ** 2), max: Math.floor(maxBytes / 1024 ** 2) });
    const bytes = Buffer.alloc(info.size);
    let read = 0;
    while (read < bytes.length) {
      const { bytesRead } = await handle.read(bytes, read, bytes.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return bytes.subarray(0, read);
  } finally {
    await handle.close();
  }
}
