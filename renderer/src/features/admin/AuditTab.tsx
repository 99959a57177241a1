import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, AuditVerification } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { describeAuditVerification } from '../../common/audit-verification';
import { ErrorAlert } from '../../common/ErrorAlert';
import { auditSubjectLabel, auditTime } from './audit-labels';

const PAGE_SIZE = 100;

function actionName(action: string): string {
  const names: Record<string, string> = uiText.audit.actions;
  return names[action] ?? action;
}

const newestFirst = (a: AuditEntry, b: AuditEntry) => b.seq - a.seq;

const columns: TableColumnsType<AuditEntry> = [
  { title: uiText.audit.seq, dataIndex: 'seq', key: 'seq', width: 80 },
  { title: uiText.audit.time, key: 'at', render: (_, entry) => auditTime(entry.at) },
  { title: uiText.audit.actor, dataIndex: 'actorUsername', key: 'actor' },
  { title: uiText.audit.action, key: 'action', render: (_, entry) => actionName(entry.action) },
  { title: uiText.audit.subject, key: 'subject', render: (_, entry) => auditSubjectLabel(entry.subject) },
];

export function AuditTab() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  const loadPage = useCallback(async (beforeSeq?: number) => {
    setLoading(true);
    const result = await api.audit.list(beforeSeq === undefined ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, beforeSeq });
    setLoading(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setHasOlder(result.value.length === PAGE_SIZE);
    setEntries((previous) => [...(beforeSeq === undefined ? [] : previous), ...result.value].sort(newestFirst));
  }, []);

  useEffect(() => {
    void loadPage();
  }, [loadPage]);

  async function verify() {
    setVerifying(true);
    const result = await api.audit.verify();
    setVerifying(false);
    if (result.ok) {
      setVerification(result.value);
      setError(null);
    } else {
      setError(result.error.message);
    }
  }

  const oldestSeq = entries.at(-1)?.seq;

  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 16 }}>
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          onClick={() => void verify()}
          loading={verifying}
          data-testid="audit-verify"
        >
          {uiText.audit.verify}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setVerification(null);
            void loadPage();
          }}
        >
          {uiText.common.refresh}
        </Button>
      </Flex>
      {verification && (
        <Alert
          type={verification.ok ? 'success' : 'error'}
          showIcon
          title={describeAuditVerification(verification)}
          data-testid="audit-verification"
          style={{ marginBottom: 16 }}
        />
      )}
      <ErrorAlert message={error} />
      <Table<AuditEntry>
        rowKey="seq"
        columns={columns}
        dataSource={entries}
        loading={loading}
        pagination={false}
        size="small"
        data-testid="audit-table"
      />
      {hasOlder && oldestSeq !== undefined && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void loadPage(oldestSeq)} loading={loading}>
            {uiText.audit.loadOlder}
          </Button>
        </Flex>
      )}
    </>
  );
}
