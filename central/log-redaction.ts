/**
 * What the gateway writes to its log about a failure, without the personal data a message can
 * quote (issue 17 finding 4): database errors quote values ("Key (id_number)=(0381…)"), parsers
 * quote input. Quoted text and parenthesised values go, and so does every run of 6+ digits (ID
 * numbers, phone numbers, dates of birth written without separators).
 */
export function redactForLog(text: string): string {
  return text
    .replace(/"[^"]*"|'[^']*'|“[^”]*”/g, '"…"')
    .replace(/=\([^)]*\)/g, '=(…)')
    .replace(/\d{6,}/g, '…')
    .slice(0, 500);
}
