import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { Result } from '../../../shared/ipc/result';

export interface ApiQuery<T> {
  /** The last value loaded; kept while refreshing and after a failed refresh. */
  data: T | null;
  /** The message of the last load when it failed, null once a load succeeds. */
  error: string | null;
  loading: boolean;
  /** Loads again; resolves when this load's answer has been applied (or ignored as stale). */
  refresh: () => Promise<void>;
}

/**
 * One read from the core shown on a screen: loaded when the screen mounts and whenever `deps`
 * change (while `enabled`), reloaded on demand. Only the newest load's answer is applied, so a
 * slow earlier answer never overwrites a later one, and nothing is set after unmount.
 */
export function useApiQuery<T>(
  load: () => Promise<Result<T>>,
  deps: DependencyList,
  { enabled = true }: { enabled?: boolean } = {},
): ApiQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const latestLoad = useRef(load);
  latestLoad.current = load;
  const generation = useRef(0);
  const mounted = useRef(true);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    const result = await latestLoad.current();
    if (!mounted.current || mine !== generation.current) return;
    setLoading(false);
    if (result.ok) {
      setData(result.value);
      setError(null);
    } else {
      setError(result.error.message);
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (enabled) void refresh();
    // The caller's deps decide when the query is asked again, like useEffect's.
  }, [enabled, refresh, ...deps]);

  return { data, error, loading, refresh };
}
