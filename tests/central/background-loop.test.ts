import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackgroundLoop } from '../../central/background-loop';

afterEach(() => {
  vi.useRealTimers();
});

describe('the gateway background loop', () => {
  it('runs again at once while a pass finds work, waits idleMs when it finds none, and logs a failed pass', async () => {
    vi.useFakeTimers();
    const answers: Array<boolean | Error> = [true, true, false, new Error('portal down'), false];
    let passes = 0;
    const logged: string[] = [];
    const loop = startBackgroundLoop({
      name: 'test outbox',
      pass: async () => {
        const answer = answers[passes++] ?? false;
        if (answer instanceof Error) throw answer;
        return answer;
      },
      idleMs: 1_000,
      log: (message) => logged.push(message),
    });
    // "At once" is a zero-delay timer, which the fake clock (like Node) runs a millisecond later.
    await vi.advanceTimersByTimeAsync(5);
    expect(passes).toBe(3);
    await vi.advanceTimersByTimeAsync(990);
    expect(passes).toBe(3);
    await vi.advanceTimersByTimeAsync(10);
    expect(passes).toBe(4);
    expect(logged).toEqual(['test outbox pass failed: portal down']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(passes).toBe(5);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(passes).toBe(5);
  });

  it('stop waits for the pass in flight, so the database closes after it', async () => {
    let release!: () => void;
    let finished = false;
    const loop = startBackgroundLoop({
      name: 'held',
      pass: () =>
        new Promise<boolean>((resolve) => {
          release = () => {
            finished = true;
            resolve(false);
          };
        }),
      idleMs: 60_000,
      log: () => undefined,
    });
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    const stopping = loop.stop();
    release();
    await stopping;
    expect(finished).toBe(true);
  });
});
