import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Image, Input, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { SCAN_RESOLUTIONS, scanColorModes, scanSources, type ScanSettings } from '../../../../shared/digitize/scan-settings';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';

const text = uiText.devices.scanners;

type Scanner = ChannelOutput<'scan.scanners'>[number];
type TestResult = Extract<ChannelOutput<'devices.test'>, { target: 'scanner' }>;

interface FormValues {
  profiles: ScanSettings['profiles'];
  defaultProfileId: string | null;
  defaultScanner: string | null;
  esclScanners: string[];
  hotFolders: string[];
}

const refOf = (scanner: Pick<Scanner, 'kind' | 'id'>) => `${scanner.kind}|${scanner.id}`;

function scannerRef(value: string | null | undefined): ScanSettings['defaultScanner'] {
  if (!value) return null;
  const [kind, ...id] = value.split('|');
  return { kind: kind as Scanner['kind'], id: id.join('|') };
}

function scannerLabel(scanner: Scanner): string {
  return `${scanner.name} (${text.kinds[scanner.kind]})`;
}

const mm = (px: number, dpi: number) => Math.round((px / dpi) * 25.4);

/**
 * Admin: the counter's scan profiles (≥ 200 dpi, colour/grey/B&W, feeder/duplex/flatbed), its
 * default profile and scanner, the scanners the app cannot find by itself (eSCL by address, hot
 * folders), and a Test scan of one page with a saved profile (docs/architecture.md §6).
 */
export function ScanSettingsSection() {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saved, setSaved] = useState<ScanSettings | null>(null);
  const [scanners, setScanners] = useState<Scanner[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | 'discover' | null>(null);
  const [testScanner, setTestScanner] = useState<string | null>(null);
  const [testProfile, setTestProfile] = useState<string | null>(null);
  const [tested, setTested] = useState<TestResult | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const profiles = Form.useWatch('profiles', form) ?? [];

  const show = useCallback(
    (settings: ScanSettings) => {
      setSaved(settings);
      form.setFieldsValue({ ...settings, defaultScanner: settings.defaultScanner ? refOf(settings.defaultScanner) : null });
      setTestProfile((current) => (current && settings.profiles.some((p) => p.id === current) ? current : settings.defaultProfileId));
    },
    [form],
  );

  const findScanners = useCallback(() => {
    void api.scan.scanners({}).then((r) => {
      if (!r.ok) return;
      setScanners(r.value);
      setTestScanner((current) => current ?? (r.value[0] ? refOf(r.value[0]) : null));
    });
  }, []);

  useEffect(() => {
    void api.devices.scanSettings({}).then((r) => {
      if (!r.ok) return setError(r.error.message);
      show(r.value);
      if (r.value.defaultScanner) setTestScanner(refOf(r.value.defaultScanner));
    });
    findScanners();
  }, [show, findScanners]);

  async function save(values: FormValues) {
    setBusy('save');
    const result = await api.devices.updateScanSettings({
      profiles: values.profiles,
      defaultProfileId: values.defaultProfileId ?? null,
      defaultScanner: scannerRef(values.defaultScanner),
      esclScanners: values.esclScanners ?? [],
      hotFolders: values.hotFolders ?? [],
    });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    show(result.value);
    message.success(text.saved);
    findScanners();
  }

  /** Found scanners join the typed addresses; nothing is kept until the admin saves. */
  async function discover() {
    setBusy('discover');
    const result = await api.devices.discoverScanners({});
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    if (result.value.length === 0) return message.info(text.discoveredNone);
    const current: string[] = form.getFieldValue('esclScanners') ?? [];
    form.setFieldValue('esclScanners', [...new Set([...current, ...result.value.map((s) => s.url)])]);
    message.success(formatMessage(text.discovered, { count: result.value.length, names: result.value.map((s) => s.name).join(', ') }));
  }

  async function test() {
    const scanner = scannerRef(testScanner);
    if (!scanner || !testProfile) return;
    setBusy('test');
    setTested(null);
    setTestError(null);
    const result = await api.devices.test({ target: 'scanner', scanner, profileId: testProfile });
    setBusy(null);
    if (!result.ok) return setTestError(result.error.message);
    if (result.value.target === 'scanner') setTested(result.value);
  }

  const scannerOptions = scanners.map((s) => ({ value: refOf(s), label: scannerLabel(s) }));
  const profileOptions = profiles.filter(Boolean).map((p) => ({ value: p.id, label: p.name || p.id }));

  return (
    <Card size="small" title={text.title} data-testid="scan-settings" style={{ maxWidth: 900 }}>
      <ErrorAlert message={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Typography.Text strong>{text.profiles}</Typography.Text>
        <Form.List name="profiles">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4} style={{ margin: '8px 0 16px' }}>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap data-testid="scan-profile-row">
                  {/* Registered so the id travels with the row: the default profile is chosen by it. */}
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} noStyle>
                    <Input placeholder={text.profileName} aria-label={text.profileName} style={{ width: 260 }} maxLength={60} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'resolutionDpi']} noStyle>
                    <Select
                      aria-label={text.resolution}
                      style={{ width: 110 }}
                      options={SCAN_RESOLUTIONS.map((dpi) => ({ value: dpi, label: `${dpi} dpi` }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'colorMode']} noStyle>
                    <Select
                      aria-label={text.colorMode}
                      style={{ width: 120 }}
                      options={scanColorModes.map((mode) => ({ value: mode, label: text.colorModes[mode] }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'source']} noStyle>
                    <Select
                      aria-label={text.source}
                      style={{ width: 210 }}
                      options={scanSources.map((source) => ({ value: source, label: text.sources[source] }))}
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={text.removeProfile}
                    title={text.removeProfile}
                    onClick={() => remove(field.name)}
                    disabled={fields.length === 1}
                  />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                style={{ alignSelf: 'flex-start' }}
                onClick={() =>
                  add({ id: crypto.randomUUID(), name: text.newProfileName, resolutionDpi: 300, colorMode: 'color', source: 'adf' })
                }
                data-testid="add-scan-profile"
              >
                {text.addProfile}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Space wrap>
          <Form.Item name="defaultProfileId" label={text.defaultProfile}>
            <Select style={{ width: 300 }} options={profileOptions} data-testid="default-scan-profile" />
          </Form.Item>
          <Form.Item name="defaultScanner" label={text.defaultScanner}>
            <Select
              style={{ width: 340 }}
              allowClear
              placeholder={text.noDefaultScanner}
              options={scannerOptions}
              data-testid="default-scanner"
            />
          </Form.Item>
        </Space>
        <Form.Item label={text.escl} help={text.esclHelp}>
          <Space.Compact block>
            <Form.Item name="esclScanners" noStyle>
              <Select mode="tags" tokenSeparators={[' ', ',']} data-testid="escl-addresses" />
            </Form.Item>
            <Button onClick={() => void discover()} loading={busy === 'discover'} data-testid="discover-scanners">
              {text.discover}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="hotFolders" label={text.hotFolders} help={text.hotFoldersHelp}>
          <Select mode="tags" data-testid="hot-folders" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy === 'save'} data-testid="save-scan-settings">
          {text.save}
        </Button>
      </Form>
      <Flex vertical gap={8} style={{ marginTop: 24 }}>
        <Typography.Text type="secondary">{text.testSaveFirst}</Typography.Text>
        <Space wrap>
          <Select
            style={{ width: 340 }}
            aria-label={text.testScanner}
            value={testScanner ?? undefined}
            onChange={setTestScanner}
            options={scannerOptions}
            data-testid="test-scanner"
          />
          <Select
            style={{ width: 300 }}
            aria-label={text.testProfile}
            value={testProfile ?? undefined}
            onChange={setTestProfile}
            options={(saved?.profiles ?? []).map((p) => ({ value: p.id, label: p.name }))}
            data-testid="test-scan-profile"
          />
          <Button onClick={() => void test()} loading={busy === 'test'} disabled={!testScanner || !testProfile} data-testid="test-scan">
            {text.test}
          </Button>
        </Space>
        {busy === 'test' && <Typography.Text>{text.testWaiting}</Typography.Text>}
        {testError && <Alert type="error" showIcon title={testError} data-testid="test-scan-error" />}
        {tested && (
          <Flex gap={12} align="center" data-testid="test-scan-result">
            <Image src={`data:image/jpeg;base64,${tested.thumbnailBase64}`} width={90} alt={text.test} />
            <Alert
              type="success"
              showIcon
              title={formatMessage(text.testOk, {
                width: tested.widthPx,
                height: tested.heightPx,
                dpi: tested.resolutionDpi ?? '?',
                widthMm: tested.resolutionDpi ? mm(tested.widthPx, tested.resolutionDpi) : '?',
                heightMm: tested.resolutionDpi ? mm(tested.heightPx, tested.resolutionDpi) : '?',
              })}
            />
          </Flex>
        )}
        <Typography.Text type="secondary">{formatMessage(text.found, { count: scanners.length })}</Typography.Text>
      </Flex>
    </Card>
  );
}
