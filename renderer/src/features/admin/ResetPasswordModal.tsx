import { Form, Modal } from 'antd';
import { useState } from 'react';
import type { Account } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { NewPasswordFields } from '../../common/NewPasswordFields';

interface ResetPasswordForm {
  newPassword: string;
  confirmPassword: string;
}

export function ResetPasswordModal({
  account,
  onClose,
  onReset,
}: {
  account: Account | null;
  onClose: () => void;
  onReset: (account: Account) => void;
}) {
  const [form] = Form.useForm<ResetPasswordForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: ResetPasswordForm) {
    if (!account) return;
    setBusy(true);
    setError(null);
    const result = await api.admin.resetPassword({ accountId: account.id, newPassword: values.newPassword });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    onReset(result.value);
  }

  function close() {
    setError(null);
    onClose();
  }

  return (
    <Modal
      open={account !== null}
      title={account && formatMessage(uiText.admin.resetPasswordTitle, { username: account.username })}
      okText={uiText.admin.resetPassword}
      cancelText={uiText.common.cancel}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={busy}
      destroyOnHidden
    >
      <ErrorAlert message={error} />
      <Form form={form} name="resetPassword" layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <NewPasswordFields
          name="newPassword"
          label={uiText.admin.newPassword}
          username={() => account?.username ?? ''}
          testIds={{ password: 'reset-password-new', confirm: 'reset-password-confirm' }}
        />
      </Form>
    </Modal>
  );
}
