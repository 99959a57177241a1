import { describe, expect, it } from 'vitest';
import { nextSetupStep, setupChecklist, type SetupFacts } from '../../../shared/site/setup-checklist';

const nothing: SetupFacts = {
  siteConfigured: false,
  sequenceBlocks: 0,
  daysOffThisYear: 0,
  daysOffNextYear: 0,
  formPrinterChosen: false,
  scannerChosen: false,
  syncEnrolled: false,
};

describe('the set-up checklist (issue 13 point 11)', () => {
  it('a new counter has every step to do, starting with the site', () => {
    const steps = setupChecklist(nothing);
    expect(steps.map((s) => s.key)).toEqual(['site', 'sequence', 'calendar', 'printers', 'scanner', 'sync']);
    expect(steps.every((s) => !s.done)).toBe(true);
    expect(nextSetupStep(steps)).toBe('site');
  });

  it('after the site is saved the next step is the numbers', () => {
    expect(nextSetupStep(setupChecklist({ ...nothing, siteConfigured: true }))).toBe('sequence');
  });

  it('the calendar is done only with holidays for this year and the next', () => {
    const base = { ...nothing, siteConfigured: true, sequenceBlocks: 1 };
    expect(nextSetupStep(setupChecklist({ ...base, daysOffThisYear: 11 }))).toBe('calendar');
    expect(nextSetupStep(setupChecklist({ ...base, daysOffThisYear: 11, daysOffNextYear: 11 }))).toBe('printers');
  });

  it('a counter with everything in place has no next step', () => {
    const all: SetupFacts = {
      siteConfigured: true,
      sequenceBlocks: 2,
      daysOffThisYear: 11,
      daysOffNextYear: 12,
      formPrinterChosen: true,
      scannerChosen: true,
      syncEnrolled: true,
    };
    expect(setupChecklist(all).every((s) => s.done)).toBe(true);
    expect(nextSetupStep(setupChecklist(all))).toBeNull();
  });
});
