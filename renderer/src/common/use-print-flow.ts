import { useState } from 'react';
import type { PrintResult } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';

/** The state every "print a form, then show its PDF" dialog shares: busy, the error, the result. */
export function usePrintFlow() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [printed, setPrinted] = useState<PrintResult | null>(null);

  async function run(print: () => Promise<Result<PrintResult>>): Promise<void> {
    setBusy(true);
    const result = await print();
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setPrinted(result.value);
  }

  function reset(): void {
    setPrinted(null);
    setError(null);
  }

  return { busy, error, printed, run, reset };
}
