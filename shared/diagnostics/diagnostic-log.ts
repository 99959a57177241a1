/**
 * The diagnostic log: what Electron main and the core's piped output write under the data folder
 * (a packaged Windows GUI app has no console), and what the Health screen exports for site IT.
 * It must not carry citizens' personal data, so every line passes through redactPersonalData
 * before it is written and again before it is exported.
 */

/** The folder under the data folder, and the files from newest to oldest (quay.log, quay.log.1 …). */
export const DIAGNOSTIC_LOG_DIR = 'logs';
export const DIAGNOSTIC_LOG_FILE = 'quay.log';
/** Rotated copies kept besides the current file. */
export const DIAGNOSTIC_LOG_ROTATIONS = 3;
export const DIAGNOSTIC_LOG_MAX_BYTES = 1024 * 1024;
export const DIAGNOSTIC_LOG_EXPORT_NAME = 'nhat-ky-chan-doan-quay-mot-cua.txt';

export function diagnosticLogFiles(): string[] {
  return [DIAGNOSTIC_LOG_FILE, ...Array.from({ length: DIAGNOSTIC_LOG_ROTATIONS }, (_, i) => `${DIAGNOSTIC_LOG_FILE}.${i + 1}`)];
}

const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[A-Za-z]{2,}/g;
/** Runs of nine or more digits, spaces, dots or dashes: ID card (9 or 12 digits), phone and account numbers. */
const LONG_NUMBER = /\+?\d(?:[\d .-]{7,}\d)/g;

/**
 * Strips what identifies a person from a log line: e-mail addresses and long numbers (CCCD/CMND,
 * phone numbers written with or without spaces). Names and addresses are never logged in the
 * first place: the app logs codes and technical reasons, not the records it handles.
 */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(LONG_NUMBER, (match) => (match.replace(/\D/g, '').length >= 9 ? '[số]' : match));
}

export type DiagnosticLevel = 'info' | 'warn' | 'error';

/** One line: ISO time, level, source, message (redacted, on one line). */
export function formatDiagnosticLine(at: Date, level: DiagnosticLevel, source: string, message: string): string {
  return `${at.toISOString()} ${level.toUpperCase()} [${source}] ${redactPersonalData(message).replace(/\r?\n/g, ' ⏎ ')}\n`;
}
