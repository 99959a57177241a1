import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { AuthLayout } from '../../common/AuthLayout';
import { ErrorAlert } from '../../common/ErrorAlert';
import {
  FULL_NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
  matchesField,
  newPasswordRule,
  required,
} from '../../common/form-rules';

interface FirstAdminForm {
  fullName: string;
  username: string;
  password: string;
  confirmPassword: string;
}

export function FirstRunPage({ onCreated }: { onCreated: (username: string) => void }) {
  const [form] = Form.useForm<FirstAdminForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: FirstAdminForm) {
    setBusy(true);
    setError(null);
    const result = await api.app.createFirstAdmin({
      fullName: values.fullName,
      username: values.username,
      password: values.password,
    });
    setBusy(false);
    if (result.ok) onCreated(result.value.username);
    else setError(result.error.message);
  }

  return (
    <AuthLayout title={uiText.firstRun.title}>
      <Typography.Paragraph>{uiText.firstRun.intro}</Typography.Paragraph>
      <ErrorAlert message={error} />
      <Form form={form} name="firstRun" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="fullName" label={uiText.account.fullName} rules={[required(uiText.account.fullName)]}>
          <Input maxLength={FULL_NAME_MAX_LENGTH} autoFocus data-testid="first-run-full-name" />
        </Form.Item>
        <Form.Item name="username" label={uiText.account.username} rules={[required(uiText.account.username)]}>
          <Input maxLength={USERNAME_MAX_LENGTH} autoComplete="off" data-testid="first-run-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={uiText.account.password}
          rules={[required(uiText.account.password), newPasswordRule(() => form.getFieldValue('username') ?? '')]}
        >
          <Input.Password maxLength={PASSWORD_MAX_LENGTH} autoComplete="new-password" data-testid="first-run-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={uiText.account.confirmPassword}
          dependencies={['password']}
          rules={[required(uiText.account.confirmPassword), matchesField('password')]}
        >
          <Input.Password maxLength={PASSWORD_MAX_LENGTH} autoComplete="new-password" data-testid="first-run-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="first-run-submit">
          {uiText.firstRun.submit}
        </Button>
      </Form>
    </AuthLayout>
  );
}
