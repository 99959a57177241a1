/** A thermal slip owed with a dossier event, recorded in the same transaction as the event. */
export interface OwedSlip {
  dossierId: string;
  kind: 'slip_received' | 'slip_returned';
  requestedBy: string;
  at: string;
}

/** Records the slip as a pending print job when a receipt printer is set up; nothing otherwise. */
export type OweSlip = (slip: OwedSlip) => void;
