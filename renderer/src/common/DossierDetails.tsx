import { Descriptions, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { resultSourceLabel } from '../../../shared/digitize/reuse';
import { formatMessage, uiText } from '../../../shared/i18n/vi';
import type { DossierComponentView, DossierView, FeeRecord, Party } from '../../../shared/reception/dossier-view';
import { formatLocalDate, formatLocalDateTime, formatMoney } from './local-format';

type StatusCode = keyof typeof uiText.dossierStatus;

const STATUS_COLORS: Record<StatusCode, string> = {
  1: 'default',
  2: 'blue',
  3: 'red',
  4: 'processing',
  5: 'orange',
  6: 'orange',
  7: 'default',
  8: 'red',
  9: 'cyan',
  10: 'green',
};

export function statusLabel(status: number): string {
  return uiText.dossierStatus[status as StatusCode] ?? String(status);
}

export function StatusTag({ status }: { status: number }) {
  return (
    <Tag color={STATUS_COLORS[status as StatusCode] ?? 'default'} data-testid="dossier-status">
      {statusLabel(status)}
    </Tag>
  );
}

function partyLines(party: Party): string {
  const text = uiText.party;
  const parts = [party.fullName];
  if (party.idNumber) parts.push(`${text.idNumber}: ${party.idNumber}`);
  if (party.taxCode) parts.push(`${text.taxCode}: ${party.taxCode}`);
  if (party.dateOfBirth) parts.push(`${text.dateOfBirth}: ${formatLocalDate(party.dateOfBirth)}`);
  if (party.phone) parts.push(`${text.phone}: ${party.phone}`);
  if (party.address) parts.push(party.address);
  return parts.join(' · ');
}

const componentColumns: TableColumnsType<DossierComponentView> = [
  {
    title: uiText.dossierView.component,
    key: 'name',
    render: (_, c) => (
      <span>
        {c.name} {c.required && <Tag color="red">{uiText.reception.required}</Tag>}
      </span>
    ),
  },
  {
    title: uiText.dossierView.componentState,
    key: 'state',
    width: 200,
    render: (_, c) => (
      <Flex vertical>
        <span>{uiText.reception.componentStates[c.state]}</span>
        {c.state === 'attached' && (
          <Typography.Text type="secondary">{formatMessage(uiText.reception.fileCount, { count: c.pageCount })}</Typography.Text>
        )}
        {c.reuseRef && (
          <Typography.Text type="secondary">
            {c.digitization === 'reusedFromResult'
              ? formatMessage(uiText.digitize.reuse.fromResult, { code: resultSourceLabel(c.reuseRef) })
              : c.reuseRef}
          </Typography.Text>
        )}
        {c.waiveReason && <Typography.Text type="secondary">{c.waiveReason}</Typography.Text>}
      </Flex>
    ),
  },
];

const feeColumns: TableColumnsType<FeeRecord> = [
  { title: uiText.dossierView.fee, key: 'name', render: (_, f) => `${uiText.reception.feeKinds[f.kind]}: ${f.name}` },
  { title: uiText.dossierView.amount, key: 'amount', width: 140, render: (_, f) => formatMoney(f.amount) },
  {
    title: uiText.dossierView.feeStatus,
    key: 'status',
    width: 180,
    render: (_, f) =>
      [uiText.reception.feeStatus[f.status], f.method && uiText.reception.feeMethods[f.method], f.receiptNumber]
        .filter(Boolean)
        .join(' · '),
  },
];

/** A dossier as received, for the return and look-up screens. */
export function DossierDetails({ dossier }: { dossier: DossierView }) {
  const text = uiText.dossierView;
  const returnMethod =
    dossier.returnMethod === 'post' && dossier.returnAddress
      ? `${uiText.reception.returnMethods.post}: ${dossier.returnAddress}`
      : uiText.reception.returnMethods[dossier.returnMethod];
  return (
    <Flex vertical gap={16} data-testid="dossier-details">
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="dossier-code" copyable>
          {dossier.code}
        </Typography.Title>
        <StatusTag status={dossier.status} />
      </Flex>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'procedure', label: text.procedure, children: `${dossier.procedure.name} (${dossier.procedure.code})` },
          { key: 'owner', label: text.owner, children: partyLines(dossier.owner) },
          ...(dossier.submitter ? [{ key: 'submitter', label: text.submitter, children: partyLines(dossier.submitter) }] : []),
          { key: 'received', label: text.receivedAt, children: formatLocalDateTime(dossier.receivedLocal) },
          {
            key: 'due',
            label: text.dueAt,
            children: dossier.dueLocal ? formatLocalDateTime(dossier.dueLocal) : uiText.reception.dueNone,
          },
          { key: 'channel', label: text.channel, children: uiText.reception.channels[dossier.channel] },
          { key: 'return', label: text.returnMethod, children: returnMethod },
          { key: 'officer', label: text.officer, children: dossier.officer.fullName },
          {
            key: 'register',
            label: text.register,
            children: formatMessage(text.registerEntry, { book: dossier.register.book, number: dossier.register.number }),
          },
          ...(dossier.returnedAt
            ? [
                {
                  key: 'returned',
                  label: text.returned,
                  children: `${formatLocalDateTime(dossier.returnedAt)} · ${dossier.returnedTo ?? ''}`,
                },
              ]
            : []),
          ...(dossier.note ? [{ key: 'note', label: text.note, children: dossier.note }] : []),
        ]}
      />
      <Table<DossierComponentView>
        rowKey="code"
        size="small"
        pagination={false}
        columns={componentColumns}
        dataSource={dossier.components}
        title={() => text.components}
      />
      {dossier.fees.length > 0 && (
        <Table<FeeRecord>
          rowKey={(f) => `${f.kind}-${f.name}`}
          size="small"
          pagination={false}
          columns={feeColumns}
          dataSource={dossier.fees}
          title={() => text.fees}
        />
      )}
    </Flex>
  );
}
