import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useRef, useState } from 'react';
import type { CatalogImportReport } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { fileToBase64 } from '../../common/base64';
import { ErrorAlert } from '../../common/ErrorAlert';

type Rejected = CatalogImportReport['rejected'][number];

const text = uiText.catalogAdmin;

const rejectedColumns: TableColumnsType<Rejected> = [
  {
    title: text.where,
    key: 'where',
    width: 200,
    render: (_, r) => (r.sheet ? formatMessage(text.sheetRow, { sheet: r.sheet, row: r.row }) : formatMessage(text.itemRow, { row: r.row })),
  },
  { title: text.code, key: 'code', width: 220, render: (_, r) => r.code ?? '—' },
  {
    title: text.problems,
    key: 'problems',
    render: (_, r) => (
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {r.problems.map((p, i) => (
          <li key={i}>{p.message}</li>
        ))}
      </ul>
    ),
  },
];

/** Replaces the procedure catalogue from the province's file; rows that fail are listed, never guessed at. */
export function CatalogTab() {
  const fileInput = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<{ file: string; report: CatalogImportReport } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function importFile(file: File) {
    setBusy(true);
    setError(null);
    const isJson = file.name.toLowerCase().endsWith('.json');
    const result = isJson
      ? await api.catalog.importJson({ text: await file.text(), source: file.name })
      : await api.catalog.importXlsx({ dataBase64: await fileToBase64(file), source: file.name });
    setBusy(false);
    if (!result.ok) {
      setReport(null);
      return setError(result.error.message);
    }
    setReport({ file: file.name, report: result.value });
  }

  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={text.intro} description={text.replaceWarning} />
      <div>
        <Button type="primary" icon={<UploadOutlined />} loading={busy} onClick={() => fileInput.current?.click()}>
          {text.choose}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hidden
          data-testid="catalog-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </div>
      <ErrorAlert message={error} />
      {report && (
        <Flex vertical gap={16} data-testid="catalog-report">
          <Typography.Text>{formatMessage(text.imported, { file: report.file })}</Typography.Text>
          <Flex gap={48} wrap>
            <Statistic title={text.added} value={report.report.added} />
            <Statistic title={text.updated} value={report.report.updated} />
            <Statistic title={text.deactivated} value={report.report.deactivated} />
            <Statistic title={text.rejected} value={report.report.rejected.length} />
          </Flex>
          {report.report.rejected.length > 0 && (
            <Table<Rejected>
              rowKey={(r) => `${r.sheet ?? ''}-${r.row}`}
              size="small"
              columns={rejectedColumns}
              dataSource={report.report.rejected}
              pagination={false}
              title={() => text.rejectedTitle}
            />
          )}
        </Flex>
      )}
    </Flex>
  );
}
