import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { uiText } from '../../../../shared/i18n/vi';

const text = uiText.reception;

/** Shown instead of the reception form until the admin has declared the site (docs/architecture.md). */
export function SiteMissing({ isAdmin, onOpenAdmin, onRefresh }: { isAdmin: boolean; onOpenAdmin: () => void; onRefresh: () => void }) {
  return (
    <Card>
      <Result
        status="warning"
        title={text.siteMissing}
        subTitle={isAdmin ? text.siteMissingAdmin : text.siteMissingOfficer}
        data-testid="site-missing"
        extra={[
          isAdmin && (
            <Button type="primary" key="admin" onClick={onOpenAdmin}>
              {text.openSiteAdmin}
            </Button>
          ),
          <Button key="refresh" icon={<ReloadOutlined />} onClick={onRefresh}>
            {uiText.common.refresh}
          </Button>,
        ]}
      />
    </Card>
  );
}
