import { PlusOutlined, PrinterOutlined, ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Input, Result, Row, Spin, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PrintResult } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import type { DossierView } from '../../../../shared/reception/dossier-view';
import { api } from '../../api';
import { formatLocalDateTime } from '../../common/local-format';
import { PdfViewer } from '../../common/PdfViewer';
import { shortcutHint, useShortcut } from '../../common/shortcuts';
import { setFieldValue } from '../../common/wedge-scanner';
import { SigningCard } from '../digitization/SigningCard';

const text = uiText.reception;

/**
 * The citizen is waiting for the receipt, so it is made the moment the dossier is accepted. A
 * failed print leaves the job owed in the core's queue; the officer can retry here or from Tra cứu.
 */
export function AcceptedPanel({
  dossier,
  notice = null,
  active,
  onNext,
  nextLabel,
  onNextScanned,
}: {
  dossier: DossierView;
  /** The online receipt went unsigned or unsent: said here, where the officer stays while the receipt prints. */
  notice?: string | null;
  active: boolean;
  onNext: () => void;
  /** What the next step is called when it is not a new dossier (back to the online queue). */
  nextLabel?: string;
  /** A scan typed into the next-citizen field (a reader too slow to be told from typing, or a paste). */
  onNextScanned: (scanned: string) => void;
}) {
  const [printed, setPrinted] = useState<PrintResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  const print = useCallback(async () => {
    setBusy(true);
    setError(null);
    const result = await api.print.receipt({ dossierId: dossier.id });
    setBusy(false);
    if (result.ok) setPrinted(result.value);
    else setError(result.error.message);
  }, [dossier.id]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void print();
  }, [print]);

  // "In" sends the receipt to the counter's form printer again (silently in Electron, docs/architecture.md §6).
  // Reprint policy: copies made here, while the citizen is still at the counter, are the delivery of
  // the first print (a jam, a printer that was off), audited as prints; once the officer has moved
  // on, another copy is a reprint, from Tra cứu, by a supervisor with a reason (print.reprintReceipt).
  useShortcut('printReceipt', () => void print(), active && !busy);

  const printButton = (
    <Tooltip title={shortcutHint('printReceipt')}>
      <Button size="large" icon={<PrinterOutlined />} onClick={() => void print()} loading={busy} data-testid="print-receipt">
        {text.printReceiptNow}
      </Button>
    </Tooltip>
  );

  return (
    <Card data-testid="accepted-panel">
      {/* The receipt beside what was accepted, so the preview starts on screen next to its "In" button. */}
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          <Result
            status="success"
            title={text.accepted}
            style={{ paddingBlock: 8 }}
            subTitle={
              <Flex vertical align="center" gap={4}>
                <Typography.Text type="secondary">{text.dossierCode}</Typography.Text>
                <Typography.Text strong copyable style={{ fontSize: 24, letterSpacing: 1 }} data-testid="accepted-code">
                  {dossier.code}
                </Typography.Text>
              </Flex>
            }
            extra={
              <Flex vertical align="center" gap={12}>
                <Flex gap={8} wrap justify="center">
                  <Tooltip title={shortcutHint('newDossier')}>
                    <Button type="primary" size="large" icon={<PlusOutlined />} onClick={onNext} data-testid="reception-next">
                      {nextLabel ?? text.newDossier}
                    </Button>
                  </Tooltip>
                  {printButton}
                </Flex>
                {/* A reader ends its code with Enter; the wedge detector takes fast bursts before that. */}
                <Input
                  autoFocus
                  autoComplete="off"
                  prefix={<ScanOutlined />}
                  placeholder={text.nextScanHint}
                  aria-label={text.nextScanLabel}
                  data-testid="next-scan"
                  style={{ maxWidth: 480 }}
                  onPressEnter={(event) => {
                    event.preventDefault();
                    const field = event.currentTarget;
                    const scanned = field.value.trim();
                    setFieldValue(field, '');
                    if (scanned) onNextScanned(scanned);
                  }}
                />
              </Flex>
            }
          />
          {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="accepted-form-notice" />}
          {/* The batch is signed while the citizen waits (docs/devices.md §7). */}
          <SigningCard dossierId={dossier.id} />
          <Descriptions
            bordered
            size="small"
            column={1}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'owner', label: uiText.dossierView.owner, children: dossier.owner.fullName },
              {
                key: 'due',
                label: uiText.dossierView.dueAt,
                children: (
                  <Typography.Text strong data-testid="accepted-due">
                    {dossier.dueLocal ? formatLocalDateTime(dossier.dueLocal) : text.dueNone}
                  </Typography.Text>
                ),
              },
              { key: 'procedure', label: uiText.dossierView.procedure, children: dossier.procedure.name },
              { key: 'received', label: uiText.dossierView.receivedAt, children: formatLocalDateTime(dossier.receivedLocal) },
            ]}
          />
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {text.receipt}
          </Typography.Title>
          {busy && <Spin description={text.printingReceipt} />}
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              action={
                <Button icon={<PrinterOutlined />} onClick={() => void print()}>
                  {uiText.common.retry}
                </Button>
              }
            />
          )}
          {printed && <PdfViewer result={printed} title={text.receipt} fileName={`giay-tiep-nhan-${dossier.code}.pdf`} />}
        </Col>
      </Row>
    </Card>
  );
}
