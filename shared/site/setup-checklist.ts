/**
 * The set-up checklist an administrator sees on a new counter (issue 13 point 11): what must be in
 * place before the first citizen is served, in the order it is best done, and which steps are done.
 */
export type SetupStepKey = 'site' | 'sequence' | 'calendar' | 'printers' | 'scanner' | 'sync';

export interface SetupFacts {
  siteConfigured: boolean;
  /** Sequence blocks declared, used up or not. */
  sequenceBlocks: number;
  /** Days off entered for the current and the next calendar year. */
  daysOffThisYear: number;
  daysOffNextYear: number;
  formPrinterChosen: boolean;
  scannerChosen: boolean;
  syncEnrolled: boolean;
}

export interface SetupStep {
  key: SetupStepKey;
  done: boolean;
}

export const SETUP_ORDER: readonly SetupStepKey[] = ['site', 'sequence', 'calendar', 'printers', 'scanner', 'sync'];

export function setupChecklist(facts: SetupFacts): SetupStep[] {
  const done: Record<SetupStepKey, boolean> = {
    site: facts.siteConfigured,
    sequence: facts.sequenceBlocks > 0,
    // Public holidays fall in every year, so a year without one has not been entered yet.
    calendar: facts.daysOffThisYear > 0 && facts.daysOffNextYear > 0,
    printers: facts.formPrinterChosen,
    scanner: facts.scannerChosen,
    sync: facts.syncEnrolled,
  };
  return SETUP_ORDER.map((key) => ({ key, done: done[key] }));
}

/** The first step not done yet; null when the counter is set up. */
export function nextSetupStep(steps: readonly SetupStep[]): SetupStepKey | null {
  return steps.find((step) => !step.done)?.key ?? null;
}
