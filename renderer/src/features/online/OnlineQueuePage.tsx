import { Alert, Badge, Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatLocalDateTime } from '../../common/local-format';
import { ReceptionPage } from '../reception/ReceptionPage';
import type { OnlineSource } from '../reception/use-reception';
import { OnlineCheckPanel } from './OnlineCheckPanel';

/** What the reception form needs from the workspace (ReceptionPage's links to other areas). */
type ReceptionLinks = { isAdmin: boolean; onOpenReturn: (code: string) => void; onOpenAdmin: () => void };

type Queue = ChannelOutput<'online.queue'>;
type Queued = Queue['dossiers'][number];
type Claim = ChannelOutput<'online.claim'>;

const text = uiText.onlineQueue;

/** Ant Design's tag colours for the SLA clock (shared/online/online-deadline.ts). */
const TAG_COLOUR = { green: 'green', orange: 'orange', red: 'red' } as const;

function timeLeft(sla: Queued['sla']): string {
  if (sla.overdue) return text.overdue;
  const hours = Math.floor(sla.workingMinutesLeft / 60);
  const minutes = sla.workingMinutesLeft % 60;
  return formatMessage(text.timeLeft, { hours, minutes: String(minutes).padStart(2, '0') });
}

const baseColumns: TableColumnsType<Queued> = [
  {
    title: text.columns.deadline,
    key: 'deadline',
    width: 230,
    render: (_, d) => (
      <>
        <Typography.Text strong>{formatLocalDateTime(d.deadline)}</Typography.Text>{' '}
        <Tag color={TAG_COLOUR[d.sla.colour]} data-testid={`online-sla-${d.sla.colour}`}>
          {timeLeft(d.sla)}
        </Tag>
      </>
    ),
  },
  { title: text.columns.applicant, key: 'applicant', dataIndex: 'applicantName' },
  { title: text.columns.procedure, dataIndex: 'procedureCode', key: 'procedure', ellipsis: true },
  { title: text.columns.channel, key: 'channel', width: 140, render: (_, d) => (d.channel === 3 ? text.postal : text.online) },
  {
    title: text.columns.holder,
    key: 'holder',
    width: 200,
    render: (_, d) => (d.claimedBy ? formatMessage(text.heldBy, { name: d.claimedBy.fullName }) : ''),
  },
];

/**
 * "Hồ sơ trực tuyến" (issue 15 §1): the agency's online and postal dossiers waiting on the gateway,
 * earliest deadline first, each with the working time left before the 4-hour check is due, coloured.
 */
export function OnlineQueuePage({
  reception,
  onReceivingChange,
}: {
  reception: ReceptionLinks;
  /** Whether a claimed dossier's reception form is open here, so the workspace leaves its shortcuts to it. */
  onReceivingChange?: (receiving: boolean) => void;
}) {
  const [queue, setQueue] = useState<Queue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [claimed, setClaimed] = useState<{ id: string; procedureCode: string; claim: Claim } | null>(null);
  const [receiving, setReceiving] = useState<OnlineSource | null>(null);
  const [reloads, setReloads] = useState(0);

  const isReceiving = receiving !== null;
  useEffect(() => {
    onReceivingChange?.(isReceiving);
    return () => onReceivingChange?.(false);
  }, [isReceiving, onReceivingChange]);

  useEffect(() => {
    let current = true;
    void api.online.queue({}).then((result) => {
      if (!current) return;
      if (result.ok) setQueue(result.value);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [reloads]);

  // Another officer holding it is told here with who and until when (ONLINE_DOSSIER_HELD).
  const claim = useCallback(async (id: string, procedureCode: string) => {
    setError(null);
    const result = await api.online.claim({ id });
    if (result.ok) setClaimed({ id, procedureCode, claim: result.value });
    else setError(result.error.message);
  }, []);

  const columns: TableColumnsType<Queued> = [
    ...baseColumns,
    {
      key: 'claim',
      width: 130,
      render: (_, d) => (
        <Button size="small" onClick={() => void claim(d.id, d.procedureCode)} data-testid={`online-claim-${d.id}`}>
          {text.claim}
        </Button>
      ),
    },
  ];

  // Back from receiving, accepted or not: the queue is listed afresh (an accepted dossier has left it).
  if (receiving) {
    return (
      <ReceptionPage
        active
        {...reception}
        online={receiving}
        onOnlineDone={() => {
          setReceiving(null);
          setReloads((n) => n + 1);
        }}
      />
    );
  }

  const title = (
    <span>
      {text.title} <Badge count={queue?.count ?? 0} showZero color="blue" data-testid="online-queue-count" />
    </span>
  );
  if (queue && !queue.online) {
    const notice = queue.reason === 'notEnrolled' ? text.notEnrolled : text.offline;
    return (
      <Card title={title}>
        <Alert type="warning" showIcon message={notice} description={queue.message} data-testid="online-queue-offline" />
      </Card>
    );
  }
  return (
    <Card title={title}>
      <ErrorAlert message={error} />
      <Table<Queued>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={queue?.dossiers ?? []}
        loading={!queue && !error}
        pagination={false}
        locale={{ emptyText: text.empty }}
        data-testid="online-queue"
      />
      {claimed && (
        <OnlineCheckPanel
          id={claimed.id}
          procedureCode={claimed.procedureCode}
          claim={claimed.claim}
          onClose={() => setClaimed(null)}
          onDecided={() => {
            setClaimed(null);
            setReloads((n) => n + 1);
          }}
          onReceive={() => {
            setClaimed(null);
            setReceiving({
              id: claimed.id,
              channel: claimed.claim.channel,
              procedureCode: claimed.procedureCode,
              submission: claimed.claim.submission,
              files: claimed.claim.files,
            });
          }}
        />
      )}
    </Card>
  );
}
