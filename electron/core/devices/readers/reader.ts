/** What every barcode/QR reader driver reports, whatever the wire. */
export interface ReaderScan {
  readerId: string;
  text: string;
  /** AIM identifier (`]Q1` QR, `]C0` Code 128) where the reader sends one. */
  symbology: string | null;
}

export type ReaderState = 'connected' | 'disconnected';

export interface ReaderCallbacks {
  onScan(scan: ReaderScan): void;
  onState(readerId: string, state: ReaderState, detail?: string): void;
}

/** A reader the core listens to (HID-POS, serial); keyboard-wedge readers live in the renderer. */
export interface BarcodeReader {
  readonly id: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
