import { Modal, Table, Typography } from 'antd';
import { uiText } from '../../../../shared/i18n/vi';
import { SHORTCUTS } from '../../common/shortcuts';

const text = uiText.shell;

/** The help card of the keyboard shortcuts (F1 or "?"). */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={text.shortcutsTitle} data-testid="shortcuts-help">
      <Typography.Paragraph type="secondary">{text.shortcutsIntro}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="action"
        showHeader={false}
        dataSource={SHORTCUTS.map(({ action, keys }) => ({ action, keys }))}
        columns={[
          { dataIndex: 'keys', width: 110, render: (keys: string) => <Typography.Text keyboard>{keys}</Typography.Text> },
          { dataIndex: 'action', render: (action: keyof typeof text.shortcuts) => text.shortcuts[action] },
        ]}
      />
    </Modal>
  );
}
