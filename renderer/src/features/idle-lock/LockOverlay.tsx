import { Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { PASSWORD_MAX_LENGTH, required } from '../../common/form-rules';

/** Z-index above antd's modals, popovers and dropdowns, so nothing of the work shows through. */
const LOCK_Z_INDEX = 1500;

/**
 * A modal rather than a route: the workspace underneath stays mounted, so half-filled forms
 * survive the lock. The mask is opaque and appears without animation because the screen may show
 * citizens' personal data, which must not stay readable while it fades in.
 */
export function LockOverlay({
  session,
  onUnlocked,
  onSignOut,
}: {
  session: SessionInfo;
  onUnlocked: (session: SessionInfo) => void;
  onSignOut: () => void;
}) {
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function unlock({ password }: { password: string }) {
    setBusy(true);
    setError(null);
    const result = await api.auth.unlockScreen({ password });
    setBusy(false);
    form.resetFields();
    if (result.ok) onUnlocked(result.value);
    else setError(result.error.message);
  }

  return (
    <Modal
      open={session.locked}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      footer={null}
      zIndex={LOCK_Z_INDEX}
      transitionName=""
      maskTransitionName=""
      centered
      styles={{ mask: { background: '#1f2a44' } }}
      title={
        <Flex gap={8} align="center">
          <LockOutlined />
          {uiText.idleLock.title}
        </Flex>
      }
    >
      <Typography.Paragraph data-testid="lock-intro">{uiText.idleLock.intro[session.lockCause ?? 'idle']}</Typography.Paragraph>
      <Typography.Paragraph strong>{formatMessage(uiText.idleLock.signedInAs, { name: session.account.fullName })}</Typography.Paragraph>
      <ErrorAlert message={error} />
      <Form form={form} name="unlock" layout="vertical" onFinish={(values) => void unlock(values)} requiredMark={false}>
        <Form.Item name="password" label={uiText.signIn.password} rules={[required(uiText.signIn.password)]}>
          <Input.Password maxLength={PASSWORD_MAX_LENGTH} autoFocus autoComplete="current-password" data-testid="unlock-password" />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={busy} style={{ flex: 1 }} data-testid="unlock-submit">
            {uiText.idleLock.unlock}
          </Button>
          <Button onClick={onSignOut} data-testid="unlock-sign-out">
            {uiText.common.signOut}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
