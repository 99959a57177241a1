import { afterEach, describe, expect, it } from 'vitest';
import { poolSize, WorkerPool } from '../../../../electron/core/digitize/pipeline/worker-pool';
import { AppError } from '../../../../shared/ipc/result';

type Task = { action: 'echo'; value: number; delayMs?: number } | { action: 'fail' } | { action: 'crash' } | { action: 'throw' };
const script = new URL('./fixtures/scripted-worker.mjs', import.meta.url);

describe('worker pool', () => {
  let pool: WorkerPool<Task, { echoed: number }>;
  afterEach(() => pool?.close());

  it('sizes itself to the cores but one, never below one', () => {
    expect(poolSize(2)).toBe(1);
    expect(poolSize(1)).toBe(1);
    expect(poolSize(8)).toBe(7);
  });

  it('queues more tasks than workers and answers each in full, never starting more workers than its size', async () => {
    pool = new WorkerPool({ script, size: 2 });
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, value) => pool.run({ action: 'echo', value, delayMs: 5 }, `page ${value}`)),
    );
    expect(results.map((result) => result.echoed)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pool.workerCount).toBe(2);
  });

  it('passes a task’s own error back as the AppError it was', async () => {
    pool = new WorkerPool({ script, size: 1 });
    const failure = await pool.run({ action: 'fail' }, 'p1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('CLEANUP_IMAGE_UNREADABLE');
  });

  it('fails only the task whose worker crashed, names it, and carries on with a fresh worker', async () => {
    pool = new WorkerPool({ script, size: 1 });
    const before = pool.run({ action: 'echo', value: 1 }, 'page 1');
    const crashed = pool.run({ action: 'crash' }, 'scan-0002.png').catch((error: unknown) => error);
    const thrown = pool.run({ action: 'throw' }, 'scan-0003.png').catch((error: unknown) => error);
    const after = pool.run({ action: 'echo', value: 4 }, 'page 4');
    expect((await before).echoed).toBe(1);
    const crash = (await crashed) as AppError;
    expect(crash.code).toBe('DIGITIZE_WORKER_CRASHED');
    expect(crash.message).toContain('scan-0002.png');
    expect(crash.message).toContain('exit code 7');
    const uncaught = (await thrown) as AppError;
    expect(uncaught.code).toBe('DIGITIZE_WORKER_CRASHED');
    expect(uncaught.message).toContain('worker blew up');
    expect((await after).echoed).toBe(4);
  });

  it('refuses work after close and fails what was queued instead of leaving it waiting', async () => {
    pool = new WorkerPool({ script, size: 1 });
    const running = pool.run({ action: 'echo', value: 1, delayMs: 200 }, 'p1').catch((error: unknown) => error);
    const queued = pool.run({ action: 'echo', value: 2 }, 'p2').catch((error: unknown) => error);
    await pool.close();
    expect(((await running) as AppError).code).toBe('DIGITIZE_POOL_CLOSED');
    expect(((await queued) as AppError).code).toBe('DIGITIZE_POOL_CLOSED');
    expect(((await pool.run({ action: 'echo', value: 3 }, 'p3').catch((error: unknown) => error)) as AppError).code).toBe(
      'DIGITIZE_POOL_CLOSED',
    );
  });
});
