/**
 * The text of a separator sheet's QR (issue 3 §5): a fixed prefix and the component code it names.
 * Printed by the app's separator sheets and read back from scanned batches, so both sides share it.
 */
const PREFIX = 'QMC-TACH:';

export function separatorPayload(componentCode: string): string {
  return `${PREFIX}${componentCode}`;
}

/** The component a separator sheet names, or null when the text is something else (a CCCD, a receipt). */
export function parseSeparator(text: string): string | null {
  if (!text.startsWith(PREFIX)) return null;
  const code = text.slice(PREFIX.length).trim();
  return code === '' ? null : code;
}
