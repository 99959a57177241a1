import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Input, Row, Select, Table, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type { PrintResult } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import type { DossierReport, ReportFilter } from '../../../../shared/reports/report-schema';
import { asOfLine, detailRows, periodLine, templateRows } from '../../../../shared/reports/report-sheet';
import { api } from '../../api';
import { base64ToBlob } from '../../common/base64';
import { PdfViewer } from '../../common/PdfViewer';
import { ReportChart } from './ReportChart';

const t = uiText.reports;
const s = t.screen;
const c = t.columns;

type Kind = 'month' | 'quarter' | 'year' | 'range';

/** The period text the core reads (shared/reports/report-period.ts) for the current month, quarter or year. */
function currentPeriod(kind: Kind): string {
  const now = dayjs();
  if (kind === 'month') return now.format('YYYY-MM');
  if (kind === 'quarter') return `${now.year()}-Q${Math.floor(now.month() / 3) + 1}`;
  if (kind === 'year') return String(now.year());
  return `${now.startOf('month').format('YYYY-MM-DD')}..${now.format('YYYY-MM-DD')}`;
}

type Row = { key: number; cells: (string | number)[] };

/** Biểu II.06a as antd's grouped columns: the same thirteen columns as the xlsx and the A4 print. */
function templateColumns(): ColumnsType<Row> {
  const cell = (index: number, title: string) => ({
    title,
    key: String(index),
    align: index >= 2 ? ('right' as const) : undefined,
    render: (_: unknown, row: Row) => row.cells[index],
  });
  return [
    cell(0, c.no),
    cell(1, c.sector),
    {
      title: c.receivedGroup,
      children: [cell(2, c.total), { title: c.newGroup, children: [cell(3, c.online), cell(4, c.direct)] }, cell(5, c.carriedOver)],
    },
    { title: c.settledGroup, children: [cell(6, c.total), cell(7, c.early), cell(8, c.onTime), cell(9, c.late)] },
    { title: c.inProgressGroup, children: [cell(10, c.total), cell(11, c.withinTime), cell(12, c.overdue)] },
  ];
}

function Charts({ report }: { report: DossierReport }) {
  const { token } = theme.useToken();
  const options = useMemo(() => {
    const sectors = report.bySector.map((row) => row.sector || t.noSector);
    const bar = (name: string, color: string, pick: (f: DossierReport['total']) => number) => ({
      name,
      type: 'bar',
      stack: 'all',
      itemStyle: { color },
      data: report.bySector.map((row) => pick(row.figures)),
    });
    const pie = (data: { name: string; value: number; color: string }[]) => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        { type: 'pie', radius: ['35%', '65%'], data: data.map((d) => ({ name: d.name, value: d.value, itemStyle: { color: d.color } })) },
      ],
    });
    const f = report.total;
    return {
      settled: {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 8, right: 8, top: 16, bottom: 48, containLabel: true },
        xAxis: { type: 'category', data: sectors },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          bar(c.early, token.colorSuccess, (x) => x.settledEarly),
          bar(c.onTime, token.colorPrimary, (x) => x.settledOnTime),
          bar(c.late, token.colorError, (x) => x.settledLate),
          bar(`${s.charts.inProgress}: ${c.withinTime}`, token.colorWarning, (x) => x.inProgressWithinTime),
          bar(`${s.charts.inProgress}: ${c.overdue}`, token.colorErrorBorder, (x) => x.inProgressOverdue),
        ],
      },
      channels: pie([
        { name: s.channels.direct, value: f.newDirect, color: token.colorPrimary },
        { name: s.channels.online, value: f.newOnline, color: token.colorSuccess },
        { name: s.channels.postal, value: f.newPostal, color: token.colorWarning },
      ]),
      satisfaction: pie([
        { name: t.satisfaction.satisfied, value: report.satisfaction.satisfied, color: token.colorSuccess },
        { name: t.satisfaction.neutral, value: report.satisfaction.neutral, color: token.colorWarning },
        { name: t.satisfaction.dissatisfied, value: report.satisfaction.dissatisfied, color: token.colorError },
      ]),
    };
  }, [report, token]);
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={s.charts.settled}>
          <ReportChart option={options.settled} testId="report-chart-settled" />
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card size="small" title={s.charts.channels}>
          <ReportChart option={options.channels} testId="report-chart-channels" />
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card size="small" title={s.charts.satisfaction}>
          <ReportChart option={options.satisfaction} testId="report-chart-satisfaction" />
        </Card>
      </Col>
    </Row>
  );
}

/**
 * The supervisor's periodic report (issue 18 §1) from this counter's data: Biểu II.06a on screen with
 * its details and charts, exported to xlsx and printed on A4 by the core.
 */
export function ReportsPage() {
  const [kind, setKind] = useState<Kind>('quarter');
  const [period, setPeriod] = useState(currentPeriod('quarter'));
  const [filter, setFilter] = useState<ReportFilter>({});
  const [report, setReport] = useState<DossierReport | null>(null);
  const [printed, setPrinted] = useState<PrintResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const request = () => ({ period: period.trim(), filter });

  async function run<T>(work: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>, then: (value: T) => void) {
    setBusy(true);
    try {
      const result = await work();
      setError(result.ok ? null : result.error.message);
      if (result.ok) then(result.value);
    } finally {
      setBusy(false);
    }
  }

  const show = () =>
    run(
      () => api.reports.dossiers(request()),
      (value) => (setReport(value), setPrinted(null)),
    );
  const exportXlsx = () =>
    run(
      () => api.reports.exportXlsx(request()),
      (value) => {
        const url = URL.createObjectURL(
          base64ToBlob(value.dataBase64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
        );
        Object.assign(document.createElement('a'), { href: url, download: value.fileName }).click();
        URL.revokeObjectURL(url);
      },
    );
  const print = () =>
    run(
      () => api.reports.print(request()),
      (value) => setPrinted({ jobId: '', ...value }),
    );
  const setField = (key: keyof ReportFilter) => (event: { target: { value: string } }) =>
    setFilter((old) => ({ ...old, [key]: event.target.value.trim() || undefined }));

  const rows: Row[] = report ? templateRows(report).map((cells, key) => ({ key, cells })) : [];
  return (
    <Card title={t.title}>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Select<Kind>
          aria-label={s.periodKind}
          value={kind}
          style={{ width: 140 }}
          options={(['month', 'quarter', 'year', 'range'] as const).map((k) => ({ value: k, label: s.kinds[k] }))}
          onChange={(value) => {
            setKind(value);
            setPeriod(currentPeriod(value));
          }}
          data-testid="report-kind"
        />
        <Input
          aria-label={s.period}
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          style={{ width: 220 }}
          data-testid="report-period"
        />
        <Input aria-label={s.officer} placeholder={s.officer} onChange={setField('officer')} style={{ width: 220 }} allowClear />
        <Input aria-label={s.sector} placeholder={s.sector} onChange={setField('sector')} style={{ width: 160 }} allowClear />
        <Input
          aria-label={s.procedureCode}
          placeholder={s.procedureCode}
          onChange={setField('procedureCode')}
          style={{ width: 140 }}
          allowClear
        />
        <Button type="primary" onClick={() => void show()} loading={busy} data-testid="report-show">
          {s.show}
        </Button>
        <Button icon={<FileExcelOutlined />} onClick={() => void exportXlsx()} disabled={busy} data-testid="report-xlsx">
          {s.exportXlsx}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => void print()} disabled={busy} data-testid="report-print">
          {s.print}
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon title={error} data-testid="report-error" style={{ marginBottom: 12 }} />}
      {report && (
        <Flex vertical gap={12}>
          <div>
            <strong>{t.templateCode}</strong> — {t.sheetTitle}
            <br />
            <span data-testid="report-period-line">{periodLine(report)}</span>. {asOfLine(report)}
          </div>
          <Table<Row> size="small" bordered pagination={false} columns={templateColumns()} dataSource={rows} data-testid="report-table" />
          <Charts report={report} />
          <Table<{ key: string; label: string; value: number | string }>
            size="small"
            pagination={false}
            style={{ maxWidth: 640 }}
            columns={[
              { title: t.details.item, dataIndex: 'label' },
              { title: t.details.value, dataIndex: 'value', align: 'right' },
            ]}
            dataSource={detailRows(report).map(([label, value]) => ({ key: label, label, value }))}
            data-testid="report-details"
          />
        </Flex>
      )}
      {printed && (
        <PdfViewer result={printed} title={t.title} fileName={formatMessage(t.fileName, { period }).replace(/\.xlsx$/, '.pdf')} />
      )}
    </Card>
  );
}
