// The digitize pool's tasks (cleanup, PDF assembly, barcodes), loaded by digitize-worker.ts in a pool worker.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { AppError } from '../../../../shared/ipc/result';
import { cleanPage } from '../cleanup/clean-page';
import { assembleComponentPdf } from '../pdf/assemble-component-pdf';
import { decodeBarcodes } from '../recognition/decode-barcodes';
import { transferablesOf, type DigitizeResult, type DigitizeTask } from './digitize-tasks';
import type { WorkerReply, WorkerRequest } from './worker-pool';

// One libvips thread per worker: the pool already runs one worker per spare core.
sharp.concurrency(1);
// A worker sees each page once: libvips' operation cache would only hold decoded pages in memory.
sharp.cache(false);

async function perform(task: DigitizeTask): Promise<DigitizeResult> {
  switch (task.kind) {
    case 'cleanup':
      return { kind: 'cleanup', page: await cleanPage(task.input) };
    case 'assemble-pdf':
      return { kind: 'assemble-pdf', pdf: await assembleComponentPdf(task.pages, task.metadata) };
    case 'barcodes':
      return { kind: 'barcodes', barcodes: await decodeBarcodes(task.image, { wasmFile: task.wasmFile }) };
  }
}

parentPort!.on('message', async (request: WorkerRequest<DigitizeTask>) => {
  let reply: WorkerReply<DigitizeResult>;
  try {
    const result = await perform(request.task);
    reply = { id: request.id, ok: true, result };
    parentPort!.postMessage(reply, transferablesOf(result));
  } catch (error) {
    reply = {
      id: request.id,
      ok: false,
      error:
        error instanceof AppError
          ? { code: error.code, params: error.params, message: error.message }
          : { message: error instanceof Error ? error.message : String(error) },
    };
    parentPort!.postMessage(reply);
  }
});
