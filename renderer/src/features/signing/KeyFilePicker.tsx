import { FileOutlined, FolderOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';

const text = uiText.signing;

type Listing = ChannelOutput<'signing.browse'>;

/**
 * Picks a token library or a .p12 file on the counter's disk. The listing comes from the core, so the
 * picker is the same in the desktop window and the harness (docs/devices.md §7.3).
 */
export function KeyFilePicker(props: {
  open: boolean;
  purpose: 'module' | 'p12';
  startDir: string | null;
  onPick: (path: string) => void;
  onClose: () => void;
}) {
  const { open, purpose, startDir, onPick, onClose } = props;
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = useCallback(
    async (dir: string | null) => {
      const result = await api.signing.browse({ dir, purpose });
      if (result.ok) {
        setListing(result.value);
        setError(null);
      } else setError(result.error.message);
    },
    [purpose],
  );

  useEffect(() => {
    if (open) void show(startDir);
  }, [open, startDir, show]);

  return (
    <Modal
      open={open}
      title={purpose === 'module' ? text.pickModuleTitle : text.pickP12Title}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {listing && (
        <>
          <Typography.Text code data-testid="picker-dir">
            {listing.dir}
          </Typography.Text>
          <Flex vertical align="start" style={{ maxHeight: 360, overflowY: 'auto', marginTop: 8 }}>
            {[...(listing.parent ? [{ name: text.pickerUp, path: listing.parent, kind: 'dir' as const }] : []), ...listing.entries].map(
              (entry) => (
                <Button
                  key={entry.path}
                  type="link"
                  icon={entry.kind === 'dir' ? <FolderOutlined /> : <FileOutlined />}
                  data-testid={`picker-${entry.kind}`}
                  onClick={() => {
                    if (entry.kind === 'dir') void show(entry.path);
                    else onPick(entry.path);
                  }}
                >
                  {entry.name}
                </Button>
              ),
            )}
            {listing.entries.length === 0 && <Typography.Text type="secondary">{text.pickerEmpty}</Typography.Text>}
          </Flex>
        </>
      )}
    </Modal>
  );
}
