import { Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { isLifecycleEventType } from '../../../../shared/lifecycle/lifecycle-events';
import { api } from '../../api';
import { StatusTag } from '../../common/DossierDetails';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatDateTime } from '../../common/format';
import { formatLocalDateTime } from '../../common/local-format';

const text = uiText.lookup;

function detail(entry: HistoryEntry): string {
  const p = entry.payload;
  const due = (before: unknown, after: unknown) =>
    formatMessage(text.lifecycleFields.dueChanged, {
      before: formatLocalDateTime(typeof before === 'string' ? before : null),
      after: formatLocalDateTime(typeof after === 'string' ? after : null),
    });
  switch (entry.type) {
    case 'supplementRequested': {
      const items = Array.isArray(p.items) ? p.items.map((i) => String((i as { name?: unknown }).name ?? '')).join('; ') : '';
      const minutes = typeof p.remainingMinutes === 'number' ? p.remainingMinutes : null;
      const paused =
        minutes === null ? '' : ` — ${formatMessage(text.lifecycleFields.paused, { hours: Math.round((minutes / 60) * 10) / 10 })}`;
      return `${formatMessage(text.lifecycleFields.round, { round: String(p.round ?? '') })}: ${items}${paused}`;
    }
    case 'supplementReceived':
      return `${formatMessage(text.lifecycleFields.round, { round: String(p.round ?? '') })}. ${due(p.dueBefore, p.dueAfter)}`;
    case 'apologyIssued':
      return `${String(p.reason ?? '')}. ${due(p.dueBefore, p.newDueLocal)}`;
    case 'refused':
    case 'processingStopped':
      return Array.isArray(p.reasons) ? p.reasons.join('; ') : '';
    default:
      return typeof p.reason === 'string' ? p.reason : typeof p.note === 'string' ? p.note : '';
  }
}

function title(entry: HistoryEntry): string {
  if (isLifecycleEventType(entry.type)) return text.lifecycle[entry.type];
  return uiText.dossierStatus[entry.status as keyof typeof uiText.dossierStatus] ?? entry.type;
}

/** The dossier's history, whoever recorded each step at whichever counter (issue 14 §2). */
export function DossierHistory({ dossierId, version }: { dossierId: string; version: number }) {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.dossier.history({ id: dossierId }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setEntries(result.value);
        setError(null);
      } else {
        setError(result.error.message);
      }
    });
    return () => {
      live = false;
    };
  }, [dossierId, version]);

  return (
    <div data-testid="dossier-history">
      <Typography.Title level={5}>{text.history}</Typography.Title>
      <ErrorAlert message={error} />
      {entries.length === 0 ? (
        <Typography.Text type="secondary">{text.historyEmpty}</Typography.Text>
      ) : (
        <Timeline
          items={entries.map((entry) => ({
            key: entry.id,
            children: (
              <div data-testid={`history-${entry.type}`}>
                <Typography.Text strong>{title(entry)}</Typography.Text> <StatusTag status={entry.status} />
                <div>
                  <Typography.Text type="secondary">
                    {formatDateTime(entry.at)} — {entry.actorName}
                  </Typography.Text>
                </div>
                {detail(entry) && <div>{detail(entry)}</div>}
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}
