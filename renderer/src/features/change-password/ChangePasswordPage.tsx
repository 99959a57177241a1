import { Alert, Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { AuthLayout } from '../../common/AuthLayout';
import { ErrorAlert } from '../../common/ErrorAlert';
import { NewPasswordFields } from '../../common/NewPasswordFields';
import { PASSWORD_MAX_LENGTH, required } from '../../common/form-rules';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Shown instead of the workspace until a reset or first password has been replaced. */
export function ChangePasswordPage({
  session,
  onChanged,
  onSignOut,
}: {
  session: SessionInfo;
  onChanged: (session: SessionInfo) => void;
  onSignOut: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: ChangePasswordForm) {
    setBusy(true);
    setError(null);
    const result = await api.auth.changePassword({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    setBusy(false);
    if (result.ok) onChanged(result.value);
    else setError(result.error.message);
  }

  return (
    <AuthLayout title={uiText.changePassword.title}>
      <Alert type="info" showIcon title={uiText.changePassword.required} style={{ marginBottom: 16 }} />
      <ErrorAlert message={error} />
      <Form name="changePassword" layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item name="currentPassword" label={uiText.changePassword.current} rules={[required(uiText.changePassword.current)]}>
          <Input.Password maxLength={PASSWORD_MAX_LENGTH} autoFocus autoComplete="current-password" data-testid="change-password-current" />
        </Form.Item>
        <NewPasswordFields
          name="newPassword"
          label={uiText.changePassword.next}
          username={() => session.account.username}
          testIds={{ password: 'change-password-new', confirm: 'change-password-confirm' }}
        />
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit" style={{ flex: 1 }}>
            {uiText.changePassword.title}
          </Button>
          <Button onClick={onSignOut}>{uiText.common.signOut}</Button>
        </Flex>
      </Form>
    </AuthLayout>
  );
}
