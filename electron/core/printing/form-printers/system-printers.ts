/** A printer the operating system knows, by the `name` its spooler uses. */
export interface SystemPrinter {
  name: string;
  displayName: string;
  /** Known from CUPS; Electron's printer list does not say which is the default, so it is absent there. */
  isDefault?: boolean;
}

/** The OS's printer list, per platform: CUPS on Linux, Electron's list where main provides it. */
export interface SystemPrinters {
  list(): Promise<SystemPrinter[]>;
}
