import os from 'node:os';
import { AppError } from '../../../../shared/ipc/result';
import type { OcrResult } from '../types';
import { PriorityQueue, type OcrPriority } from './ocr-queue';
import type { OcrEngine, OcrEngineFactory } from './tesseract-engine';

export type OcrJobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface OcrProgress {
  pageId: string;
  state: OcrJobState;
  /** 0–1 within the page. */
  progress: number;
}

/**
 * One worker per core but one: capture, cleanup and the UI keep a core to themselves, so OCR in
 * the background never holds up the scanner or the officer.
 */
export function ocrWorkerCount(cores: number = os.availableParallelism()): number {
  return Math.max(1, cores - 1);
}

export interface OcrJobOptions {
  priority?: OcrPriority;
  /** The page's resolution as cleanup measured it. */
  resolutionDpi?: number;
}

interface Job {
  pageId: string;
  image: Uint8Array;
  resolutionDpi: number | undefined;
  resolve: (result: OcrResult) => void;
  reject: (error: unknown) => void;
  cancelled: boolean;
}

export interface OcrPoolOptions {
  createEngine: OcrEngineFactory;
  workerCount?: number;
  onProgress?: (event: OcrProgress) => void;
}

/**
 * Background OCR of page images. Workers start on first use (each loads ~10 MB of models) and stay
 * for the next page. A page deleted or replaced before its turn is dropped from the queue; one
 * already running finishes in its worker and its result is discarded.
 */
export class OcrPool {
  private readonly queue = new PriorityQueue<Job>();
  private readonly idle: OcrEngine[] = [];
  private readonly running = new Map<string, Job[]>();
  private readonly engines: Promise<OcrEngine>[] = [];
  private readonly workerCount: number;
  private starting = 0;
  private closed = false;

  constructor(private readonly options: OcrPoolOptions) {
    this.workerCount = options.workerCount ?? ocrWorkerCount();
  }

  get queued(): number {
    return this.queue.size;
  }

  recognize(pageId: string, image: Uint8Array, { priority = 'normal', resolutionDpi }: OcrJobOptions = {}): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new AppError('OCR_CANCELLED', { page: pageId }));
    return new Promise<OcrResult>((resolve, reject) => {
      this.queue.push({ pageId, image, resolutionDpi, resolve, reject, cancelled: false }, priority);
      this.emit(pageId, 'queued', 0);
      this.pump();
    });
  }

  /** Drops every job of a deleted or replaced page; returns how many were affected. */
  cancel(pageId: string): number {
    const dropped = this.queue.removeWhere((job) => job.pageId === pageId);
    for (const job of dropped) this.settleCancelled(job);
    const running = this.running.get(pageId) ?? [];
    for (const job of running) job.cancelled = true;
    return dropped.length + running.length;
  }

  /** Ends the workers; queued and running pages are answered OCR_CANCELLED (their images stay stored). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.removeWhere(() => true)) this.settleCancelled(job);
    for (const jobs of this.running.values()) {
      for (const job of jobs) {
        job.cancelled = true;
        this.settleCancelled(job);
      }
    }
    const engines = await Promise.allSettled(this.engines);
    await Promise.all(engines.map((engine) => (engine.status === 'fulfilled' ? engine.value.terminate() : undefined)));
  }

  private settleCancelled(job: Job): void {
    job.reject(new AppError('OCR_CANCELLED', { page: job.pageId }));
    this.emit(job.pageId, 'cancelled', 0);
  }

  private emit(pageId: string, state: OcrJobState, progress: number): void {
    this.options.onProgress?.({ pageId, state, progress });
  }

  private pump(): void {
    while (!this.closed && this.queue.size > 0) {
      const engine = this.idle.pop();
      if (engine) {
        void this.run(engine, this.queue.shift()!);
      } else if (this.engines.length < this.workerCount && this.starting < this.queue.size) {
        this.startEngine();
      } else {
        return;
      }
    }
  }

  private startEngine(): void {
    const starting = this.options.createEngine();
    this.engines.push(starting);
    this.starting++;
    starting.then(
      (engine) => {
        this.starting--;
        this.idle.push(engine);
        this.pump();
      },
      (error: unknown) => {
        this.starting--;
        // Without a worker nothing queued can run; each page says why, and stays as captured.
        this.engines.splice(this.engines.indexOf(starting), 1);
        for (const job of this.queue.removeWhere(() => true)) this.fail(job, error);
      },
    );
  }

  private async run(engine: OcrEngine, job: Job): Promise<void> {
    const sameRunning = this.running.get(job.pageId) ?? [];
    this.running.set(job.pageId, [...sameRunning, job]);
    this.emit(job.pageId, 'running', 0);
    try {
      const result = await engine.recognize(job.image, job.resolutionDpi, (progress) => this.emit(job.pageId, 'running', progress));
      if (job.cancelled) {
        if (!this.closed) this.settleCancelled(job);
      } else {
        job.resolve(result);
        this.emit(job.pageId, 'done', 1);
      }
    } catch (error) {
      if (!job.cancelled) this.fail(job, error);
      else if (!this.closed) this.settleCancelled(job);
    } finally {
      const left = (this.running.get(job.pageId) ?? []).filter((other) => other !== job);
      if (left.length > 0) this.running.set(job.pageId, left);
      else this.running.delete(job.pageId);
      this.idle.push(engine);
      this.pump();
    }
  }

  private fail(job: Job, error: unknown): void {
    const appError =
      error instanceof AppError
        ? error
        : new AppError('OCR_FAILED', { page: job.pageId, details: error instanceof Error ? error.message : String(error) });
    job.reject(appError);
    this.emit(job.pageId, 'failed', 0);
  }
}
