/**
 * The counter's local dossier states and the DVCQG status code (TrangThaiHoSo, docs/domain.md §3.1)
 * each one is sent as: one local state machine, one mapping, kept as data so a correction of the
 * national code list is one edit here (docs/domain.md §3.3).
 */
export const localStates = [
  'received',
  'refused',
  'processing',
  'awaitingSupplement',
  'paymentRequired',
  'withdrawn',
  'stopped',
  'resultReady',
  'returned',
] as const;
export type LocalState = (typeof localStates)[number];

export const DVCQG_STATUS_OF: Readonly<Record<LocalState, number>> = {
  received: 2,
  refused: 3,
  processing: 4,
  awaitingSupplement: 5,
  paymentRequired: 6,
  withdrawn: 7,
  stopped: 8,
  resultReady: 9,
  returned: 10,
};

/** The local state a stored status code stands for; null for 1 (filed online, never held at a counter) or an unknown code. */
export function localStateOf(status: number): LocalState | null {
  return localStates.find((state) => DVCQG_STATUS_OF[state] === status) ?? null;
}

/** States no lifecycle event leaves: the dossier's processing has ended at the counter. */
export const FINAL_STATES: ReadonlySet<LocalState> = new Set(['refused', 'withdrawn', 'stopped', 'returned']);
