import { Card, Tabs } from 'antd';
import { uiText } from '../../../../shared/i18n/vi';
import { AccountsTab } from './AccountsTab';
import { AuditTab } from './AuditTab';
import { SettingsTab } from './SettingsTab';

/** Inactive tabs are dropped so each visit shows the current accounts, log and settings. */
export function AdminPage({
  currentAccountId,
  onSessionMayHaveChanged,
}: {
  currentAccountId: string;
  onSessionMayHaveChanged: () => void;
}) {
  return (
    <Card title={uiText.admin.title}>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'accounts',
            label: uiText.admin.accountsTab,
            children: <AccountsTab currentAccountId={currentAccountId} onOwnAccountChanged={onSessionMayHaveChanged} />,
          },
          { key: 'audit', label: uiText.admin.auditTab, children: <AuditTab /> },
          { key: 'settings', label: uiText.admin.settingsTab, children: <SettingsTab onSaved={onSessionMayHaveChanged} /> },
        ]}
      />
    </Card>
  );
}
