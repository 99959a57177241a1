import { Alert, App, Button, Card, Col, Flex, Form, Row, Spin, Typography, type InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import { uiText } from '../../../../shared/i18n/vi';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatDuration } from '../../common/local-format';
import { useShortcut } from '../../common/shortcuts';
import { useWedgeScanner } from '../../common/wedge-scanner';
import { useReaderScans } from '../devices/use-reader-scans';
import { useWedgeSettings } from '../devices/use-wedge-settings';
import { AcceptedPanel } from './AcceptedPanel';
import { ApplicantCard } from './ApplicantCard';
import { ComponentsCard, FeesCard } from './ComponentsCard';
import { DeliveryCard } from './DeliveryCard';
import { ProcedurePicker } from './ProcedurePicker';
import { applicantOf, draftHasData, INITIAL_FORM, type ReceptionFormValues } from './reception-state';
import { ReceptionSummary } from './ReceptionSummary';
import { RefusalModal } from './RefusalModal';
import { SequenceBanner } from './SequenceBanner';
import { SiteMissing } from './SiteMissing';
import { SupplementModal } from './SupplementModal';
import { useReadiness } from './use-readiness';
import { useReception, type OnlineSource } from './use-reception';

const text = uiText.reception;

/**
 * Receiving a dossier at the counter (docs/architecture.md): procedure → applicant (card scan) →
 * checklist → fees → delivery → check → accept and the receipt. The page stays mounted while the
 * officer looks elsewhere, so a half-received dossier survives a trip to Tra cứu. The dossier
 * being received lives in the state machine of reception-state.ts; this page only lays it out.
 */
export function ReceptionPage({
  active,
  isAdmin,
  onOpenReturn,
  onOpenAdmin,
  online,
  onOnlineDone,
}: {
  active: boolean;
  isAdmin: boolean;
  onOpenReturn: (code: string) => void;
  onOpenAdmin: () => void;
  /** A claimed online dossier to receive (OnlineQueuePage); `onOnlineDone` goes back to the queue. */
  online?: OnlineSource;
  onOnlineDone?: () => void;
}) {
  const [form] = Form.useForm<ReceptionFormValues>();
  const readiness = useReadiness(active);
  const reception = useReception({ form, active, online, onAcceptAttempted: () => void readiness.refresh() });
  const { state } = reception;
  const root = useRef<HTMLDivElement>(null);
  const scanField = useRef<InputRef>(null);
  const ready = readiness.data?.state === 'ready' && readiness.error === null;
  // An online dossier's form is for that dossier only: what would start the next citizen goes back to the queue.
  const startNext = onOnlineDone ?? reception.startNext;
  const scanIntoNext = onOnlineDone ? () => onOnlineDone() : reception.scanIntoNext;

  // Back from another area, the focus is on the menu; a card scanned now would go nowhere.
  useEffect(() => {
    if (active && ready && !root.current?.contains(document.activeElement)) scanField.current?.focus();
  }, [active, ready]);

  // Enabled only once the form is on screen: the watched element must exist when the hook attaches.
  const scanning = active && !state.accepted && ready;
  const wedge = useWedgeSettings();
  useWedgeScanner(root, ({ text: scanned, field }) => reception.handleScan(scanned, field), { ...wedge, enabled: scanning });
  // On the success screen a scan is the next citizen's card: it starts the next dossier with them.
  const acceptedRoot = useRef<HTMLDivElement>(null);
  const nextScanning = active && state.accepted !== null;
  useWedgeScanner(acceptedRoot, ({ text: scanned }) => scanIntoNext(scanned), { ...wedge, enabled: nextScanning });
  // HID-POS and serial readers: the same handling, with the focused field deciding whose card it is.
  useReaderScans((scan) => reception.handleScan(scan.text, document.activeElement), scanning);
  useReaderScans((scan) => scanIntoNext(scan.text), nextScanning);

  const { modal } = App.useApp();
  async function discardDraft() {
    await reception.startOver();
    if (onOnlineDone) onOnlineDone();
    else scanField.current?.focus();
  }
  function startOver() {
    if (!draftHasData(state, reception.scanSession.pages.length)) return void discardDraft();
    modal.confirm({
      title: text.startOverTitle,
      content: text.startOverContent,
      okText: text.startOverOk,
      okButtonProps: { danger: true, 'data-testid': 'start-over-confirm' },
      cancelText: uiText.common.cancel,
      onOk: discardDraft,
    });
  }
  const onForm = active && ready && !state.accepted;
  useShortcut('newDossier', state.accepted ? startNext : startOver, active && ready);
  useShortcut('focusCard', () => scanField.current?.focus(), onForm);
  useShortcut('check', () => void reception.check(), onForm && state.procedure !== null);
  useShortcut('accept', () => void reception.accept(), onForm && state.procedure !== null);

  async function pickProcedure(code: string) {
    await reception.pickProcedure(code);
    scanField.current?.focus();
  }

  if (readiness.error !== null) return <ErrorAlert message={readiness.error} />;
  if (readiness.data === null) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" description={uiText.common.loading} />
      </Flex>
    );
  }
  if (readiness.data.state === 'siteMissing') {
    return <SiteMissing isAdmin={isAdmin} onOpenAdmin={onOpenAdmin} onRefresh={() => void readiness.refresh()} />;
  }
  if (state.accepted)
    return (
      <div ref={acceptedRoot}>
        <AcceptedPanel
          dossier={state.accepted}
          notice={state.acceptedNotice}
          onNext={startNext}
          nextLabel={online ? text.online.back : undefined}
          onNextScanned={scanIntoNext}
          active={active}
        />
      </div>
    );

  const { site, sequence, sequenceError } = readiness.data;
  const { procedure } = state;
  const applicant = applicantOf(state);
  return (
    <div ref={root} data-testid="reception-page">
      <Flex vertical gap={12} style={{ marginBottom: 12 }}>
        {sequence && <SequenceBanner sequence={sequence} />}
        {sequenceError && <Alert type="error" showIcon title={sequenceError} />}
        {online && (
          <Alert
            type="info"
            showIcon
            title={text.online.banner}
            action={<Button onClick={onOnlineDone}>{text.online.back}</Button>}
            data-testid="online-reception-banner"
          />
        )}
      </Flex>
      {/* From 992 px the summary stays beside the form and sticks under the header while the form scrolls,
          so the due date and the accept button are on screen at 1024×768 (issue 13 point 5). */}
      <Row gutter={16} align="stretch">
        <Col xs={24} lg={16} xl={17}>
          <Form<ReceptionFormValues>
            form={form}
            component={false}
            layout="vertical"
            requiredMark
            initialValues={INITIAL_FORM}
            onValuesChange={reception.formEdited}
            name="reception"
          >
            <Flex vertical gap={16}>
              <Card title={text.steps.procedure} size="small">
                <ProcedurePicker selected={procedure} onPick={(code) => void pickProcedure(code)} />
                <ErrorAlert message={state.procedureError} />
                {procedure && (
                  <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="procedure-summary">
                    {procedure.code} · {procedure.sectorName} · {formatDuration(procedure.duration)}
                  </Typography.Paragraph>
                )}
              </Card>
              <ApplicantCard reception={reception} scanField={scanField} onOpenReturn={onOpenReturn} />
              <ComponentsCard reception={reception} />
              <FeesCard reception={reception} />
              <DeliveryCard returnMethod={state.form.returnMethod} fixedChannel={online ? state.form.channel : undefined} />
            </Flex>
          </Form>
        </Col>
        <Col xs={24} lg={8} xl={7}>
          <div style={{ position: 'sticky', top: 16 }} data-testid="reception-side">
            <ReceptionSummary reception={reception} sequenceEmpty={sequence?.remaining === 0} onStartOver={startOver} />
          </div>
        </Col>
      </Row>
      {procedure && (
        <>
          <SupplementModal
            open={state.modal === 'supplement'}
            procedureCode={procedure.code}
            applicant={applicant}
            missing={state.missing ?? []}
            contactPhone={site.hotline}
            onClose={() => reception.openModal(null)}
          />
          <RefusalModal
            open={state.modal === 'refusal'}
            procedureCode={procedure.code}
            applicant={applicant}
            onClose={() => reception.openModal(null)}
          />
        </>
      )}
    </div>
  );
}
