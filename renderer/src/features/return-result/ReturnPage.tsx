import { CheckCircleOutlined, ScanOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, Input, Modal, Row, Space, type InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import type { DossierView } from '../../../../shared/reception/dossier-view';
import { PARTY_NAME_MAX_LENGTH } from '../../../../shared/reception/limits';
import { api } from '../../api';
import { DossierDetails, statusLabel } from '../../common/DossierDetails';
import { ErrorAlert } from '../../common/ErrorAlert';
import { required } from '../../common/form-rules';
import { formatLocalDateTime } from '../../common/local-format';
import { classifyScan, excerpt } from '../../common/scan-routing';
import { useWedgeScanner } from '../../common/wedge-scanner';
import { useReaderScans } from '../devices/use-reader-scans';
import { useWedgeSettings } from '../devices/use-wedge-settings';
import { ResultDocuments, type ResultDocument } from './ResultDocuments';

interface CollectorForm {
  collectorName: string;
  collectorIdNumber?: string;
  note?: string;
}

const text = uiText.returnResult;
/** Statuses from which a result can be handed over (the core decides; this only shapes the screen). */
const RETURNABLE = new Set([2, 4, 9]);

function CollectorPanel({ dossier, onReturned }: { dossier: DossierView; onReturned: (dossier: DossierView) => void }) {
  const [form] = Form.useForm<CollectorForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ type: 'success' | 'warning' | 'error'; text: string } | null>(null);
  const [results, setResults] = useState<ResultDocument[]>([]);
  const [storing, setStoring] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  // The person collecting shows their card: a scan into this panel fills name and ID number.
  useWedgeScanner(panel, ({ text: scanned }) => {
    const scan = classifyScan(scanned);
    if (scan.kind !== 'cccd') {
      const reason = scan.kind === 'cccdRejected' ? scan.error.message : formatMessage(text.notACard, { excerpt: excerpt(scanned) });
      return setNotice({ type: 'error', text: reason });
    }
    const { sure, toConfirm } = scan.value;
    const nameDoubt = toConfirm.find((item) => item.field === 'fullName');
    form.setFieldsValue({ collectorName: sure.fullName ?? nameDoubt?.guess ?? '', collectorIdNumber: sure.idNumber });
    setNotice(
      nameDoubt
        ? { type: 'warning', text: nameDoubt.message }
        : { type: 'success', text: formatMessage(text.collectorScanned, { name: sure.fullName ?? '' }) },
    );
  });

  // The core holds back a dossier the back office has not settled, or one without a result, until the
  // officer confirms with a reason (issue 13 point 8); the question comes from its answer.
  const [doubt, setDoubt] = useState<{ values: CollectorForm; message: string } | null>(null);

  async function confirm(values: CollectorForm, confirmUnsettled: { reason: string } | null = null) {
    setBusy(true);
    const result = await api.dossier.markReturned({
      dossierId: dossier.id,
      collectorName: values.collectorName,
      collectorIdNumber: values.collectorIdNumber?.trim() || null,
      note: values.note ?? '',
      results,
      confirmUnsettled,
    });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'RETURN_NEEDS_CONFIRMATION' && confirmUnsettled === null) {
        setError(null);
        return setDoubt({ values, message: result.error.message });
      }
      return setError(result.error.message);
    }
    setError(null);
    setDoubt(null);
    onReturned(result.value);
  }

  return (
    <Card title={text.collector} size="small" ref={panel} data-testid="collector-panel">
      <ResultDocuments
        defaultName={formatMessage(text.defaultResultName, { procedure: dossier.procedure.name })}
        value={results}
        onChange={setResults}
        onBusyChange={setStoring}
      />
      <ErrorAlert message={error} />
      {notice && <Alert type={notice.type} showIcon title={notice.text} style={{ marginBottom: 12 }} data-testid="collector-notice" />}
      <Form<CollectorForm> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void confirm(values)} name="collector">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="collectorName" label={text.collectorName} rules={[required(text.collectorName)]}>
              <Input maxLength={PARTY_NAME_MAX_LENGTH} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="collectorIdNumber"
              label={text.collectorId}
              rules={[{ pattern: /^\d{12}$/, message: uiText.party.idNumberInvalid }]}
            >
              <Input maxLength={12} inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={text.note}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={1000} />
        </Form.Item>
        <Flex gap={8} wrap justify="space-between">
          <Button
            icon={<UserOutlined />}
            onClick={() => form.setFieldsValue({ collectorName: dossier.owner.fullName, collectorIdNumber: dossier.owner.idNumber ?? '' })}
          >
            {text.collectorIsOwner}
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            icon={<CheckCircleOutlined />}
            loading={busy}
            disabled={storing}
            data-testid="return-confirm"
          >
            {text.confirm}
          </Button>
        </Flex>
        <Alert type="info" title={text.collectorScanHint} style={{ marginTop: 12 }} />
      </Form>
      {doubt && (
        <ConfirmUnsettled
          message={doubt.message}
          busy={busy}
          onCancel={() => setDoubt(null)}
          onConfirm={(reason) => void confirm(doubt.values, { reason })}
        />
      )}
    </Card>
  );
}

function ConfirmUnsettled({
  message,
  busy,
  onCancel,
  onConfirm,
}: {
  message: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={text.confirmTitle}
      okText={text.confirmOk}
      okButtonProps={{ danger: true, loading: busy, ...{ 'data-testid': 'return-confirm-unsettled' } }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={message} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={({ reason }) => onConfirm(reason.trim())}>
        <Form.Item
          name="reason"
          label={text.confirmReason}
          rules={[{ required: true, whitespace: true, message: text.confirmReasonRequired }]}
        >
          <Input.TextArea
            autoFocus
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={1000}
            showCount
            data-testid="return-unsettled-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Handing the result back (docs/architecture.md §1): the citizen's receipt is scanned (or its code typed), the
 * dossier opens, the collector is recorded and the dossier is marked returned.
 */
export function ReturnPage({ initialCode, onInitialCodeUsed }: { initialCode: string | null; onInitialCodeUsed: () => void }) {
  const [code, setCode] = useState('');
  const [dossier, setDossier] = useState<DossierView | null>(null);
  const [returned, setReturned] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scanBox = useRef<HTMLDivElement>(null);
  const input = useRef<InputRef>(null);

  const open = useCallback(async (scanned: string) => {
    if (!scanned.trim()) return;
    setBusy(true);
    const result = await api.dossier.openByScan({ scanned });
    setBusy(false);
    setReturned(false);
    if (!result.ok) {
      setDossier(null);
      setError(result.error.message);
      return;
    }
    setError(null);
    setDossier(result.value);
    setCode(result.value.code);
  }, []);

  useEffect(() => {
    if (!initialCode) return;
    setCode(initialCode);
    void open(initialCode);
    onInitialCodeUsed();
  }, [initialCode, open, onInitialCodeUsed]);

  // The reader's Enter would open the dossier anyway; the scanner opens it once, from the field's final text.
  useWedgeScanner(scanBox, ({ text: scanned }) => void open(scanned), { ...useWedgeSettings(), restoreField: false });
  // A receipt QR read by a HID-POS or serial reader opens the dossier the same way.
  useReaderScans((scan) => {
    if (scan.kind === 'dossierCode') void open(scan.text);
  });

  function next() {
    setDossier(null);
    setReturned(false);
    setError(null);
    setCode('');
    input.current?.focus();
  }

  const returnable = dossier !== null && RETURNABLE.has(dossier.status);

  return (
    <Flex vertical gap={16}>
      <Card title={text.title}>
        <div ref={scanBox}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              ref={input}
              size="large"
              autoFocus
              autoComplete="off"
              prefix={<ScanOutlined />}
              value={code}
              placeholder={text.scanPlaceholder}
              aria-label={text.scanLabel}
              data-testid="return-scan"
              onChange={(event) => setCode(event.target.value)}
              onPressEnter={() => void open(code)}
            />
            <Button
              size="large"
              type="primary"
              icon={<SearchOutlined />}
              loading={busy}
              onClick={() => void open(code)}
              data-testid="return-open"
            >
              {text.open}
            </Button>
          </Space.Compact>
        </div>
        <div style={{ marginTop: error ? 16 : 0 }}>
          <ErrorAlert message={error} />
        </div>
      </Card>
      {dossier && (
        <Row gutter={16} align="top">
          <Col xs={24} lg={12} xl={14}>
            <Card size="small">
              <DossierDetails dossier={dossier} />
            </Card>
          </Col>
          <Col xs={24} lg={12} xl={10}>
            {returned ? (
              <Alert
                type="success"
                showIcon
                data-testid="return-done"
                title={formatMessage(text.done, { code: dossier.code, collector: dossier.returnedTo ?? '' })}
                action={
                  <Button onClick={next} data-testid="return-next">
                    {text.next}
                  </Button>
                }
              />
            ) : dossier.status === 10 ? (
              <Alert
                type="warning"
                showIcon
                data-testid="return-already"
                title={formatMessage(text.alreadyReturned, {
                  at: formatLocalDateTime(dossier.returnedAt),
                  to: dossier.returnedTo ?? '',
                })}
              />
            ) : returnable ? (
              <CollectorPanel
                key={dossier.id}
                dossier={dossier}
                onReturned={(updated) => {
                  setDossier(updated);
                  setReturned(true);
                }}
              />
            ) : (
              <Alert type="warning" showIcon title={formatMessage(text.notReturnable, { status: statusLabel(dossier.status) })} />
            )}
          </Col>
        </Row>
      )}
    </Flex>
  );
}
