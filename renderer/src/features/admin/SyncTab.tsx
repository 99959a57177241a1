import { CloudSyncOutlined, RedoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { SyncOverview } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatDateTime } from '../../common/format';

type Failure = SyncOverview['failures'][number];

interface EnrolForm {
  gatewayUrl: string;
  code: string;
  counterName: string;
}

const text = uiText.sync;

/**
 * Enrolment with the province's gateway and the state of the queue: what waits, when the last
 * pass succeeded, the last error in words, and each refused command with a way to send it again.
 */
export function SyncTab() {
  const { message } = App.useApp();
  const [form] = Form.useForm<EnrolForm>();
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  // An action's error stays until the next action: a status refresh (sync.progress) must not wipe it.
  const [statusError, setStatusError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const result = await api.sync.status();
    if (result.ok) setOverview(result.value);
    setStatusError(result.ok ? null : result.error.message);
  }, []);

  useEffect(() => {
    void refresh();
    return api.on('sync.progress', () => void refresh());
  }, [refresh]);

  async function act(call: () => ReturnType<typeof api.sync.status>) {
    setBusy(true);
    setActionError(null);
    const result = await call();
    setBusy(false);
    if (result.ok) setOverview(result.value);
    else setActionError(result.error.message);
    return result;
  }

  async function enrol(values: EnrolForm) {
    const result = await act(() => api.sync.enroll(values));
    if (result.ok) {
      message.success(text.enrolled);
      form.resetFields(['code']);
    }
  }

  const columns: TableColumnsType<Failure> = [
    { title: text.dossier, key: 'dossier', render: (_, f) => f.dossierCode ?? '—' },
    { title: text.command, key: 'kind', render: (_, f) => text.commandKinds[f.kind] ?? f.kind },
    { title: text.reason, key: 'reason', render: (_, f) => <Tag color="red">{text.rejections[f.lastError] ?? f.lastError}</Tag> },
    { title: text.attempts, dataIndex: 'attempts', key: 'attempts' },
    {
      key: 'retry',
      render: (_, f) => (
        <Button
          size="small"
          icon={<RedoOutlined />}
          disabled={busy}
          onClick={() => void act(() => api.sync.retryItem({ commandId: f.id }))}
        >
          {text.retry}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <ErrorAlert message={actionError ?? statusError} />
      {overview && !overview.enrolled && <Alert type="info" showIcon title={text.notEnrolled} />}
      {overview?.enrolled && (
        <Card
          size="small"
          title={text.statusTitle}
          extra={
            <Button
              type="primary"
              icon={<CloudSyncOutlined />}
              loading={busy || overview.state === 'syncing'}
              onClick={() => void act(() => api.sync.now())}
              data-testid="sync-now"
            >
              {text.syncNow}
            </Button>
          }
        >
          <Descriptions size="small" column={2} data-testid="sync-status">
            <Descriptions.Item label={text.gatewayUrl}>{overview.gatewayUrl}</Descriptions.Item>
            <Descriptions.Item label={text.agency}>{overview.agencyCode}</Descriptions.Item>
            <Descriptions.Item label={text.pendingCommands}>{overview.pendingCommands}</Descriptions.Item>
            <Descriptions.Item label={text.pendingFiles}>{overview.pendingFiles}</Descriptions.Item>
            <Descriptions.Item label={text.lastSuccess}>
              {overview.lastSuccessAt ? formatDateTime(overview.lastSuccessAt) : text.never}
            </Descriptions.Item>
            <Descriptions.Item label={text.device}>{overview.deviceId}</Descriptions.Item>
            {overview.nextAttemptAt && overview.lastError && (
              <Descriptions.Item label={text.nextAttempt}>{formatDateTime(overview.nextAttemptAt)}</Descriptions.Item>
            )}
          </Descriptions>
          {overview.lastError && (
            <Alert type="warning" showIcon title={`${text.lastError}: ${overview.lastError.message}`} data-testid="sync-last-error" />
          )}
        </Card>
      )}
      {overview?.enrolled && (
        <Card size="small" title={text.failuresTitle}>
          <Table<Failure>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={overview.failures}
            pagination={false}
            locale={{ emptyText: text.noFailures }}
            data-testid="sync-failures"
          />
        </Card>
      )}
      <Card size="small" title={text.enrolTitle}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => void enrol(values)}
          initialValues={{ gatewayUrl: overview?.gatewayUrl ?? '', counterName: '' }}
          style={{ maxWidth: 520 }}
        >
          <Form.Item name="gatewayUrl" label={text.gatewayUrl} rules={[{ required: true }]}>
            <Input placeholder={text.gatewayUrlPlaceholder} data-testid="sync-gateway-url" />
          </Form.Item>
          <Form.Item name="code" label={text.code} rules={[{ required: true }]}>
            <Input placeholder={text.codePlaceholder} autoComplete="off" data-testid="sync-code" />
          </Form.Item>
          <Form.Item name="counterName" label={text.counterName} rules={[{ required: true }]}>
            <Input data-testid="sync-counter-name" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-enrol">
            {overview?.enrolled ? text.reenrol : text.enrol}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
