import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { AuthLayout } from '../../common/AuthLayout';
import { ErrorAlert } from '../../common/ErrorAlert';
import { NewPasswordFields } from '../../common/NewPasswordFields';
import { FULL_NAME_MAX_LENGTH, USERNAME_MAX_LENGTH, required } from '../../common/form-rules';

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
      <Form form={form} name="firstRun" layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item name="fullName" label={uiText.account.fullName} rules={[required(uiText.account.fullName)]}>
          <Input maxLength={FULL_NAME_MAX_LENGTH} autoFocus data-testid="first-run-full-name" />
        </Form.Item>
        <Form.Item name="username" label={uiText.account.username} rules={[required(uiText.account.username)]}>
          <Input maxLength={USERNAME_MAX_LENGTH} autoComplete="off" data-testid="first-run-username" />
        </Form.Item>
        <NewPasswordFields
          name="password"
          label={uiText.account.password}
          username={() => form.getFieldValue('username') ?? ''}
          testIds={{ password: 'first-run-password', confirm: 'first-run-confirm' }}
        />
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="first-run-submit">
          {uiText.firstRun.submit}
        </Button>
      </Form>
    </AuthLayout>
  );
}
