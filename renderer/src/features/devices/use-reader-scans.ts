import { useEffect, useRef } from 'react';
import type { EventPayload } from '../../../../shared/ipc/contract';
import { api } from '../../api';

/**
 * Scans from HID-POS and serial readers, which the core reads and pushes as `reader.scanned`:
 * a screen handles them exactly as it handles a keyboard-wedge scan of the same text.
 */
export function useReaderScans(onScan: (scan: EventPayload<'reader.scanned'>) => void, enabled = true): void {
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);
  useEffect(() => (enabled ? api.on('reader.scanned', (scan) => onScanRef.current(scan)) : undefined), [enabled]);
}
