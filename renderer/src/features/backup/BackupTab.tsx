import { SaveOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, InputNumber, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { BACKUP_DESTINATIONS_MAX, type BackupConfig } from '../../../../shared/backup/backup-plan';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { useApiQuery } from '../../common/use-api-query';
import { BackupStatus } from './BackupStatus';

const text = uiText.backup;

interface FormValues {
  first: string;
  second: string;
  dailyAt: string;
  keep: number;
}

/** Admin › Sao lưu: two destinations (a second disk or USB drive, and a network share), the daily time, retention. */
export function BackupTab() {
  const overview = useApiQuery(() => api.backup.overview({}), []);
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [running, setRunning] = useState(false);
  const config = overview.data?.config;

  useEffect(() => {
    if (config)
      form.setFieldsValue({
        first: config.destinations[0] ?? '',
        second: config.destinations[1] ?? '',
        dailyAt: config.dailyAt,
        keep: config.keep,
      });
  }, [config, form]);

  async function save(values: FormValues) {
    const next: BackupConfig = {
      destinations: [values.first, values.second]
        .map((d) => d.trim())
        .filter((d) => d.length > 0)
        .slice(0, BACKUP_DESTINATIONS_MAX),
      dailyAt: values.dailyAt,
      keep: values.keep,
    };
    const result = await api.backup.configure(next);
    setError(result.ok ? null : result.error.message);
    setSaved(result.ok);
    if (result.ok) await overview.refresh();
  }

  async function runNow() {
    setRunning(true);
    const result = await api.backup.run({ trigger: 'manual' });
    setRunning(false);
    setError(result.ok ? null : result.error.message);
    await overview.refresh();
  }

  if (!overview.data) return overview.loading ? <Spin /> : <ErrorAlert message={overview.error} />;
  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={text.explain} />
      <ErrorAlert message={error} />
      {saved && <Alert type="success" showIcon title={text.saved} />}
      <Form form={form} layout="vertical" onFinish={(values) => void save(values)} style={{ maxWidth: 640 }}>
        <Form.Item name="first" label={text.firstDestination} extra={text.firstHint}>
          <Input placeholder="E:\\SaoLuu" data-testid="backup-destination-1" />
        </Form.Item>
        <Form.Item name="second" label={text.secondDestination} extra={text.secondHint}>
          <Input placeholder="\\\\may-chu\\SaoLuu" data-testid="backup-destination-2" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="dailyAt" label={text.dailyAt} rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: text.dailyAtInvalid }]}>
            <Input style={{ width: 120 }} data-testid="backup-daily-at" />
          </Form.Item>
          <Form.Item name="keep" label={text.keep}>
            <InputNumber min={1} max={365} style={{ width: 120 }} />
          </Form.Item>
        </Flex>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} data-testid="backup-save">
            {uiText.common.save}
          </Button>
          <Button
            icon={<SafetyOutlined />}
            loading={running}
            disabled={overview.data.config.destinations.length === 0}
            onClick={() => void runNow()}
            data-testid="backup-run"
          >
            {text.runNow}
          </Button>
        </Flex>
      </Form>
      <BackupStatus overview={overview.data} />
    </Flex>
  );
}
