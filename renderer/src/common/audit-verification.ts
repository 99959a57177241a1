import type { AuditVerification } from '../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../shared/i18n/vi';

export function describeAuditVerification(verification: AuditVerification): string {
  if (verification.ok) return formatMessage(uiText.audit.verifyOk, { count: verification.checked });
  const problem = verification.problem ? uiText.audit.problems[verification.problem] : '';
  if (verification.firstBadSeq === null) return formatMessage(uiText.audit.verifyBrokenNoSeq, { problem });
  return formatMessage(uiText.audit.verifyBroken, { seq: verification.firstBadSeq, problem });
}
