import { CloudOutlined } from '@ant-design/icons';
import { Alert, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import type { DossierView } from '../../../../shared/reception/dossier-view';
import { api } from '../../api';
import { StatusTag } from '../../common/DossierDetails';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatLocalDateTime } from '../../common/local-format';

type RemoteSummary = ChannelOutput<'dossier.searchRemote'>['results'][number];

const text = uiText.lookup;

const columns: TableColumnsType<RemoteSummary> = [
  {
    title: text.columns.code,
    dataIndex: 'code',
    key: 'code',
    width: 260,
    render: (code: string) => (
      <>
        <Typography.Text strong>{code}</Typography.Text>{' '}
        <Tag icon={<CloudOutlined />} color="purple">
          {text.remoteTag}
        </Tag>
      </>
    ),
  },
  { title: text.columns.owner, dataIndex: 'ownerName', key: 'owner' },
  { title: text.columns.procedure, dataIndex: 'procedureName', key: 'procedure', ellipsis: true },
  { title: text.columns.received, key: 'received', width: 150, render: (_, d) => formatLocalDateTime(d.receivedLocal) },
  { title: text.columns.status, key: 'status', width: 190, render: (_, d) => <StatusTag status={d.status} /> },
];

/**
 * The province-wide half of the look-up (issue 14 §1): dossiers received at other counters that this
 * counter may act for, marked as such; opening one keeps a copy here. Offline, or not enrolled, it says
 * that only what this counter holds was searched.
 */
export function RemoteResults({
  text: searched,
  localCodes,
  onOpened,
}: {
  text: string;
  localCodes: ReadonlySet<string>;
  onOpened: (view: DossierView) => void;
}) {
  const [answer, setAnswer] = useState<ChannelOutput<'dossier.searchRemote'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    setAnswer(null);
    setError(null);
    if (!searched.trim()) return;
    setLoading(true);
    void api.dossier.searchRemote({ text: searched }).then((result) => {
      if (!current) return;
      setLoading(false);
      if (result.ok) setAnswer(result.value);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [searched]);

  async function open(summary: RemoteSummary) {
    const result = await api.dossier.openRemote({ code: summary.code });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    onOpened(result.value.view);
  }

  if (!searched.trim()) return null;
  if (answer && !answer.online) {
    const notice = answer.reason === 'notEnrolled' ? text.remoteNotEnrolled : text.remoteOffline;
    return <Alert type="warning" showIcon message={notice} description={answer.message} data-testid="lookup-remote-offline" />;
  }
  const remote = (answer?.results ?? []).filter((summary) => !localCodes.has(summary.code));
  if (!loading && !error && remote.length === 0) return null;
  return (
    <Card size="small" title={text.remoteTag} data-testid="lookup-remote">
      <Typography.Paragraph type="secondary">{text.remoteHint}</Typography.Paragraph>
      <ErrorAlert message={error} />
      <Table<RemoteSummary>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={remote}
        loading={loading}
        pagination={false}
        onRow={(summary) => ({ onClick: () => void open(summary), style: { cursor: 'pointer' } })}
        data-testid="lookup-remote-results"
      />
    </Card>
  );
}
