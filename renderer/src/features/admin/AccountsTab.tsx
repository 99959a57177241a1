import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Role } from '../../../../shared/auth/roles';
import type { Account } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/result';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { useApiQuery } from '../../common/use-api-query';
import { formatDateTime } from '../../common/format';
import { CreateAccountModal, roleOptions } from './CreateAccountModal';
import { ResetPasswordModal } from './ResetPasswordModal';

export function AccountsTab({ currentAccountId, onOwnAccountChanged }: { currentAccountId: string; onOwnAccountChanged: () => void }) {
  const { message } = App.useApp();
  const list = useApiQuery(() => api.admin.listAccounts(), []);
  const load = list.refresh;
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);

  /** Applies one account mutation: report it, refresh the list, and the session if it was ours. */
  async function apply(call: Promise<Result<Account>>, successText: string) {
    const result = await call;
    if (!result.ok) {
      message.error(result.error.message);
      return;
    }
    message.success(formatMessage(successText, { username: result.value.username }));
    if (result.value.id === currentAccountId) onOwnAccountChanged();
    await load();
  }

  const columns: TableColumnsType<Account> = [
    { title: uiText.account.username, dataIndex: 'username', key: 'username' },
    { title: uiText.account.fullName, dataIndex: 'fullName', key: 'fullName' },
    {
      title: uiText.account.role,
      key: 'role',
      render: (_, account) => (
        <Select<Role>
          value={account.role}
          options={roleOptions}
          style={{ width: 180 }}
          aria-label={`${uiText.admin.changeRole} ${account.username}`}
          data-testid={`role-${account.username}`}
          onChange={(role) => void apply(api.admin.changeRole({ accountId: account.id, role }), uiText.admin.roleChanged)}
        />
      ),
    },
    {
      title: uiText.account.status,
      key: 'status',
      render: (_, account) =>
        account.status === 'active' ? (
          <Tag color="success">{uiText.account.active}</Tag>
        ) : (
          <Space size={4} wrap>
            <Tag color="error">{uiText.account.locked}</Tag>
            {account.lockReason && <Typography.Text type="secondary">{uiText.account.lockReason[account.lockReason]}</Typography.Text>}
          </Space>
        ),
    },
    {
      title: uiText.account.lastSignIn,
      key: 'lastSignInAt',
      render: (_, account) => (account.lastSignInAt ? formatDateTime(account.lastSignInAt) : uiText.account.never),
    },
    {
      title: uiText.common.actions,
      key: 'actions',
      render: (_, account) => {
        const locking = account.status === 'active';
        return (
          <Space wrap>
            <Popconfirm
              title={formatMessage(locking ? uiText.admin.lockConfirm : uiText.admin.unlockConfirm, {
                username: account.username,
              })}
              okText={uiText.common.confirm}
              cancelText={uiText.common.cancel}
              // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Popconfirm awaits the promise, keeping its OK button loading until done
              onConfirm={() =>
                apply(
                  api.admin.setAccountLocked({ accountId: account.id, locked: locking }),
                  locking ? uiText.admin.accountLocked : uiText.admin.accountUnlocked,
                )
              }
            >
              <Button size="small" danger={locking} data-testid={`${locking ? 'lock' : 'unlock'}-${account.username}`}>
                {locking ? uiText.admin.lock : uiText.admin.unlock}
              </Button>
            </Popconfirm>
            <Button size="small" onClick={() => setResetting(account)} data-testid={`reset-${account.username}`}>
              {uiText.admin.resetPassword}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-account">
          {uiText.admin.createAccount}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {uiText.common.refresh}
        </Button>
      </Flex>
      <ErrorAlert message={list.error} />
      <Table<Account>
        rowKey="id"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        pagination={false}
        data-testid="accounts-table"
      />
      <CreateAccountModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(account) => {
          setCreating(false);
          message.success(formatMessage(uiText.admin.accountCreated, { username: account.username }));
          void load();
        }}
      />
      <ResetPasswordModal
        account={resetting}
        onClose={() => setResetting(null)}
        onReset={(account) => {
          setResetting(null);
          message.success(formatMessage(uiText.admin.passwordReset, { username: account.username }));
          void load();
        }}
      />
    </>
  );
}
