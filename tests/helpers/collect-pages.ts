import { AppError } from '../../shared/ipc/result';
import type { CapturedPage } from '../../electron/core/digitize/types';

/** Drains a scan: the pages it yielded and the AppError it ended with, if any. */
export async function collectPages(pages: AsyncIterable<CapturedPage>): Promise<{ pages: CapturedPage[]; error: AppError | null }> {
  const got: CapturedPage[] = [];
  try {
    for await (const page of pages) got.push(page);
    return { pages: got, error: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { pages: got, error };
  }
}
