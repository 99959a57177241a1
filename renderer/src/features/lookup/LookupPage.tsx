import { BookOutlined, PrinterOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Drawer, Flex, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { Role } from '../../../../shared/auth/roles';
import type { ChannelOutput, DossierSummary, PrintResult } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import type { DossierView } from '../../../../shared/reception/dossier-view';
import { api } from '../../api';
import { DossierDetails, StatusTag } from '../../common/DossierDetails';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatDateTime } from '../../common/format';
import { formatLocalDateTime } from '../../common/local-format';
import { DossierFiles } from './DossierFiles';
import { DossierHistory } from './DossierHistory';
import { LifecycleActions } from './LifecycleActions';
import { PrintedModal, ReasonPrintModal } from './PrintModals';
import { RemoteResults } from './RemoteResults';

interface Filters {
  text?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  status?: number;
}

type OutstandingJob = ChannelOutput<'print.outstanding'>[number];

const text = uiText.lookup;
const ISO = 'YYYY-MM-DD';
const statusOptions = Object.entries(uiText.dossierStatus).map(([value, label]) => ({ value: Number(value), label }));

function formName(key: string): string {
  const names: Record<string, string> = text.formNames;
  return names[key] ?? key;
}

const resultColumns = (overdue: ReadonlySet<string>): TableColumnsType<DossierSummary> => [
  {
    title: text.columns.code,
    dataIndex: 'code',
    key: 'code',
    width: 230,
    render: (code: string) => <Typography.Text strong>{code}</Typography.Text>,
  },
  { title: text.columns.owner, dataIndex: 'ownerName', key: 'owner' },
  { title: text.columns.procedure, dataIndex: 'procedureName', key: 'procedure', ellipsis: true },
  { title: text.columns.received, key: 'received', width: 150, render: (_, d) => formatLocalDateTime(d.receivedLocal) },
  { title: text.columns.due, key: 'due', width: 150, render: (_, d) => formatLocalDateTime(d.dueLocal) },
  {
    title: text.columns.status,
    key: 'status',
    width: 190,
    render: (_, d) => (
      <Space size={4} wrap>
        <StatusTag status={d.status} />
        {overdue.has(d.id) && (
          <Tag color="red" data-testid="overdue-tag">
            {text.overdue}
          </Tag>
        )}
      </Space>
    ),
  },
];

function OutstandingJobs({ onPrinted }: { onPrinted: (result: PrintResult, code: string) => void }) {
  const [jobs, setJobs] = useState<OutstandingJob[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await api.print.outstanding();
    if (result.ok) {
      setJobs(result.value);
      setError(null);
    } else {
      setError(result.error.message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function reprint(job: OutstandingJob) {
    if (!job.dossierId) return;
    setPrinting(job.id);
    const result = await api.print.receipt({ dossierId: job.dossierId });
    setPrinting(null);
    if (!result.ok) setError(result.error.message);
    else onPrinted(result.value, job.dossierCode ?? '');
    await load();
  }

  const columns: TableColumnsType<OutstandingJob> = [
    { title: text.jobColumns.form, key: 'form', render: (_, job) => formName(job.formKey) },
    { title: text.jobColumns.dossier, key: 'dossier', render: (_, job) => job.dossierCode ?? '—' },
    { title: text.jobColumns.createdAt, key: 'created', render: (_, job) => formatDateTime(job.createdAt) },
    {
      title: text.jobColumns.status,
      key: 'status',
      render: (_, job) => (
        <Flex vertical>
          <Tag color={job.status === 'failed' ? 'error' : 'warning'} style={{ width: 'fit-content' }}>
            {text.jobStatus[job.status as keyof typeof text.jobStatus] ?? job.status}
          </Tag>
          {job.lastError && <Typography.Text type="danger">{job.lastError}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: uiText.common.actions,
      key: 'actions',
      render: (_, job) =>
        job.formKey === 'receipt' && job.dossierId ? (
          <Button size="small" icon={<PrinterOutlined />} loading={printing === job.id} onClick={() => void reprint(job)}>
            {text.printOwed}
          </Button>
        ) : null,
    },
  ];

  return (
    <Card
      title={text.outstanding}
      size="small"
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void load()}>
          {uiText.common.refresh}
        </Button>
      }
      data-testid="outstanding-jobs"
    >
      <ErrorAlert message={error} />
      <Table<OutstandingJob>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={jobs}
        pagination={false}
        locale={{ emptyText: text.outstandingEmpty }}
      />
    </Card>
  );
}

/** Finding any dossier of the counter, and the supervisor's reprints, apologies and register. */
export function LookupPage({ role }: { role: Role }) {
  const [form] = Form.useForm<Filters>();
  const [results, setResults] = useState<DossierSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<DossierView | null>(null);
  const [searchedText, setSearchedText] = useState('');
  const [openError, setOpenError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'reprint' | null>(null);
  const [overdue, setOverdue] = useState<ReadonlySet<string>>(new Set());
  const [historyVersion, setHistoryVersion] = useState(0);
  const [printed, setPrinted] = useState<{ result: PrintResult; title: string; fileName: string } | null>(null);
  const [registerBusy, setRegisterBusy] = useState(false);
  const supervises = role === 'supervisor' || role === 'admin';

  const search = useCallback(async (filters: Filters) => {
    setLoading(true);
    setSearchedText(filters.text?.trim() ?? '');
    const [from, to] = filters.range ?? [null, null];
    const result = await api.dossier.search({
      ...(filters.text?.trim() ? { text: filters.text.trim() } : {}),
      ...(from ? { fromDate: from.format(ISO) } : {}),
      ...(to ? { toDate: to.format(ISO) } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      limit: 200,
    });
    const late = await api.dossier.overdue({});
    if (late.ok) setOverdue(new Set(late.value.map((d) => d.id)));
    setLoading(false);
    if (result.ok) {
      setResults(result.value);
      setError(null);
    } else {
      setError(result.error.message);
    }
  }, []);

  useEffect(() => {
    void search({});
  }, [search]);

  async function open(summary: DossierSummary) {
    const result = await api.dossier.open({ id: summary.id });
    if (result.ok) {
      setOpened(result.value);
      setOpenError(null);
    } else {
      setOpenError(result.error.message);
    }
  }

  /** The control slip again (its first copy printed with the receipt), audited as a reprint (docs/domain.md §5.4). */
  async function printControlSlip(dossier: DossierView) {
    const result = await api.print.controlSlip({ dossierId: dossier.id });
    if (!result.ok) return setOpenError(result.error.message);
    setPrinted({ result: result.value, title: text.controlSlip, fileName: `phieu-kiem-soat-${dossier.code}.pdf` });
  }

  async function printRegister() {
    const [from, to] = (form.getFieldValue('range') as Filters['range']) ?? [null, null];
    if (!from || !to) return setError(text.registerNeedsRange);
    setRegisterBusy(true);
    const result = await api.print.register({ fromDate: from.format(ISO), toDate: to.format(ISO) });
    setRegisterBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setPrinted({ result: result.value, title: text.registerTitle, fileName: `so-theo-doi-${from.format(ISO)}-${to.format(ISO)}.pdf` });
  }

  return (
    <Flex vertical gap={16}>
      <Card
        title={text.title}
        extra={
          supervises && (
            <Button icon={<BookOutlined />} onClick={() => void printRegister()} loading={registerBusy} data-testid="print-register">
              {text.register}
            </Button>
          )
        }
      >
        <Form<Filters> form={form} layout="inline" onFinish={(values) => void search(values)} style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item name="text" style={{ flex: '1 1 320px' }}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={text.searchPlaceholder}
              aria-label={text.searchLabel}
              data-testid="lookup-text"
            />
          </Form.Item>
          <Form.Item name="range" label={text.dateRange}>
            <DatePicker.RangePicker format="DD/MM/YYYY" allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item name="status" label={text.status}>
            <Select allowClear placeholder={text.allStatuses} options={statusOptions} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="lookup-search">
              {text.search}
            </Button>
          </Form.Item>
        </Form>
        <ErrorAlert message={error ?? openError} />
        <Table<DossierSummary>
          rowKey="id"
          size="small"
          columns={resultColumns(overdue)}
          dataSource={results}
          loading={loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: text.noResults }}
          onRow={(summary) => ({ onClick: () => void open(summary), style: { cursor: 'pointer' } })}
          data-testid="lookup-results"
          footer={() => formatMessage(text.resultCount, { count: results.length })}
        />
      </Card>

      <RemoteResults
        text={searchedText}
        localCodes={new Set(results.map((summary) => summary.code))}
        onOpened={(view) => {
          setOpened(view);
          void search(form.getFieldsValue());
        }}
      />

      <OutstandingJobs
        onPrinted={(result, code) => setPrinted({ result, title: uiText.reception.receipt, fileName: `giay-tiep-nhan-${code}.pdf` })}
      />

      <Drawer
        open={opened !== null}
        size={760}
        title={opened && formatMessage(text.details, { code: opened.code })}
        onClose={() => setOpened(null)}
        extra={
          opened && (
            <Space>
              <Button icon={<PrinterOutlined />} onClick={() => void printControlSlip(opened)} data-testid="print-control-slip">
                {text.controlSlip}
              </Button>
              {supervises && (
                <Button icon={<PrinterOutlined />} onClick={() => setDialog('reprint')} data-testid="open-reprint">
                  {text.reprint}
                </Button>
              )}
            </Space>
          )
        }
      >
        {opened && (
          <Flex vertical gap={16}>
            <LifecycleActions
              dossier={opened}
              role={role}
              onChanged={(view) => {
                setOpened(view);
                setHistoryVersion((n) => n + 1);
                void search(form.getFieldsValue());
              }}
            />
            <DossierDetails dossier={opened} />
            <DossierFiles dossierId={opened.id} />
            <DossierHistory dossierId={opened.id} version={historyVersion} />
          </Flex>
        )}
      </Drawer>

      {opened && (
        <ReasonPrintModal
          open={dialog === 'reprint'}
          title={text.reprintTitle}
          reasonLabel={text.reprintReason}
          askNewDue={false}
          fileName={`giay-tiep-nhan-${opened.code}-in-lai.pdf`}
          run={({ reason }) => api.print.reprintReceipt({ dossierId: opened.id, reason })}
          onClose={() => setDialog(null)}
        />
      )}
      <PrintedModal
        result={printed?.result ?? null}
        title={printed?.title ?? ''}
        fileName={printed?.fileName ?? ''}
        onClose={() => setPrinted(null)}
      />
    </Flex>
  );
}
