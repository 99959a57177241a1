import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Spin, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { HealthInfo } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { describeAuditVerification } from '../../common/audit-verification';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatBytes } from '../../common/format';

function migrationText(migration: HealthInfo['migration']): string {
  if (migration.latestTag === null) return uiText.health.migrationNone;
  return formatMessage(uiText.health.migrationValue, { applied: migration.applied, tag: migration.latestTag });
}

/** What the site IT person reads out over the phone when something is wrong. */
export function HealthPage() {
  const [info, setInfo] = useState<HealthInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    const result = await api.health.info();
    setLoading(false);
    if (result.ok) {
      setInfo(result.value);
      setError(null);
    } else {
      setError(result.error.message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Card
      title={uiText.health.title}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading}>
          {uiText.common.refresh}
        </Button>
      }
    >
      <ErrorAlert message={error} />
      {info ? (
        <Descriptions
          bordered
          column={1}
          data-testid="health-info"
          items={[
            { key: 'version', label: uiText.health.version, children: info.appVersion },
            { key: 'dataDir', label: uiText.health.dataDir, children: <code>{info.dataDir}</code> },
            { key: 'dbSize', label: uiText.health.dbSize, children: formatBytes(info.databaseBytes) },
            { key: 'migration', label: uiText.health.migration, children: migrationText(info.migration) },
            {
              key: 'integrity',
              label: uiText.health.integrity,
              children: info.integrity.ok ? (
                <Tag color="success">{uiText.health.integrityOk}</Tag>
              ) : (
                <Tag color="error">
                  {formatMessage(uiText.health.integrityBad, { details: info.integrity.details.join('; ') })}
                </Tag>
              ),
            },
            {
              key: 'auditChain',
              label: uiText.health.auditChain,
              children: (
                <Tag color={info.auditChain.ok ? 'success' : 'error'} style={{ whiteSpace: 'normal' }}>
                  {describeAuditVerification(info.auditChain)}
                </Tag>
              ),
            },
          ]}
        />
      ) : (
        loading && <Spin />
      )}
    </Card>
  );
}
