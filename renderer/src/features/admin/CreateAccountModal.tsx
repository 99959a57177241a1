import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { roles, type Role } from '../../../../shared/auth/roles';
import type { Account } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { NewPasswordFields } from '../../common/NewPasswordFields';
import { FULL_NAME_MAX_LENGTH, USERNAME_MAX_LENGTH, required } from '../../common/form-rules';

interface NewAccountForm {
  fullName: string;
  username: string;
  role: Role;
  password: string;
  confirmPassword: string;
}

export const roleOptions = roles.map((role) => ({ value: role, label: uiText.roles[role] }));

export function CreateAccountModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (account: Account) => void;
}) {
  const [form] = Form.useForm<NewAccountForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: NewAccountForm) {
    setBusy(true);
    setError(null);
    const result = await api.admin.createAccount({
      fullName: values.fullName,
      username: values.username,
      role: values.role,
      password: values.password,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    form.resetFields();
    onCreated(result.value);
  }

  function close() {
    setError(null);
    form.resetFields();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={uiText.admin.createAccount}
      okText={uiText.common.save}
      cancelText={uiText.common.cancel}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={busy}
    >
      <ErrorAlert message={error} />
      <Form
        form={form}
        name="createAccount"
        layout="vertical"
        onFinish={(values) => void submit(values)}
        requiredMark={false}
        initialValues={{ role: 'officer' }}
      >
        <Form.Item name="fullName" label={uiText.account.fullName} rules={[required(uiText.account.fullName)]}>
          <Input maxLength={FULL_NAME_MAX_LENGTH} data-testid="create-account-full-name" />
        </Form.Item>
        <Form.Item name="username" label={uiText.account.username} rules={[required(uiText.account.username)]}>
          <Input maxLength={USERNAME_MAX_LENGTH} autoComplete="off" data-testid="create-account-username" />
        </Form.Item>
        <Form.Item name="role" label={uiText.account.role}>
          <Select options={roleOptions} data-testid="create-account-role" />
        </Form.Item>
        <NewPasswordFields
          name="password"
          label={uiText.account.password}
          username={() => form.getFieldValue('username') ?? ''}
          testIds={{ password: 'create-account-password', confirm: 'create-account-confirm' }}
        />
      </Form>
    </Modal>
  );
}
