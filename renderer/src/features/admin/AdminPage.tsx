import { Card, Tabs } from 'antd';
import { useState } from 'react';
import type { SetupStepKey } from '../../../../shared/site/setup-checklist';
import { uiText } from '../../../../shared/i18n/vi';
import { AccountsTab } from './AccountsTab';
import { AuditTab } from './AuditTab';
import { BackupTab } from '../backup/BackupTab';
import { CalendarTab } from './CalendarTab';
import { CatalogTab } from './CatalogTab';
import { DevicesTab } from './DevicesTab';
import { SequenceTab } from './SequenceTab';
import { SetupChecklist } from './SetupChecklist';
import { SettingsTab } from './SettingsTab';
import { SiteTab } from './SiteTab';
import { SyncTab } from './SyncTab';

export type AdminTab = 'accounts' | 'site' | 'calendar' | 'sequence' | 'catalog' | 'devices' | 'sync' | 'backup' | 'audit' | 'settings';

const TAB_OF_STEP: Record<SetupStepKey, AdminTab> = {
  site: 'site',
  sequence: 'sequence',
  calendar: 'calendar',
  printers: 'devices',
  scanner: 'devices',
  sync: 'sync',
};

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
  const [tab, setTab] = useState<AdminTab>(initialTab);
  const [saves, setSaves] = useState(0);
  return (
    <Card title={uiText.admin.title}>
      <SetupChecklist refreshKey={`${tab}:${saves}`} onGo={(step) => setTab(TAB_OF_STEP[step])} />
      <Tabs
        className="wrapping-tabs"
        destroyOnHidden
        activeKey={tab}
        onChange={(key) => setTab(key as AdminTab)}
        items={[
          {
            key: 'accounts',
            label: uiText.admin.accountsTab,
            children: <AccountsTab currentAccountId={currentAccountId} onOwnAccountChanged={onSessionMayHaveChanged} />,
          },
          { key: 'site', label: uiText.siteAdmin.tab, children: <SiteTab onSaved={() => setSaves((n) => n + 1)} /> },
          { key: 'calendar', label: uiText.calendarAdmin.tab, children: <CalendarTab /> },
          { key: 'sequence', label: uiText.sequenceAdmin.tab, children: <SequenceTab /> },
          { key: 'catalog', label: uiText.catalogAdmin.tab, children: <CatalogTab /> },
          { key: 'devices', label: uiText.devices.tab, children: <DevicesTab /> },
          { key: 'sync', label: uiText.sync.tab, children: <SyncTab /> },
          { key: 'backup', label: uiText.backup.tab, children: <BackupTab /> },
          { key: 'audit', label: uiText.admin.auditTab, children: <AuditTab /> },
          { key: 'settings', label: uiText.admin.settingsTab, children: <SettingsTab onSaved={onSessionMayHaveChanged} /> },
        ]}
      />
    </Card>
  );
}
