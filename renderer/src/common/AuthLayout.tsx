import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { uiText } from '../../../shared/i18n/vi';

/** The frame of every screen shown before the workspace: first run, sign-in, forced password change. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 24, background: '#f0f2f5' }}>
      <Card style={{ width: 440, maxWidth: '100%' }}>
        <Typography.Text type="secondary">{uiText.appName}</Typography.Text>
        <Typography.Title level={3} style={{ marginTop: 4 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </Flex>
  );
}
