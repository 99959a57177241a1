import { App } from 'antd';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';

/**
 * Closing the day: signing out while commands or files still wait for the province asks first.
 * Nothing is lost either way (the queue is on disk); the officer should just know it has not gone.
 */
export function useConfirmedSignOut(signOut: () => void): () => Promise<void> {
  const { modal } = App.useApp();
  return async () => {
    const status = await api.sync.status();
    if (!status.ok || !status.value.enrolled || status.value.pendingCommands + status.value.pendingFiles === 0) return signOut();
    modal.confirm({
      title: uiText.sync.pendingWarningTitle,
      content: formatMessage(uiText.sync.pendingWarning, { commands: status.value.pendingCommands, files: status.value.pendingFiles }),
      okText: uiText.sync.signOutAnyway,
      cancelText: uiText.common.cancel,
      okButtonProps: { danger: true },
      onOk: signOut,
    });
  };
}
