import { Alert, Button, Card, DatePicker, Flex, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { DigitizationStatsRow } from '../../../../shared/digitize/page-view';
import { statsTotals } from '../../../../shared/digitize/reuse';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';

const text = uiText.digitize.stats;

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** The period's totals under the table, the figure the province asks for. */
function Totals({ rows }: { rows: DigitizationStatsRow[] }) {
  if (rows.length === 0) return null;
  const totals = statsTotals(rows);
  const cells = [
    totals.dossiers,
    totals.components,
    totals.digitizedComponents,
    totals.signedComponents,
    totals.reusedComponents,
    totals.reusedFromResultComponents,
    totals.pages,
    percent(totals.digitizedShare),
  ];
  return (
    <Table.Summary.Row data-testid="stats-totals">
      <Table.Summary.Cell index={0} colSpan={3}>
        <strong>{text.total}</strong>
      </Table.Summary.Cell>
      {cells.map((value, i) => (
        <Table.Summary.Cell key={i} index={i + 3} align="right">
          <strong>{value}</strong>
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}

/** Supervisors' report: dossiers, components, reuse, pages and the digitized share per day, officer and procedure, with the period's totals. */
export function DigitizationStatsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [rows, setRows] = useState<DigitizationStatsRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function show() {
    const result = await api.digitization.stats({ fromDate: range[0].format('YYYY-MM-DD'), toDate: range[1].format('YYYY-MM-DD') });
    setError(result.ok ? null : result.error.message);
    setRows(result.ok ? result.value : null);
  }

  return (
    <Card title={text.title}>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={range}
          format="DD/MM/YYYY"
          placeholder={[text.from, text.to]}
          allowClear={false}
          onChange={(value) => {
            if (value?.[0] && value[1]) setRange([value[0], value[1]]);
          }}
        />
        <Button type="primary" onClick={() => void show()} data-testid="stats-show">
          {text.show}
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
      {rows && (
        <Table<DigitizationStatsRow>
          size="small"
          rowKey={(row) => `${row.day}|${row.officer}|${row.procedureCode}`}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: text.empty }}
          columns={[
            { title: text.day, dataIndex: 'day', render: (day: string) => dayjs(day).format('DD/MM/YYYY') },
            { title: text.officer, dataIndex: 'officer' },
            { title: text.procedure, dataIndex: 'procedureName' },
            { title: text.dossiers, dataIndex: 'dossiers', align: 'right' },
            { title: text.components, dataIndex: 'components', align: 'right' },
            { title: text.digitized, dataIndex: 'digitizedComponents', align: 'right' },
            { title: text.signed, dataIndex: 'signedComponents', align: 'right' },
            { title: text.reused, dataIndex: 'reusedComponents', align: 'right' },
            { title: text.reusedFromResult, dataIndex: 'reusedFromResultComponents', align: 'right' },
            { title: text.pages, dataIndex: 'pages', align: 'right' },
            { title: text.share, dataIndex: 'digitizedShare', align: 'right', render: (share: number) => percent(share) },
          ]}
          summary={(shown) => <Totals rows={[...shown]} />}
        />
      )}
    </Card>
  );
}
