import { describe, expect, it } from 'vitest';
import { OcrPool, ocrWorkerCount, type OcrProgress } from '../../../../../electron/core/digitize/recognition/ocr-pool';
import { PriorityQueue } from '../../../../../electron/core/digitize/recognition/ocr-queue';
import type { OcrEngine } from '../../../../../electron/core/digitize/recognition/tesseract-engine';
import type { OcrResult } from '../../../../../electron/core/digitize/types';
import { AppError } from '../../../../../shared/ipc/result';

/** An engine whose pages finish when the test says so; images carry the page's name as text. */
class ControlledEngines {
  readonly started: string[] = [];
  readonly pending = new Map<
    string,
    { resolve: (result: OcrResult) => void; reject: (error: Error) => void; progress: (value: number) => void }
  >();
  created = 0;
  terminated = 0;

  factory = async (): Promise<OcrEngine> => {
    this.created++;
    return {
      recognize: (image, _resolutionDpi, onProgress) =>
        new Promise<OcrResult>((resolve, reject) => {
          const name = Buffer.from(image).toString();
          this.started.push(name);
          this.pending.set(name, { resolve, reject, progress: onProgress });
        }),
      terminate: async () => {
        this.terminated++;
      },
    };
  };

  finish(name: string): void {
    this.pending.get(name)!.resolve({ text: `text of ${name}`, meanConfidence: 90, words: [] });
    this.pending.delete(name);
  }
}

const image = (name: string): Uint8Array => Buffer.from(name);
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('OCR worker count', () => {
  it('leaves one core to capture and the UI, and never goes below one worker', () => {
    expect(ocrWorkerCount(8)).toBe(7);
    expect(ocrWorkerCount(2)).toBe(1);
    expect(ocrWorkerCount(1)).toBe(1);
    expect(ocrWorkerCount()).toBeGreaterThanOrEqual(1);
  });
});

describe('OCR priority queue', () => {
  it('serves high before normal before low, first in first out within each', () => {
    const queue = new PriorityQueue<string>();
    queue.push('low-1', 'low');
    queue.push('normal-1', 'normal');
    queue.push('high-1', 'high');
    queue.push('normal-2', 'normal');
    expect(queue.removeWhere((item) => item === 'normal-2')).toEqual(['normal-2']);
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift()]).toEqual(['high-1', 'normal-1', 'low-1', undefined]);
  });
});

describe('OCR pool', () => {
  it('starts workers only as pages arrive, at most the configured number', async () => {
    const engines = new ControlledEngines();
    const pool = new OcrPool({ createEngine: engines.factory, workerCount: 2 });
    const first = pool.recognize('p1', image('p1'));
    await settle();
    expect(engines.created).toBe(1);
    pool.recognize('p2', image('p2'));
    pool.recognize('p3', image('p3'));
    await settle();
    expect(engines.created).toBe(2);
    expect(engines.started).toEqual(['p1', 'p2']);
    engines.finish('p1');
    expect(await first).toEqual({ text: 'text of p1', meanConfidence: 90, words: [] });
    await settle();
    expect(engines.started).toEqual(['p1', 'p2', 'p3']);
    expect(engines.created).toBe(2);
    engines.finish('p2');
    engines.finish('p3');
    await settle();
    await pool.close();
    expect(engines.terminated).toBe(2);
  });

  it('runs the page the officer has open before pages waiting in the background', async () => {
    const engines = new ControlledEngines();
    const pool = new OcrPool({ createEngine: engines.factory, workerCount: 1 });
    void pool.recognize('busy', image('busy'));
    await settle();
    void pool.recognize('archive', image('archive'), { priority: 'low' });
    void pool.recognize('fresh', image('fresh'));
    void pool.recognize('open', image('open'), { priority: 'high' });
    await settle();
    for (const name of ['busy', 'open', 'fresh']) {
      engines.finish(name);
      await settle();
    }
    expect(engines.started).toEqual(['busy', 'open', 'fresh', 'archive']);
    engines.finish('archive');
    await settle();
    await pool.close();
  });

  it('drops the queued job of a deleted page and discards the result of one already running', async () => {
    const engines = new ControlledEngines();
    const events: OcrProgress[] = [];
    const pool = new OcrPool({ createEngine: engines.factory, workerCount: 1, onProgress: (event) => events.push(event) });
    const running = pool.recognize('deleted-while-running', image('deleted-while-running'));
    const queued = pool.recognize('deleted-while-queued', image('deleted-while-queued'));
    const kept = pool.recognize('kept', image('kept'));
    await settle();
    expect(pool.cancel('deleted-while-queued')).toBe(1);
    expect(pool.cancel('deleted-while-running')).toBe(1);
    expect(pool.queued).toBe(1);
    await expect(queued).rejects.toMatchObject({ code: 'OCR_CANCELLED' });
    engines.finish('deleted-while-running');
    await expect(running).rejects.toMatchObject({ code: 'OCR_CANCELLED' });
    await settle();
    engines.finish('kept');
    await expect(kept).resolves.toMatchObject({ text: 'text of kept' });
    expect(engines.started).toEqual(['deleted-while-running', 'kept']);
    expect(events.filter((event) => event.state === 'cancelled').map((event) => event.pageId)).toEqual([
      'deleted-while-queued',
      'deleted-while-running',
    ]);
    await pool.close();
  });

  it('reports each page queued, running with progress, and done', async () => {
    const engines = new ControlledEngines();
    const events: OcrProgress[] = [];
    const pool = new OcrPool({ createEngine: engines.factory, workerCount: 1, onProgress: (event) => events.push(event) });
    const done = pool.recognize('p1', image('p1'));
    await settle();
    engines.pending.get('p1')!.progress(0.5);
    engines.finish('p1');
    await done;
    expect(events).toEqual([
      { pageId: 'p1', state: 'queued', progress: 0 },
      { pageId: 'p1', state: 'running', progress: 0 },
      { pageId: 'p1', state: 'running', progress: 0.5 },
      { pageId: 'p1', state: 'done', progress: 1 },
    ]);
    await pool.close();
  });

  it('fails one bad page with OCR_FAILED and goes on with the next', async () => {
    const engines = new ControlledEngines();
    const pool = new OcrPool({ createEngine: engines.factory, workerCount: 1 });
    const bad = pool.recognize('bad', image('bad'));
    const good = pool.recognize('good', image('good'));
    await settle();
    engines.pending.get('bad')!.reject(new Error('Error attempting to read image.'));
    const error = await bad.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'OCR_FAILED' });
    expect((error as AppError).message).toContain('trang vẫn được giữ lại');
    await settle();
    engines.finish('good');
    await expect(good).resolves.toMatchObject({ text: 'text of good' });
    await pool.close();
  });

  it('fails the waiting pages with the reason when no worker can start', async () => {
    const pool = new OcrPool({
      createEngine: () => Promise.reject(new AppError('OCR_DATA_MISSING', { language: 'vie', path: '/x' })),
      workerCount: 1,
    });
    await expect(pool.recognize('p1', image('p1'))).rejects.toMatchObject({ code: 'OCR_DATA_MISSING' });
    await pool.close();
  });

  it('answers running and queued pages as cancelled when closed, and refuses new pages', async () => {
    const engines = new ControlledEngines();
    const events: OcrProgress[] = [];
    const pool = new OcrPool({ createEngine: engines.factory, workerCount: 1, onProgress: (event) => events.push(event) });
    const running = pool.recognize('running', image('running'));
    const waiting = pool.recognize('waiting', image('waiting'));
    await settle();
    await pool.close();
    await expect(running).rejects.toMatchObject({ code: 'OCR_CANCELLED' });
    await expect(waiting).rejects.toMatchObject({ code: 'OCR_CANCELLED' });
    expect(engines.terminated).toBe(1);
    // A worker that still finishes after the close changes nothing.
    engines.finish('running');
    await settle();
    expect(events.filter((event) => event.state === 'cancelled').map((event) => event.pageId)).toEqual(['waiting', 'running']);
    await expect(pool.recognize('late', image('late'))).rejects.toMatchObject({ code: 'OCR_CANCELLED' });
  });
});
