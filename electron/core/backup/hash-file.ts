import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** SHA-256 of a file, streamed: a backup reads gigabytes and must not hold them in memory or block the core. */
export async function sha256OfFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { sha256: hash.digest('hex'), bytes };
}
