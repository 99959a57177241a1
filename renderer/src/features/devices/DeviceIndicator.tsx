import { PrinterOutlined, ScanOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';

const text = uiText.devices;

type DeviceList = Extract<Awaited<ReturnType<typeof api.devices.list>>, { ok: true }>['value'];

/** The receipt printer's last result and the readers' connections, refreshed whenever a device changes. */
export function DeviceIndicator() {
  const [list, setList] = useState<DeviceList | null>(null);
  const refresh = useCallback(() => {
    void api.devices.list().then((result) => {
      if (result.ok) setList(result.value);
    });
  }, []);
  useEffect(() => {
    refresh();
    return api.on('devices.status', refresh);
  }, [refresh]);
  if (!list) return null;
  const printer = list.receiptPrinter;
  const [color, label] = !printer.configured
    ? ['default', text.statusPrinterNone]
    : printer.lastError
      ? ['error', text.statusPrinterError]
      : ['success', text.statusPrinterOk];
  const connected = list.readers.filter((r) => r.state === 'connected').length;
  return (
    <>
      <Tooltip title={printer.lastError ?? ''}>
        <Tag icon={<PrinterOutlined />} color={color} style={{ marginInlineEnd: 0 }} data-testid="printer-indicator">
          {label}
        </Tag>
      </Tooltip>
      {list.readers.length > 0 && (
        <Tag
          icon={<ScanOutlined />}
          color={connected === list.readers.length ? 'success' : 'warning'}
          style={{ marginInlineEnd: 0 }}
          data-testid="reader-indicator"
        >
          {formatMessage(text.statusReaders, { connected, total: list.readers.length })}
        </Tag>
      )}
    </>
  );
}
