import fs from 'node:fs';
import path from 'node:path';
import {
  DIAGNOSTIC_LOG_DIR,
  DIAGNOSTIC_LOG_EXPORT_NAME,
  diagnosticLogFiles,
  redactPersonalData,
} from '../../../shared/diagnostics/diagnostic-log';

export interface DiagnosticLogExport {
  fileName: string;
  /** Oldest line first; empty where no host wrote a log (the harness and CLI log to their console). */
  text: string;
}

/**
 * The rotating diagnostic log Electron main writes under the data folder, in one text for site
 * IT. Lines were redacted when written; they are redacted again in case an older build wrote them.
 */
export function exportDiagnosticLog(dataDir: string): DiagnosticLogExport {
  const dir = path.join(dataDir, DIAGNOSTIC_LOG_DIR);
  const parts: string[] = [];
  for (const name of diagnosticLogFiles().reverse()) {
    try {
      parts.push(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return { fileName: DIAGNOSTIC_LOG_EXPORT_NAME, text: redactPersonalData(parts.join('')) };
}
