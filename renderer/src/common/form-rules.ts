import type { FormRule } from 'antd';
import { checkNewPassword } from '../../../shared/auth/credential-policy';
import { errorMessage, formatMessage, uiText } from '../../../shared/i18n/vi';

/** Matches USERNAME_PATTERN's upper bound; longer input could never be a valid username. */
export const USERNAME_MAX_LENGTH = 64;
export { FULL_NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '../../../shared/auth/credential-policy';

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

export function required(field: string): FormRule {
  return { required: true, whitespace: true, message: formatMessage(uiText.common.required, { field: lowerFirst(field) }) };
}

/**
 * The same policy the core enforces, checked while typing so the officer learns the rule before
 * submitting; the core still has the last word.
 */
export function newPasswordRule(username: () => string): FormRule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value) return;
      const violation = checkNewPassword(value, username());
      if (violation) throw new Error(errorMessage(violation.code, violation.params));
    },
  };
}

export function matchesField(field: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: string | undefined) => {
      if (value && value !== getFieldValue(field)) throw new Error(uiText.account.passwordMismatch);
    },
  });
}
