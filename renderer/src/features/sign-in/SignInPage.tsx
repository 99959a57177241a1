import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { AuthLayout } from '../../common/AuthLayout';
import { ErrorAlert } from '../../common/ErrorAlert';
import { PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH, required } from '../../common/form-rules';

export interface SignInNotice {
  type: 'success' | 'warning';
  text: string;
}

interface SignInForm {
  username: string;
  password: string;
}

export function SignInPage({
  notice,
  username,
  onSignedIn,
}: {
  notice: SignInNotice | null;
  username: string;
  onSignedIn: (session: SessionInfo) => void;
}) {
  const [form] = Form.useForm<SignInForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: SignInForm) {
    setBusy(true);
    setError(null);
    const result = await api.auth.signIn({ username: values.username, password: values.password });
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setError(result.error.message);
    form.setFieldValue('password', '');
  }

  return (
    <AuthLayout title={uiText.signIn.title}>
      {notice && !error && (
        <Alert type={notice.type} showIcon title={notice.text} data-testid="sign-in-notice" style={{ marginBottom: 16 }} />
      )}
      <ErrorAlert message={error} />
      <Form
        form={form}
        name="signIn"
        layout="vertical"
        onFinish={(values) => void submit(values)}
        requiredMark={false}
        initialValues={{ username }}
      >
        <Form.Item name="username" label={uiText.signIn.username} rules={[required(uiText.signIn.username)]}>
          <Input maxLength={USERNAME_MAX_LENGTH} autoFocus={!username} autoComplete="username" data-testid="sign-in-username" />
        </Form.Item>
        <Form.Item name="password" label={uiText.signIn.password} rules={[required(uiText.signIn.password)]}>
          <Input.Password
            maxLength={PASSWORD_MAX_LENGTH}
            autoFocus={Boolean(username)}
            autoComplete="current-password"
            data-testid="sign-in-password"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
          {uiText.signIn.submit}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {uiText.signIn.offlineHint}
      </Typography.Paragraph>
    </AuthLayout>
  );
}
