import {
  AuditOutlined,
  BarChartOutlined,
  CloudDownloadOutlined,
  FileDoneOutlined,
  LockOutlined,
  LogoutOutlined,
  PieChartOutlined,
  PoweroffOutlined,
  QuestionCircleOutlined,
  SafetyOutlined,
  SearchOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Flex, Grid, Layout, Menu, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import { AdminPage, type AdminTab } from '../admin/AdminPage';
import { DigitizationStatsPage } from '../digitization/DigitizationStatsPage';
import { ReportsPage } from '../reports/ReportsPage';
import { HealthPage } from '../health/HealthPage';
import { LookupPage } from '../lookup/LookupPage';
import { OnlineQueuePage } from '../online/OnlineQueuePage';
import { OverdueNotice } from '../lookup/OverdueNotice';
import { ReceptionPage } from '../reception/ReceptionPage';
import { ReturnPage } from '../return-result/ReturnPage';
import { SyncIndicator } from '../sync/SyncIndicator';
import { DeviceIndicator } from '../devices/DeviceIndicator';
import { useCloseDay } from '../sync/use-close-day';
import { announceShortcut, shortcutHint, useShortcutKeys, type ShortcutAction } from '../../common/shortcuts';
import { ShortcutsHelp } from './ShortcutsHelp';

const ONE_LINE = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

type Area = 'reception' | 'return' | 'lookup' | 'onlineQueue' | 'digitizationStats' | 'reports' | 'admin' | 'health';

export function Workspace({
  session,
  locked,
  onLockNow,
  onSignOut,
  onSessionMayHaveChanged,
}: {
  session: SessionInfo;
  /** Under the lock screen the shortcuts are off. */
  locked: boolean;
  onLockNow: () => void;
  onSignOut: () => void;
  onSessionMayHaveChanged: () => void;
}) {
  const isAdmin = session.account.role === 'admin';
  const { closeDay, signOut, dialog: closeDayDialog } = useCloseDay(onSignOut);
  const seesReports = isAdmin || session.account.role === 'supervisor';
  // An administrator's first job on a new counter is setting it up; everyone else's is the queue.
  const [chosenArea, setChosenArea] = useState<Area>(isAdmin ? 'admin' : 'reception');
  const area: Area = chosenArea === 'admin' && !isAdmin ? 'reception' : chosenArea;
  // Reception stays mounted once opened, so a half-received dossier survives a look elsewhere.
  const [receptionOpened, setReceptionOpened] = useState(area === 'reception');
  if (area === 'reception' && !receptionOpened) setReceptionOpened(true);
  const [returnCode, setReturnCode] = useState<string | null>(null);
  const [adminRequest, setAdminRequest] = useState<{ tab: AdminTab; visit: number }>({ tab: 'accounts', visit: 0 });
  // The counter's reception form and the online queue's (which receives a claimed online dossier) link alike.
  const receptionLinks = {
    isAdmin,
    onOpenReturn: (code: string) => {
      setReturnCode(code);
      setChosenArea('return');
    },
    onOpenAdmin: () => {
      setAdminRequest((current) => ({ tab: 'site', visit: current.visit + 1 }));
      setChosenArea('admin');
    },
  };

  const navItems: MenuProps['items'] = [
    { key: 'reception', icon: <FileDoneOutlined />, label: uiText.nav.reception },
    { key: 'return', icon: <AuditOutlined />, label: uiText.nav.returnResult },
    { key: 'lookup', icon: <SearchOutlined />, label: uiText.nav.lookup },
    { key: 'onlineQueue', icon: <CloudDownloadOutlined />, label: uiText.nav.onlineQueue },
    ...(seesReports ? [{ key: 'digitizationStats', icon: <BarChartOutlined />, label: uiText.nav.digitizationStats }] : []),
    ...(seesReports ? [{ key: 'reports', icon: <PieChartOutlined />, label: uiText.nav.reports }] : []),
    ...(isAdmin ? [{ key: 'admin', icon: <SettingOutlined />, label: uiText.nav.admin }] : []),
    { key: 'health', icon: <SafetyOutlined />, label: uiText.nav.health },
  ];

  function go(next: Area) {
    if (next === 'admin') setAdminRequest((current) => ({ tab: 'accounts', visit: current.visit + 1 }));
    setChosenArea(next);
  }

  const [helpOpen, setHelpOpen] = useState(false);
  // Counter PCs are often 1024 or 1366 px wide (issue 13 point 5): below 1200 px the menu starts
  // folded to its icons and the header's buttons to theirs; the officer can unfold the menu.
  const wide = Grid.useBreakpoint().xl ?? true;
  const [collapsedByHand, setCollapsedByHand] = useState<boolean | null>(null);
  const collapsed = collapsedByHand ?? !wide;
  const setCollapsed = (value: boolean) => setCollapsedByHand(value);
  // An online dossier open in the online queue's reception form (OnlineQueuePage) takes the reception keys itself.
  const [onlineReceiving, setOnlineReceiving] = useState(false);
  useShortcutKeys((action: ShortcutAction) => {
    if (action === 'help') return setHelpOpen(true);
    if (action === 'openReturn') return go('return');
    if (action === 'openLookup') return go('lookup');
    // There F2 or "Làm lại" goes back to the online queue, never to a blank direct reception.
    if (area === 'onlineQueue' && onlineReceiving) return announceShortcut(action);
    // The reception actions: bring the screen forward, then let it act once it is there.
    setChosenArea('reception');
    setTimeout(() => announceShortcut(action), 0);
  }, !locked);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: wide ? 16 : 8, paddingInline: wide ? 24 : 12 }}>
        {/* One line whatever the width: the title gives way first, with an ellipsis, never letter by letter. */}
        <Typography.Title level={4} style={{ ...ONE_LINE, color: '#fff', margin: 0, flex: '1 1 0', minWidth: 0 }} data-testid="app-title">
          {uiText.appName}
        </Typography.Title>
        <Flex align="center" gap={8} data-testid="current-user" style={{ minWidth: 0, flex: '0 1 auto' }}>
          <UserOutlined style={{ color: '#fff' }} />
          <Typography.Text style={{ ...ONE_LINE, color: '#fff', maxWidth: wide ? 260 : 150 }} title={session.account.fullName}>
            {session.account.fullName}
          </Typography.Text>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {uiText.roles[session.account.role]}
          </Tag>
        </Flex>
        <DeviceIndicator />
        <SyncIndicator />
        <Tooltip title={shortcutHint('help')}>
          <Button
            icon={<QuestionCircleOutlined />}
            onClick={() => setHelpOpen(true)}
            aria-label={uiText.shell.shortcutsTitle}
            data-testid="open-shortcuts"
          />
        </Tooltip>
        {/* Below 1200 px the header buttons keep their icons and say what they do in a tooltip. */}
        <Tooltip title={wide ? null : uiText.shell.lockNow}>
          <Button icon={<LockOutlined />} onClick={onLockNow} data-testid="lock-now" aria-label={uiText.shell.lockNow}>
            {wide && uiText.shell.lockNow}
          </Button>
        </Tooltip>
        <Tooltip title={wide ? null : uiText.sync.closeDay.action}>
          <Button icon={<PoweroffOutlined />} onClick={closeDay} data-testid="close-day" aria-label={uiText.sync.closeDay.action}>
            {wide && uiText.sync.closeDay.action}
          </Button>
        </Tooltip>
        <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="sign-out" style={{ flexShrink: 0 }}>
          {uiText.common.signOut}
        </Button>
        {closeDayDialog}
        <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      </Layout.Header>
      <Layout>
        <Layout.Sider
          theme="light"
          width={240}
          collapsible
          collapsed={collapsed}
          onCollapse={(value) => setCollapsed(value)}
          collapsedWidth={64}
          data-testid="sidebar"
        >
          <nav aria-label={uiText.shell.navigation}>
            <Menu
              mode="inline"
              selectedKeys={[area]}
              items={navItems}
              onClick={({ key }) => go(key as Area)}
              style={{ borderInlineEnd: 'none' }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: wide ? 24 : 16, minWidth: 0 }}>
          <OverdueNotice refresh={area} onOpen={() => go('lookup')} />
          {receptionOpened && (
            <div hidden={area !== 'reception'}>
              <ReceptionPage active={area === 'reception'} {...receptionLinks} />
            </div>
          )}
          {area === 'return' && <ReturnPage initialCode={returnCode} onInitialCodeUsed={() => setReturnCode(null)} />}
          {area === 'lookup' && <LookupPage role={session.account.role} />}
          {area === 'onlineQueue' && <OnlineQueuePage reception={receptionLinks} onReceivingChange={setOnlineReceiving} />}
          {area === 'admin' && (
            <AdminPage
              key={adminRequest.visit}
              initialTab={adminRequest.tab}
              currentAccountId={session.account.id}
              onSessionMayHaveChanged={onSessionMayHaveChanged}
            />
          )}
          {area === 'digitizationStats' && seesReports && <DigitizationStatsPage />}
          {area === 'reports' && seesReports && <ReportsPage />}
          {area === 'health' && <HealthPage />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
