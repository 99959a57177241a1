import { Alert, Flex, Table, Tag } from 'antd';
import type { BackupOverview, BackupWarning } from '../../../../shared/backup/backup-plan';
import { errorMessages, formatMessage, uiText, type ErrorCode } from '../../../../shared/i18n/vi';
import { formatBytes, formatDateTime } from '../../common/format';

const text = uiText.backup;

function warningAlert(warning: BackupWarning) {
  switch (warning.kind) {
    case 'none':
      return <Alert type="success" showIcon title={formatMessage(text.warning.none, { at: formatDateTime(warning.lastGoodAt) })} />;
    case 'noDestination':
      return <Alert type="warning" showIcon title={text.warning.noDestination} />;
    case 'neverSucceeded':
      return <Alert type="error" showIcon title={text.warning.neverSucceeded} />;
    case 'stale':
      return <Alert type="error" showIcon title={formatMessage(text.warning.stale, { at: formatDateTime(warning.lastGoodAt) })} />;
    case 'destinationFailing':
      return (
        <Alert
          type="warning"
          showIcon
          title={formatMessage(text.warning.destinationFailing, {
            destinations: warning.destinations.join(', '),
            at: formatDateTime(warning.lastGoodAt),
          })}
        />
      );
  }
}

/** What the Health screen and the admin's backup tab show: the warning first, then each destination's last runs. */
export function BackupStatus({ overview }: { overview: BackupOverview }) {
  return (
    <Flex vertical gap={8} data-testid="backup-status">
      {warningAlert(overview.warning)}
      {overview.running && <Alert type="info" showIcon title={text.running} />}
      {overview.runs.length > 0 && (
        <Table
          size="small"
          rowKey={(run) => `${run.destination}:${run.at}`}
          pagination={false}
          dataSource={[...overview.runs].sort((a, b) => b.at.localeCompare(a.at))}
          columns={[
            { title: text.destination, dataIndex: 'destination', render: (value: string) => <code>{value}</code> },
            { title: text.at, dataIndex: 'at', render: (value: string) => formatDateTime(value) },
            {
              title: text.result,
              key: 'result',
              render: (_, run) =>
                run.ok ? (
                  <Tag color="success">
                    {formatMessage(text.ok, { files: run.files, copied: run.copiedFiles, bytes: formatBytes(run.copiedBytes) })}
                  </Tag>
                ) : (
                  <Tag color="error" style={{ whiteSpace: 'normal' }}>
                    {run.errorCode && run.errorCode in errorMessages
                      ? formatMessage(errorMessages[run.errorCode as ErrorCode], { destination: run.destination, details: '' })
                      : text.failed}
                  </Tag>
                ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
