import { App, Button, Card, Flex, Form, Input, InputNumber, List, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { parsePrinterAddress, type DeviceSettings } from '../../../../shared/devices/device-settings';
import { errorMessage, formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { ScanSettingsSection } from './ScanSettingsSection';

const text = uiText.devices;

type DeviceList = Extract<Awaited<ReturnType<typeof api.devices.list>>, { ok: true }>['value'];

interface FormValues {
  address: string;
  paper: '58mm' | '80mm';
  A5: string | null;
  A4: string | null;
  readers: string[];
  wedge: DeviceSettings['wedge'];
}

/** Receipt printers are typed as the CLI takes them; the tab keeps only what the settings can hold. */
function addressOf(settings: DeviceSettings): string {
  const t = settings.receiptPrinter?.transport;
  if (!t) return '';
  if (t.kind === 'tcp') return `tcp://${t.host}:${t.port}`;
  if (t.kind === 'cups') return `cups:${t.queue}`;
  if (t.kind === 'driver') return `driver:${t.printer}`;
  return `usb:${t.vendorId.toString(16).padStart(4, '0')}:${t.productId.toString(16).padStart(4, '0')}`;
}

/** Admin: pick and test the receipt printer, the form printers, the readers and the scanners (docs/architecture.md §6). */
export function DevicesTab() {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [settings, setSettings] = useState<DeviceSettings | null>(null);
  const [devices, setDevices] = useState<DeviceList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = useCallback(() => {
    void api.devices.list().then((r) => (r.ok ? setDevices(r.value) : setError(r.error.message)));
  }, []);

  useEffect(() => {
    void api.devices.settings().then((r) => {
      if (!r.ok) return setError(r.error.message);
      setSettings(r.value);
      form.setFieldsValue({
        address: addressOf(r.value),
        paper: r.value.receiptPrinter?.paper ?? '80mm',
        A5: r.value.formPrinters.A5,
        A4: r.value.formPrinters.A4,
        readers: r.value.readers.map((x) => `${x.kind}:${x.path}`),
        wedge: r.value.wedge,
      });
    });
    refresh();
  }, [form, refresh]);

  // The core compares the lists every few seconds while this screen shows them (plug-watcher).
  useEffect(() => api.on('devices.status', (status) => status.plugged && refresh()), [refresh]);

  async function save(values: FormValues) {
    if (!settings) return;
    const transport = values.address.trim() ? parsePrinterAddress(values.address) : null;
    if (values.address.trim() && (!transport || transport.kind === 'file'))
      return setError(errorMessage('PRINTER_ADDRESS_INVALID', { address: values.address }));
    const readers = values.readers.map((value) => {
      const [kind, ...rest] = value.split(':');
      const path = rest.join(':');
      return kind === 'hid'
        ? { kind: 'hid' as const, id: value, path }
        : { kind: 'serial' as const, id: value, path, baudRate: 9600, terminator: '\r' };
    });
    setBusy('save');
    const result = await api.devices.updateSettings({
      receiptPrinter:
        transport && transport.kind !== 'file' ? { paper: values.paper, qr: settings.receiptPrinter?.qr ?? 'raster', transport } : null,
      formPrinters: { A5: values.A5 ?? null, A4: values.A4 ?? null },
      readers,
      wedge: values.wedge,
    });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setSettings(result.value);
    message.success(text.saved);
    refresh();
  }

  async function testSlip() {
    setBusy('slip');
    const result = await api.devices.test({ target: 'receiptPrinter' });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    message.success(
      result.value.target === 'receiptPrinter' && result.value.outcome === 'printed' ? text.testPrinted : text.testHandedOver,
    );
  }

  async function testForm(pageSize: 'A5' | 'A4') {
    setBusy(pageSize);
    const result = await api.devices.test({ target: 'formPrinter', pageSize });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    if (result.value.target !== 'formPrinter') return;
    const { printer, printed, savedPath } = result.value;
    message.success(
      printed
        ? formatMessage(text.testFormPrinted, { printer: printer ?? '' })
        : formatMessage(text.testFormSaved, { pageSize, path: savedPath ?? '' }),
    );
  }

  async function testRead() {
    setBusy('read');
    message.info(text.testReadWaiting);
    const result = await api.devices.test({ target: 'reader', seconds: 15 });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    if (result.value.target === 'reader')
      message.success(formatMessage(text.testRead_ok, { text: result.value.scan.text.slice(0, 80), kind: result.value.scan.kind }));
  }

  const printers = (devices?.systemPrinters ?? []).map((p) => ({ value: p.name, label: p.displayName }));
  const readerOptions = [
    ...(devices?.hidReaders ?? []).map((r) => ({ value: `hid:${r.path}`, label: `HID-POS ${r.name} (${r.path})` })),
    ...(devices?.serialPorts ?? []).map((p) => ({ value: `serial:${p.path}`, label: `COM ${p.path} ${p.name}` })),
    ...(settings?.readers ?? []).map((r) => ({ value: `${r.kind}:${r.path}`, label: `${r.kind} ${r.path}` })),
  ].filter((option, i, all) => all.findIndex((o) => o.value === option.value) === i);

  return (
    <Flex vertical gap={16} data-testid="devices-tab">
      <ErrorAlert message={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 640 }}>
        <Typography.Title level={5}>{text.receiptPrinter}</Typography.Title>
        <Form.Item name="address" label={text.address} help={text.addressHelp}>
          <Input data-testid="receipt-printer-address" />
        </Form.Item>
        <Form.Item name="paper" label={text.paper}>
          <Select
            options={[
              { value: '80mm', label: '80 mm' },
              { value: '58mm', label: '58 mm' },
            ]}
          />
        </Form.Item>
        <Typography.Title level={5}>{text.formPrinters}</Typography.Title>
        <Form.Item label={text.formPrinterA5}>
          <Space.Compact block>
            <Form.Item name="A5" noStyle>
              <Select allowClear placeholder={text.none} options={printers} />
            </Form.Item>
            <Button onClick={() => void testForm('A5')} loading={busy === 'A5'} data-testid="test-form-A5">
              {text.testForm}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item label={text.formPrinterA4}>
          <Space.Compact block>
            <Form.Item name="A4" noStyle>
              <Select allowClear placeholder={text.none} options={printers} />
            </Form.Item>
            <Button onClick={() => void testForm('A4')} loading={busy === 'A4'} data-testid="test-form-A4">
              {text.testForm}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Typography.Title level={5}>{text.readers}</Typography.Title>
        <Form.Item name="readers" label={text.readerPath}>
          <Select mode="multiple" options={readerOptions} />
        </Form.Item>
        <Typography.Title level={5}>{text.wedge}</Typography.Title>
        <Space wrap>
          <Form.Item name={['wedge', 'minLength']} label={text.wedgeMinLength}>
            <InputNumber min={3} max={64} />
          </Form.Item>
          <Form.Item name={['wedge', 'maxGapMs']} label={text.wedgeMaxGap}>
            <InputNumber min={5} max={200} />
          </Form.Item>
          <Form.Item name={['wedge', 'prefix']} label={text.wedgePrefix}>
            <Input maxLength={8} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name={['wedge', 'suffix']} label={text.wedgeSuffix}>
            <Input maxLength={8} style={{ width: 80 }} />
          </Form.Item>
        </Space>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy === 'save'} data-testid="save-devices">
            {text.save}
          </Button>
          <Button onClick={() => void testSlip()} loading={busy === 'slip'} disabled={!settings?.receiptPrinter} data-testid="test-slip">
            {text.testSlip}
          </Button>
          <Button onClick={() => void testRead()} loading={busy === 'read'} data-testid="test-read">
            {text.testRead}
          </Button>
        </Space>
      </Form>
      <Card size="small" title={text.detected} extra={<Button onClick={refresh}>{text.refresh}</Button>}>
        <List
          size="small"
          dataSource={[
            ...(devices?.usbPrinters ?? []).map((p) => `${p.address} ${p.name}`),
            ...(devices?.recentScans ?? []).map((s) => formatMessage(text.scanShown, { excerpt: s.text.slice(0, 60) })),
            ...(devices?.problems ?? []).map((p) => `${text.problems}: ${p}`),
          ]}
          renderItem={(line) => <List.Item>{line}</List.Item>}
        />
      </Card>
      <ScanSettingsSection />
    </Flex>
  );
}
