import type { TestContext } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Read by scripts/test-counts.mjs, which accepts only reasons listed in tests/skip-reasons.json. */
    skipReason?: string;
  }
}

/** Skips the running test with a reason the test runner can check against its allow-list. */
export function skipBecause(context: TestContext, reason: string): never {
  context.task.meta.skipReason = reason;
  context.skip(reason);
  throw new Error('unreachable: context.skip throws');
}
