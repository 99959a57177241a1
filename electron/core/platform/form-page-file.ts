import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Hands a form's HTML to a window as a file, never as a `data:` URL: Chromium refuses URLs over 2 MB
 * (url::kMaxURLChars), so a register of more than about 2,150 rows would not print (docs/architecture.md §6). The
 * form holds personal data, so it sits in a private folder (0700, file 0600) only while the window loads it.
 */
export async function withFormFile<T>(html: string, load: (fileUrl: string) => Promise<T>): Promise<T> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'quay-form-'));
  try {
    await fs.chmod(folder, 0o700);
    const file = path.join(folder, 'form.html');
    await fs.writeFile(file, html, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    return await load(pathToFileURL(file).toString());
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}
