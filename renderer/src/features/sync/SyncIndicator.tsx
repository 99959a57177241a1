import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { formatDateTime } from '../../common/format';
import { useSyncProgress } from './use-sync-progress';

const text = uiText.sync.indicator;

/** One glance at the header: is everything at the province, how much is waiting, is something wrong. */
export function SyncIndicator() {
  const { progress, enrolled } = useSyncProgress();
  if (!progress) return null;
  const pending = progress.pendingCommands + progress.pendingFiles;
  const [icon, color, label] = !enrolled
    ? [<DisconnectOutlined key="i" />, 'default', text.notEnrolled]
    : progress.state === 'syncing'
      ? [<CloudSyncOutlined key="i" spin />, 'processing', text.syncing]
      : progress.lastError
        ? [<WarningOutlined key="i" />, 'error', formatMessage(text.error, { count: pending })]
        : pending > 0
          ? [<CloudSyncOutlined key="i" />, 'warning', formatMessage(text.pending, { count: pending })]
          : [<CloudOutlined key="i" />, 'success', text.synced];
  const tooltip = [
    progress.lastError?.message,
    `${uiText.sync.lastSuccess}: ${progress.lastSuccessAt ? formatDateTime(progress.lastSuccessAt) : uiText.sync.never}`,
  ]
    .filter(Boolean)
    .join(' — ');
  return (
    <Tooltip title={tooltip}>
      <Tag icon={icon} color={color} style={{ marginInlineEnd: 0 }} data-testid="sync-indicator">
        {label}
      </Tag>
    </Tooltip>
  );
}
