import fs from 'node:fs';
import path from 'node:path';
import {
  DIAGNOSTIC_LOG_DIR,
  DIAGNOSTIC_LOG_MAX_BYTES,
  diagnosticLogFiles,
  formatDiagnosticLine,
  type DiagnosticLevel,
} from '../../../shared/diagnostics/diagnostic-log';

/**
 * A log file under the data folder that rotates at a size limit (quay.log → quay.log.1 …, the
 * oldest dropped). Appends are synchronous: main writes a few lines an hour, and a line written
 * just before a crash must be on disk. A log that cannot be written never breaks the app.
 */
export class RotatingLogFile {
  private readonly files: string[];

  constructor(
    readonly dir: string,
    private readonly maxBytes = DIAGNOSTIC_LOG_MAX_BYTES,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.files = diagnosticLogFiles().map((name) => path.join(dir, name));
  }

  write(level: DiagnosticLevel, source: string, message: string): void {
    const line = formatDiagnosticLine(this.now(), level, source, message);
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const size = fs.statSync(this.files[0]!, { throwIfNoEntry: false })?.size ?? 0;
      if (size > 0 && size + Buffer.byteLength(line) > this.maxBytes) this.rotate();
      fs.appendFileSync(this.files[0]!, line, { mode: 0o600 });
    } catch {
      // A full or read-only disk must not turn a log line into a crash.
    }
  }

  private rotate(): void {
    fs.rmSync(this.files.at(-1)!, { force: true });
    for (let i = this.files.length - 2; i >= 0; i--) {
      if (fs.existsSync(this.files[i]!)) fs.renameSync(this.files[i]!, this.files[i + 1]!);
    }
  }
}

let logFile: RotatingLogFile | null = null;

/** From here on main's diagnostics also go to `<dataDir>/logs`; before, the console is all there is. */
export function useDiagnosticLogFile(dataDir: string): RotatingLogFile {
  logFile = new RotatingLogFile(path.join(dataDir, DIAGNOSTIC_LOG_DIR));
  return logFile;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Main's one way to report a problem: the console for development, the rotating file for a
 * packaged app. Callers pass codes and technical reasons, never the records being handled.
 */
export function logDiagnostic(level: DiagnosticLevel, message: string, error?: unknown): void {
  const text = error === undefined ? message : `${message}: ${describe(error)}`;
  if (level === 'error') console.error(`[main] ${text}`);
  else if (level === 'warn') console.warn(`[main] ${text}`);
  else console.info(`[main] ${text}`);
  logFile?.write(level, 'main', text);
}

/** The core's stdout and stderr, line by line, into the same file. */
export function logCoreOutput(stream: NodeJS.ReadableStream | null, level: DiagnosticLevel): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) writeCoreLine(level, line);
  });
  stream.on('end', () => {
    if (pending.trim()) writeCoreLine(level, pending);
    pending = '';
  });
}

function writeCoreLine(level: DiagnosticLevel, line: string): void {
  if (level === 'error') console.error(line);
  else console.info(line);
  logFile?.write(level, 'core', line);
}
