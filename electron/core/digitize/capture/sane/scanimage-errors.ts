import { AppError } from '../../../../../shared/ipc/result';

/**
 * scanimage exits with the SANE_Status of the failure (docs/devices.md §1.3, tested with the test
 * backend's `--read-return-value`): 3 busy, 6 jammed, 7 no documents, 8 cover open, 9 I/O error.
 * Exit code 1 covers everything else, so the message on stderr decides there.
 */
const STDERR_PATTERNS: ReadonlyArray<[RegExp, number]> = [
  [/open of device .* failed/i, 1],
  [/Device busy/i, 3],
  [/Document feeder jammed/i, 6],
  [/out of documents/i, 7],
  [/cover is open/i, 8],
  [/Error during device I\/O/i, 9],
];

export interface ScanimageOutcome {
  exitCode: number | null;
  stderr: string;
  scanner: string;
  pages: number;
}

function statusFromStderr(stderr: string): number | null {
  for (const [pattern, status] of STDERR_PATTERNS) if (pattern.test(stderr)) return status;
  return null;
}

/** What went wrong, not how scanimage stopped: a SIGPIPE's "received signal 13 … aborting" follows the real failure. */
const STOPPING_NOISE = /^scanimage: (received signal|trying to stop scanner|aborting)/;

function lastErrorLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).filter((line) => /^scanimage: /.test(line));
  const failure = lines.filter((line) => !STOPPING_NOISE.test(line)).at(-1) ?? lines.at(-1);
  return (failure ?? stderr.trim().split(/\r?\n/).at(-1) ?? '').replace(/^scanimage: /, '').slice(0, 200);
}

/** Null when the batch ended normally; a feeder that empties after ≥ 1 page is the normal end of an ADF batch. */
export function scanimageFailure(outcome: ScanimageOutcome): AppError | null {
  const { exitCode, stderr, scanner, pages } = outcome;
  const said = statusFromStderr(stderr);
  const status = exitCode !== null && exitCode >= 2 ? exitCode : said;
  if (status === 7) return pages > 0 ? null : new AppError('SCANNER_FEEDER_EMPTY', { scanner });
  // scanimage can exit 0 after a failed read: the backend's reader pipe closes, scanimage takes the SIGPIPE and
  // "aborts" with status 0 (seen with the test backend, 1 run in 6). The failure it printed is the truth.
  if (exitCode === 0 && said === null) return null;
  switch (status) {
    case 1:
      return new AppError('SCANNER_NOT_FOUND', { scanner });
    case 3:
      return new AppError('SCANNER_BUSY', { scanner });
    case 6:
      return new AppError('SCANNER_JAMMED', { scanner, pages });
    case 8:
      return new AppError('SCANNER_COVER_OPEN', { scanner });
    default:
      return new AppError('SCANNER_IO_ERROR', { scanner, pages, details: lastErrorLine(stderr) || `exit ${String(exitCode)}` });
  }
}
