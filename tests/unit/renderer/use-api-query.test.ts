import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/ipc/result';
import { useApiQuery } from '../../../renderer/src/common/use-api-query';

/** A call whose answer the test gives when it chooses. */
function deferred<T>() {
  let resolve!: (value: Result<T>) => void;
  const promise = new Promise<Result<T>>((r) => (resolve = r));
  return { promise, resolve };
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const failed = (message: string): Result<never> => ({ ok: false, error: { code: 'INTERNAL', message } });

describe('useApiQuery', () => {
  it('loads on mount: loading, then the value', async () => {
    const load = vi.fn(async () => ok(['a']));
    const { result } = renderHook(() => useApiQuery(load, []));
    expect(result.current.loading).toBe(true);
    expect(result.current.data).toBeNull();
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.data).toEqual(['a']);
    expect(result.current.error).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a failure gives its message and keeps the last value; a good refresh clears the error', async () => {
    const answers = [ok(1), failed('Mất kết nối'), ok(2)];
    const { result } = renderHook(() => useApiQuery(async () => answers.shift()!, []));
    await waitFor(() => expect(result.current.data).toBe(1));
    await act(() => result.current.refresh());
    expect(result.current.error).toBe('Mất kết nối');
    expect(result.current.data).toBe(1);
    await act(() => result.current.refresh());
    expect(result.current).toMatchObject({ data: 2, error: null, loading: false });
  });

  it('applies only the newest answer when an older one arrives late', async () => {
    const slow = deferred<string>();
    const fast = deferred<string>();
    const calls = [slow, fast];
    const { result } = renderHook(() => useApiQuery(() => calls.shift()!.promise, []));
    let second!: Promise<void>;
    act(() => {
      second = result.current.refresh();
    });
    await act(async () => {
      fast.resolve(ok('new'));
      await second;
    });
    expect(result.current.data).toBe('new');
    await act(async () => slow.resolve(ok('old')));
    expect(result.current.data).toBe('new');
    expect(result.current.loading).toBe(false);
  });

  it('waits while disabled and loads each time it is enabled again', async () => {
    const load = vi.fn(async () => ok('x'));
    const { result, rerender } = renderHook(({ enabled }) => useApiQuery(load, [], { enabled }), { initialProps: { enabled: false } });
    expect(load).not.toHaveBeenCalled();
    expect(result.current.loading).toBe(false);
    rerender({ enabled: true });
    await waitFor(() => expect(result.current.data).toBe('x'));
    rerender({ enabled: false });
    rerender({ enabled: true });
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  });

  it('asks again when a dependency changes, with the newest loader', async () => {
    const { result, rerender } = renderHook(({ id }) => useApiQuery(async () => ok(`item ${id}`), [id]), { initialProps: { id: 1 } });
    await waitFor(() => expect(result.current.data).toBe('item 1'));
    rerender({ id: 2 });
    await waitFor(() => expect(result.current.data).toBe('item 2'));
  });

  it('sets nothing after unmount', async () => {
    const late = deferred<string>();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { result, unmount } = renderHook(() => useApiQuery(() => late.promise, []));
    unmount();
    await act(async () => late.resolve(ok('too late')));
    expect(result.current.data).toBeNull();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
