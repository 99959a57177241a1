import { useCallback, useEffect, useState } from 'react';
import type { SyncProgress } from '../../../../shared/ipc/contract';
import { api } from '../../api';

/** Events are pushed while a pass runs; this catches up when a transport cannot push (test bindings). */
const REFRESH_MS = 20_000;

/** The sync's progress for the status bar: loaded once, then kept current by `sync.progress`. */
export function useSyncProgress(): { progress: SyncProgress | null; enrolled: boolean } {
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [enrolled, setEnrolled] = useState(false);

  const load = useCallback(async () => {
    const result = await api.sync.status();
    if (!result.ok) return;
    setProgress(result.value);
    setEnrolled(result.value.enrolled);
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    const off = api.on('sync.progress', (next) => {
      setProgress(next);
      setEnrolled(true);
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [load]);

  return { progress, enrolled };
}
