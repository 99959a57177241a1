import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useRef, useState } from 'react';
import type { CatalogImportReport, ProcedureSummary } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { base64ToBlob, fileToBase64 } from '../../common/base64';
import { ErrorAlert } from '../../common/ErrorAlert';
import { useApiQuery } from '../../common/use-api-query';

type Rejected = CatalogImportReport['rejected'][number];

/** Procedures whose code was not checked against the national procedure database (the sample catalogue's). */
const unverified = (procedures: ProcedureSummary[]) => procedures.filter((p) => p.sample).length;

const text = uiText.catalogAdmin;

const rejectedColumns: TableColumnsType<Rejected> = [
  {
    title: text.where,
    key: 'where',
    width: 200,
    render: (_, r) =>
      r.sheet ? formatMessage(text.sheetRow, { sheet: r.sheet, row: r.row }) : formatMessage(text.itemRow, { row: r.row }),
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

  // The procedures in use now; read again after each import.
  const loaded = useApiQuery(() => api.catalog.overview({}), [report]);

  async function downloadTemplate() {
    const result = await api.catalog.exportXlsx({});
    if (!result.ok) return setError(result.error.message);
    const url = URL.createObjectURL(
      base64ToBlob(result.value.dataBase64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    );
    const link = Object.assign(document.createElement('a'), { href: url, download: result.value.fileName });
    link.click();
    URL.revokeObjectURL(url);
  }

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
        </Button>{' '}
        <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} data-testid="catalog-template">
          {text.template}
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
      {loaded.data && unverified(loaded.data.procedures) > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="catalog-unverified"
          title={formatMessage(text.unverified, { count: unverified(loaded.data.procedures) })}
          description={text.unverifiedHint}
        />
      )}
      {loaded.data && (
        <Table<ProcedureSummary>
          rowKey="code"
          size="small"
          data-testid="catalog-loaded"
          title={() => formatMessage(text.loaded, { count: loaded.data!.count })}
          dataSource={loaded.data.procedures}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            {
              title: text.code,
              dataIndex: 'code',
              width: 220,
              render: (code: string, procedure) => (
                <Flex vertical align="start">
                  {code}
                  {procedure.sample && <Tag color="gold">{text.unverifiedTag}</Tag>}
                </Flex>
              ),
            },
            { title: text.loadedName, dataIndex: 'name' },
            { title: text.loadedSector, dataIndex: 'sectorName', width: 200 },
          ]}
        />
      )}
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
