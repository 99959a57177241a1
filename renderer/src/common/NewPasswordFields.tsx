import { Form, Input } from 'antd';
import { uiText } from '../../../shared/i18n/vi';
import { PASSWORD_MAX_LENGTH, matchesField, newPasswordRule, required } from './form-rules';

/**
 * A new password and its confirmation, checked while typing against the core's password policy
 * (which still has the last word) and against each other.
 */
export function NewPasswordFields({
  name,
  label,
  username,
  testIds,
}: {
  /** The form field holding the new password; the confirmation is `confirmPassword`. */
  name: string;
  label: string;
  /** The account's username, which the policy keeps out of the password. */
  username: () => string;
  testIds: { password: string; confirm: string };
}) {
  return (
    <>
      <Form.Item name={name} label={label} rules={[required(label), newPasswordRule(username)]}>
        <Input.Password maxLength={PASSWORD_MAX_LENGTH} autoComplete="new-password" data-testid={testIds.password} />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={uiText.account.confirmPassword}
        dependencies={[name]}
        rules={[{ required: true, message: uiText.account.confirmPasswordRequired }, matchesField(name)]}
      >
        <Input.Password maxLength={PASSWORD_MAX_LENGTH} autoComplete="new-password" data-testid={testIds.confirm} />
      </Form.Item>
    </>
  );
}
