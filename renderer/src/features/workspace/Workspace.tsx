import { LockOutlined, LogoutOutlined, SafetyOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Tag, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import { AdminPage } from '../admin/AdminPage';
import { HealthPage } from '../health/HealthPage';

type Area = 'admin' | 'health';

export function Workspace({
  session,
  onLockNow,
  onSignOut,
  onSessionMayHaveChanged,
}: {
  session: SessionInfo;
  onLockNow: () => void;
  onSignOut: () => void;
  onSessionMayHaveChanged: () => void;
}) {
  const isAdmin = session.account.role === 'admin';
  const [chosenArea, setChosenArea] = useState<Area>(isAdmin ? 'admin' : 'health');
  const area: Area = chosenArea === 'admin' && !isAdmin ? 'health' : chosenArea;

  const navItems: MenuProps['items'] = [
    ...(isAdmin ? [{ key: 'admin', icon: <SettingOutlined />, label: uiText.nav.admin }] : []),
    { key: 'health', icon: <SafetyOutlined />, label: uiText.nav.health },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, flex: 1 }}>
          {uiText.appName}
        </Typography.Title>
        <Flex align="center" gap={8} data-testid="current-user">
          <UserOutlined style={{ color: '#fff' }} />
          <Typography.Text style={{ color: '#fff' }}>{session.account.fullName}</Typography.Text>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {uiText.roles[session.account.role]}
          </Tag>
        </Flex>
        <Button icon={<LockOutlined />} onClick={onLockNow} data-testid="lock-now">
          {uiText.shell.lockNow}
        </Button>
        <Button icon={<LogoutOutlined />} onClick={onSignOut} data-testid="sign-out">
          {uiText.common.signOut}
        </Button>
      </Layout.Header>
      <Layout>
        <Layout.Sider theme="light" width={240}>
          <nav aria-label={uiText.shell.navigation}>
            <Menu
              mode="inline"
              selectedKeys={[area]}
              items={navItems}
              onClick={({ key }) => setChosenArea(key as Area)}
              style={{ borderInlineEnd: 'none' }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          {area === 'admin' ? (
            <AdminPage currentAccountId={session.account.id} onSessionMayHaveChanged={onSessionMayHaveChanged} />
          ) : (
            <HealthPage />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
