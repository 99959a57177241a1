import { Card, Tabs } from 'antd';
import { uiText } from '../../../../shared/i18n/vi';
import { AccountsTab } from './AccountsTab';
import { AuditTab } from './AuditTab';
import { CalendarTab } from './CalendarTab';
import { CatalogTab } from './CatalogTab';
import { DevicesTab } from './DevicesTab';
import { SequenceTab } from './SequenceTab';
import { SettingsTab } from './SettingsTab';
import { SiteTab } from './SiteTab';
import { SyncTab } from './SyncTab';

export type AdminTab = 'accounts' | 'site' | 'calendar' | 'sequence' | 'catalog' | 'devices' | 'sync' | 'audit' | 'settings';

/** Inactive tabs are dropped so each visit shows the current accounts, log and settings. */
export function AdminPage({
  currentAccountId,
  onSessionMayHaveChanged,
  initialTab = 'accounts',
}: {
  currentAccountId: string;
  onSessionMayHaveChanged: () => void;
  initialTab?: AdminTab;
}) {
  return (
    <Card title={uiText.admin.title}>
      <Tabs
        destroyOnHidden
        defaultActiveKey={initialTab}
        items={[
          {
            key: 'accounts',
            label: uiText.admin.accountsTab,
            children: <AccountsTab currentAccountId={currentAccountId} onOwnAccountChanged={onSessionMayHaveChanged} />,
          },
          { key: 'site', label: uiText.siteAdmin.tab, children: <SiteTab /> },
          { key: 'calendar', label: uiText.calendarAdmin.tab, children: <CalendarTab /> },
          { key: 'sequence', label: uiText.sequenceAdmin.tab, children: <SequenceTab /> },
          { key: 'catalog', label: uiText.catalogAdmin.tab, children: <CatalogTab /> },
          { key: 'devices', label: uiText.devices.tab, children: <DevicesTab /> },
          { key: 'sync', label: uiText.sync.tab, children: <SyncTab /> },
          { key: 'audit', label: uiText.admin.auditTab, children: <AuditTab /> },
          { key: 'settings', label: uiText.admin.settingsTab, children: <SettingsTab onSaved={onSessionMayHaveChanged} /> },
        ]}
      />
    </Card>
  );
}
