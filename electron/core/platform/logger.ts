/** Where the core reports failures it survives: stderr in the host, captured in tests. */
export type Logger = (message: string, error?: unknown) => void;
