import { CloudSyncOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Spin, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { SyncOverview } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { closeDayCheck, signOutNeedsWarning, type CloseDayCheck } from '../../../../shared/sync/close-day';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatDateTime } from '../../common/format';

const text = uiText.sync;

type Purpose = 'closeDay' | 'signOut';

/**
 * Closing the day, and signing out while something still waits for the province: one dialog that
 * shows what is queued, offers "Đồng bộ ngay" first, and signs out only when the officer says so.
 * Nothing is lost either way (the queue is on disk); the officer should just know it has not gone.
 */
export function useCloseDay(signOut: () => void): { closeDay: () => void; signOut: () => Promise<void>; dialog: ReactNode } {
  const [purpose, setPurpose] = useState<Purpose | null>(null);
  const [status, setStatus] = useState<SyncOverview | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [backupNote, setBackupNote] = useState<{ type: 'info' | 'success' | 'warning'; text: string } | null>(null);

  function open(next: Purpose, current: SyncOverview | null) {
    setError(null);
    setStatus(current);
    setPurpose(next);
  }

  async function closeDay() {
    open('closeDay', null);
    void backUpAtCloseOfDay();
    const result = await api.sync.status();
    if (result.ok) setStatus(result.value);
    else setError(result.error.message);
  }

  /** The close of the day is also a backup (issue 18 §3) when the admin has set where to; it runs beside the dialog. */
  async function backUpAtCloseOfDay() {
    setBackupNote(null);
    const overview = await api.backup.overview({});
    if (!overview.ok || overview.value.config.destinations.length === 0) return;
    setBackupNote({ type: 'info', text: uiText.backup.running });
    const result = await api.backup.run({ trigger: 'closeDay' });
    const failed = result.ok ? result.value.filter((run) => !run.ok).length : overview.value.config.destinations.length;
    setBackupNote(
      failed === 0
        ? { type: 'success', text: uiText.backup.closeDayDone }
        : { type: 'warning', text: formatMessage(uiText.backup.closeDayFailed, { count: failed }) },
    );
  }

  async function confirmedSignOut() {
    const result = await api.sync.status();
    if (!result.ok || !signOutNeedsWarning(closeDayCheck(result.value))) return signOut();
    open('signOut', result.value);
  }

  async function syncNow() {
    setSyncing(true);
    setError(null);
    const result = await api.sync.now();
    setSyncing(false);
    if (result.ok) setStatus(result.value);
    else setError(result.error.message);
  }

  function finish() {
    setPurpose(null);
    signOut();
  }

  const check = status ? closeDayCheck(status) : null;
  const dialog = (
    <Modal
      open={purpose !== null}
      title={purpose === 'signOut' ? text.pendingWarningTitle : text.closeDay.action}
      onCancel={() => setPurpose(null)}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={() => setPurpose(null)}>{uiText.common.cancel}</Button>
          {check?.kind === 'pending' && (
            <Button
              icon={<CloudSyncOutlined />}
              type="primary"
              loading={syncing}
              onClick={() => void syncNow()}
              data-testid="close-day-sync-now"
            >
              {text.syncNow}
            </Button>
          )}
          <Button
            type={check?.kind === 'pending' ? 'default' : 'primary'}
            danger={check?.kind === 'pending'}
            disabled={!status || syncing}
            onClick={finish}
            data-testid="close-day-confirm"
          >
            {confirmLabel(purpose, check)}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert message={error} />
      {!status ? (
        <Spin description={text.closeDay.checking} />
      ) : (
        <Flex vertical gap={8}>
          <CheckAlert check={check!} purpose={purpose} />
          {purpose === 'closeDay' && backupNote && (
            <Alert type={backupNote.type} showIcon title={backupNote.text} data-testid="close-day-backup" />
          )}
          <Typography.Text type="secondary">
            {text.lastSuccess}: {status.lastSuccessAt ? formatDateTime(status.lastSuccessAt) : text.never}
          </Typography.Text>
        </Flex>
      )}
    </Modal>
  );
  return { closeDay: () => void closeDay(), signOut: confirmedSignOut, dialog };
}

function confirmLabel(purpose: Purpose | null, check: CloseDayCheck | null): string {
  const pending = check?.kind === 'pending';
  if (purpose === 'signOut') return pending ? text.signOutAnyway : uiText.common.signOut;
  return pending ? text.closeDay.confirmAnyway : text.closeDay.confirm;
}

function CheckAlert({ check, purpose }: { check: CloseDayCheck; purpose: Purpose | null }) {
  if (check.kind === 'clear') return <Alert type="success" showIcon title={text.closeDay.clear} data-testid="close-day-status" />;
  if (check.kind === 'notEnrolled') {
    return (
      <Alert
        type="info"
        showIcon
        title={formatMessage(text.closeDay.notEnrolled, { commands: check.commands, files: check.files })}
        data-testid="close-day-status"
      />
    );
  }
  const counts = { commands: check.commands, files: check.files };
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="close-day-status"
      title={formatMessage(purpose === 'signOut' ? text.pendingWarning : text.closeDay.pending, counts)}
      description={
        (check.refused > 0 || check.lastError) && (
          <Flex vertical>
            {check.refused > 0 && <span>{formatMessage(text.closeDay.refused, { count: check.refused })}</span>}
            {check.lastError && (
              <span data-testid="close-day-last-error">
                {text.lastError}: {check.lastError}
              </span>
            )}
          </Flex>
        )
      }
    />
  );
}
