import { uiText } from '../../../../shared/i18n/vi';
import type { IssuedDecisionForm } from '../../../../shared/online/decision-forms';

const text = uiText.onlineQueue.check;

/**
 * What the officer is told of the form a decision on an online dossier sent the applicant: it goes unsigned
 * rather than hold the decision (issue 16 §3), so "chưa ký", or it did not go at all; null when it went signed.
 */
export function decisionFormNotice(form: IssuedDecisionForm | null): string | null {
  if (!form?.attached) return text.formNotSent;
  return form.signed ? null : text.formNotSigned;
}
