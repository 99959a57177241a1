/** `DLE EOT n`: 1 printer, 2 offline cause, 3 error cause, 4 paper roll sensor. */
export type StatusQuery = 1 | 2 | 3 | 4;

/** One job's link to a receipt printer: opened, written, finished, never reused for a second job. */
export interface PrinterConnection {
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Asks a real-time status byte. Null where the link is one-way (a spooler): there the printer's
   * state is unknown and a job can only be reported as handed over, never as printed.
   */
  readonly queryStatus: ((query: StatusQuery) => Promise<number>) | null;
  /** Ends the job and waits until the other side has all of it. */
  finish(): Promise<void>;
  /** Drops the link after a failure; safe to call more than once. */
  abort(): void;
}

/**
 * How bytes reach a receipt printer: raw TCP 9100 and the CUPS spooler now; USB through the `usb`
 * package's WebUSB API plugs in here later (bulk OUT for the job, bulk IN for status).
 */
export interface PrinterTransport {
  /** Names the printer in messages: `192.168.1.50:9100`, a queue name. */
  readonly label: string;
  open(): Promise<PrinterConnection>;
}
