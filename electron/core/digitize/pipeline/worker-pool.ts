import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../shared/ipc/result';
import type { ErrorCode } from '../../../../shared/i18n/vi';

/** What travels to a worker: a task id, the task itself, and buffers handed over without a copy. */
export interface WorkerRequest<Task> {
  id: number;
  task: Task;
}

export type WorkerReply<Result> =
  | { id: number; ok: true; result: Result }
  | { id: number; ok: false; error: { code?: ErrorCode; params?: Record<string, string | number>; message: string } };

/** Cores − 1, at least one: the core's own loop and the UI keep a core (docs/architecture.md §2). */
export function poolSize(cores: number = os.availableParallelism()): number {
  return Math.max(1, cores - 1);
}

export interface WorkerPoolOptions {
  script: URL;
  size?: number;
  /** Node options for the worker, e.g. the loader that lets it run TypeScript from source. */
  execArgv?: string[];
}

interface Pending<Task, Result> {
  id: number;
  task: Task;
  transfer: ArrayBuffer[];
  /** Named in the error when the worker dies on this task. */
  source: string;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

interface Slot<Task, Result> {
  worker: Worker;
  busy: Pending<Task, Result> | null;
}

/**
 * A fixed set of worker threads fed from one queue. A worker that crashes or exits fails only the
 * task it was running — with a message naming that task — and is replaced, so nothing queued ever
 * waits on a dead thread. Workers start lazily and stay for the next task.
 */
export class WorkerPool<Task, Result> {
  private readonly queue: Pending<Task, Result>[] = [];
  private readonly slots: Slot<Task, Result>[] = [];
  private readonly size: number;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = options.size ?? poolSize();
  }

  get workerCount(): number {
    return this.slots.length;
  }

  run(task: Task, source: string, transfer: ArrayBuffer[] = []): Promise<Result> {
    if (this.closed) return Promise.reject(new AppError('DIGITIZE_POOL_CLOSED'));
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, transfer, source, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new AppError('DIGITIZE_POOL_CLOSED'));
    for (const slot of this.slots) slot.busy?.reject(new AppError('DIGITIZE_POOL_CLOSED'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((candidate) => candidate.busy === null) ?? (this.slots.length < this.size ? this.spawn() : null);
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      const request: WorkerRequest<Task> = { id: pending.id, task: pending.task };
      slot.worker.postMessage(request, pending.transfer);
    }
  }

  private spawn(): Slot<Task, Result> {
    const worker = new Worker(this.options.script, { execArgv: this.options.execArgv });
    const slot: Slot<Task, Result> = { worker, busy: null };
    this.slots.push(slot);
    worker.on('message', (reply: WorkerReply<Result>) => {
      const pending = slot.busy;
      if (!pending || pending.id !== reply.id) return;
      slot.busy = null;
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(reply.error.code ? new AppError(reply.error.code, reply.error.params) : new Error(reply.error.message));
      this.pump();
    });
    let failure = 'exited';
    worker.on('error', (error) => {
      failure = error.message;
    });
    worker.on('exit', (exitCode) => this.replace(slot, `${failure} (exit code ${exitCode})`));
    return slot;
  }

  private replace(slot: Slot<Task, Result>, details: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.busy?.reject(new AppError('DIGITIZE_WORKER_CRASHED', { source: slot.busy.source, details }));
    slot.busy = null;
    if (!this.closed) this.pump();
  }
}
