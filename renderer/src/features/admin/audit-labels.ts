import { uiText } from '../../../../shared/i18n/vi';
import { formatDateTime } from '../../common/format';
import { formatLocalDate } from '../../common/local-format';

/**
 * The audit log in an officer's words (issue 13 point 10): a subject that names a kind of object
 * ("site") gets its Vietnamese name, a local date or an instant is written dd/MM/yyyy (HH:mm in
 * Vietnam time); usernames and dossier codes are shown as they are.
 */
export function auditSubjectLabel(subject: string | null): string {
  if (!subject) return '';
  const named = uiText.audit.subjects[subject];
  if (named) return named;
  if (/^\d{4}-\d{2}-\d{2}$/.test(subject)) return formatLocalDate(subject);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(subject)) return auditTime(subject);
  return subject;
}

/** When an entry was written: minutes are enough to read the log, and Vietnam's time whatever the machine's zone. */
export function auditTime(isoInstant: string): string {
  return formatDateTime(isoInstant).slice(0, 16);
}
