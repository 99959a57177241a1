import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Spin, Tag } from 'antd';
import { useCallback, useState } from 'react';
import type { HealthInfo } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { describeAuditVerification } from '../../common/audit-verification';
import { ErrorAlert } from '../../common/ErrorAlert';
import { useApiQuery } from '../../common/use-api-query';
import { formatBytes } from '../../common/format';
import { BackupStatus } from '../backup/BackupStatus';

function migrationText(migration: HealthInfo['migration']): string {
  if (migration.latestTag === null) return uiText.health.migrationNone;
  return formatMessage(uiText.health.migrationValue, { applied: migration.applied, tag: migration.latestTag });
}

/** Saves text as a file through the browser's download (Electron asks where to save it). */
function saveText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** What the site IT person reads out over the phone when something is wrong. */
export function HealthPage() {
  const health = useApiQuery(() => api.health.info(), []);
  const backup = useApiQuery(() => api.backup.overview({}), []);
  const info = health.data;
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportNote, setExportNote] = useState<string | null>(null);

  const exportLog = useCallback(async () => {
    setExporting(true);
    const result = await api.health.diagnosticLog();
    setExporting(false);
    setExportError(result.ok ? null : result.error.message);
    if (!result.ok) return;
    if (!result.value.text) {
      setExportNote(uiText.health.exportLogEmpty);
      return;
    }
    saveText(result.value.fileName, result.value.text);
    setExportNote(formatMessage(uiText.health.exportLogDone, { fileName: result.value.fileName }));
  }, []);

  return (
    <Card
      title={uiText.health.title}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => void exportLog()} loading={exporting} data-testid="export-diagnostic-log">
            {uiText.health.exportLog}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void health.refresh()} loading={health.loading}>
            {uiText.common.refresh}
          </Button>
        </Space>
      }
    >
      <ErrorAlert message={health.error ?? exportError} />
      {exportNote && <Alert type="info" showIcon message={exportNote} style={{ marginBottom: 16 }} />}
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
                <Tag color="error">{formatMessage(uiText.health.integrityBad, { details: info.integrity.details.join('; ') })}</Tag>
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
            {
              key: 'backup',
              label: uiText.backup.title,
              children: backup.data ? <BackupStatus overview={backup.data} /> : <ErrorAlert message={backup.error} />,
            },
          ]}
        />
      ) : (
        health.loading && <Spin />
      )}
    </Card>
  );
}
