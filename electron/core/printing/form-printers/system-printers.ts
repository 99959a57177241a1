/** A printer the operating system knows, by the `name` its spooler uses. */
export interface SystemPrinter {
  name: string;
  displayName: string;
  isDefault: boolean;
}

/** The OS's printer list, per platform: CUPS on Linux, Electron's list where main provides it. */
export interface SystemPrinters {
  list(): Promise<SystemPrinter[]>;
}
