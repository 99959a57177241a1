import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, InputNumber, Radio, Table, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { useApiQuery } from '../../common/use-api-query';
import { formatLocalDate } from '../../common/local-format';
import { sequenceDayState } from '../../../../shared/site/site-checks';

type Status = ChannelOutput<'sequence.status'>;

const DAY_COLORS = { none: 'error', exhausted: 'error', low: 'warning', available: 'success' } as const;
type Block = Status['blocks'][number];
type Scope = 'today' | 'date' | 'everyDay';

interface BlockForm {
  first: number;
  last: number;
  scope: Scope;
  date?: Dayjs;
  source: 'admin' | 'emergency';
}

const text = uiText.sequenceAdmin;

const columns: TableColumnsType<Block> = [
  { title: text.scope, key: 'scope', render: (_, b) => (b.date ? formatLocalDate(b.date) : text.everyDay) },
  { title: text.range, key: 'range', render: (_, b) => `${b.first} – ${b.last}` },
  { title: text.size, key: 'size', render: (_, b) => b.last - b.first + 1 },
  {
    title: text.source,
    key: 'source',
    render: (_, b) => <Tag color={b.source === 'emergency' ? 'orange' : 'blue'}>{text.sources[b.source]}</Tag>,
  },
];

/**
 * The numbers this counter may put in dossier codes. Blocks keep codes unique when several counters
 * work offline; an emergency block comes from the province's administrator when a day runs out.
 */
export function SequenceTab() {
  const { message } = App.useApp();
  const [form] = Form.useForm<BlockForm>();
  const scope = Form.useWatch('scope', form);
  const sequence = useApiQuery(() => api.sequence.status(), []);
  const status = sequence.data;
  const load = sequence.refresh;
  const [addError, setAddError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(values: BlockForm) {
    if (!status) return;
    const date =
      values.scope === 'today' ? status.today.date : values.scope === 'date' ? (values.date?.format('YYYY-MM-DD') ?? null) : null;
    setBusy(true);
    const result = await api.sequence.addBlock({ date, first: values.first, last: values.last, source: values.source });
    setBusy(false);
    if (!result.ok) return setAddError(result.error.message);
    setAddError(null);
    message.success(formatMessage(text.added, { first: result.value.first, last: result.value.last }));
    form.resetFields();
    await load();
  }

  const today = status?.today;
  return (
    <Flex vertical gap={16}>
      <ErrorAlert message={addError ?? sequence.error} />
      {today && (
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 3 }}
          data-testid="sequence-today"
          items={[
            { key: 'date', label: text.today, children: formatLocalDate(today.date) },
            { key: 'total', label: text.total, children: today.total },
            {
              key: 'remaining',
              label: text.remaining,
              children: (
                <Tag color={DAY_COLORS[sequenceDayState(today)]} data-testid="sequence-remaining">
                  {
                    {
                      none: text.none,
                      exhausted: text.exhausted,
                      low: formatMessage(text.low, { remaining: today.remaining }),
                      available: today.remaining,
                    }[sequenceDayState(today)]
                  }
                </Tag>
              ),
            },
          ]}
        />
      )}
      <Table<Block>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={status?.blocks ?? []}
        pagination={false}
        locale={{ emptyText: text.noBlocks }}
        title={() => (
          <Flex justify="space-between" align="center">
            <span>{text.blocks}</span>
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void load()}>
              {uiText.common.refresh}
            </Button>
          </Flex>
        )}
        data-testid="sequence-blocks"
      />
      <Card size="small" title={text.addTitle}>
        <Form<BlockForm>
          form={form}
          name="sequenceBlock"
          layout="vertical"
          onFinish={(values) => void add(values)}
          requiredMark={false}
          initialValues={{ scope: 'today', source: 'admin' }}
        >
          <Flex gap={16} wrap>
            <Form.Item name="first" label={text.first} rules={[{ required: true, message: text.firstRequired }]}>
              <InputNumber min={1} max={9999} precision={0} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item
              name="last"
              label={text.last}
              dependencies={['first']}
              rules={[
                { required: true, message: text.lastRequired },
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: number | undefined) => {
                    const first = getFieldValue('first') as number | undefined;
                    if (value !== undefined && first !== undefined && value < first) throw new Error(text.lastBeforeFirst);
                  },
                }),
              ]}
            >
              <InputNumber min={1} max={9999} precision={0} style={{ width: 140 }} />
            </Form.Item>
          </Flex>
          <Form.Item name="scope" label={text.scope}>
            <Radio.Group
              options={[
                {
                  value: 'today',
                  label: today ? formatMessage(text.scopeToday, { date: formatLocalDate(today.date) }) : text.scopeTodayPlain,
                },
                { value: 'date', label: text.scopeDate },
                { value: 'everyDay', label: text.everyDay },
              ]}
            />
          </Form.Item>
          {scope === 'date' && (
            <Form.Item name="date" label={text.date} rules={[{ required: true, message: text.dateRequired }]}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
          )}
          <Form.Item name="source" label={text.source} extra={text.emergencyHint}>
            <Radio.Group options={(['admin', 'emergency'] as const).map((value) => ({ value, label: text.sources[value] }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy} disabled={!status} data-testid="sequence-add">
            {text.add}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
