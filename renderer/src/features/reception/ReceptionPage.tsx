import { CheckCircleOutlined, FileSearchOutlined, ReloadOutlined, ScanOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Segmented,
  Spin,
  Typography,
  type InputRef,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Procedure } from '../../../../shared/catalog/procedure';
import type { CccdField, CccdLenientValue } from '../../../../shared/domain/cccd';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import type { DossierComponentView, DossierView } from '../../../../shared/reception/dossier-view';
import type { ReceptionDraftInput } from '../../../../shared/reception/draft';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatDuration, formatLocalDate, formatLocalDateTime } from '../../common/local-format';
import { classifyScan, excerpt } from '../../common/scan-routing';
import { setFieldValue, useWedgeScanner } from '../../common/wedge-scanner';
import { useReaderScans } from '../devices/use-reader-scans';
import { useWedgeSettings } from '../devices/use-wedge-settings';
import { AcceptedPanel } from './AcceptedPanel';
import { ChecklistPanel, componentInput, emptyEntry, type ComponentEntry } from './ChecklistPanel';
import dayjs from 'dayjs';
import { FieldSuggestions } from '../digitization/FieldSuggestions';
import { ReusePicker } from '../digitization/ReusePicker';
import { ScanBar } from '../digitization/ScanBar';
import { useScanSession } from '../digitization/use-scan-session';
import { FeesPanel, initialFee, type FeeEntry } from './FeesPanel';
import {
  fillEmpty,
  fromCccd,
  fromParty,
  toPartyInput,
  type PartyFormValues,
  type PartyKind,
  type PartyRole,
  type ToConfirm,
} from './party-form';
import { PartyFields } from './PartyFields';
import { ProcedurePicker } from './ProcedurePicker';
import { RefusalModal } from './RefusalModal';
import { SupplementModal } from './SupplementModal';

interface ReceptionForm {
  owner: PartyFormValues;
  hasSubmitter: boolean;
  submitter: PartyFormValues;
  channel: 'direct' | 'post';
  returnMethod: 'counter' | 'post';
  returnAddress?: string;
  setsCount?: number;
  note?: string;
}

const INITIAL_VALUES: ReceptionForm = {
  owner: { kind: 'citizen' },
  hasSubmitter: false,
  submitter: { kind: 'citizen' },
  channel: 'direct',
  returnMethod: 'counter',
  setsCount: 1,
  note: '',
};

type Site = ChannelOutput<'site.get'>;
type SequenceToday = ChannelOutput<'sequence.status'>['today'];

type Readiness =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'siteMissing' }
  | { state: 'ready'; site: Site; sequence: SequenceToday | null; sequenceError: string | null };

type ScanNotice = { type: 'success' | 'warning' | 'error' | 'info'; text: string; dossierCode?: string };

const text = uiText.reception;
const NO_DOUBTS: Record<PartyRole, ToConfirm> = { owner: {}, submitter: {} };
/** The side panel is narrow; long Vietnamese button labels wrap instead of spilling out. */
const WRAPPING = { whiteSpace: 'normal', height: 'auto', paddingBlock: 4 } as const;

function SequenceBanner({ sequence }: { sequence: SequenceToday }) {
  const params = { date: formatLocalDate(sequence.date), remaining: sequence.remaining, total: sequence.total };
  if (sequence.remaining === 0) {
    return <Alert type="error" showIcon title={formatMessage(text.sequenceEmpty, params)} data-testid="sequence-banner" />;
  }
  if (!sequence.low) return null;
  return <Alert type="warning" showIcon title={formatMessage(text.sequenceLow, params)} data-testid="sequence-banner" />;
}

/**
 * Receiving a dossier at the counter (DESIGN §1): procedure → applicant (card scan) → checklist →
 * fees → delivery → check → accept and the receipt. The page stays mounted while the officer
 * looks elsewhere, so a half-received dossier survives a trip to Tra cứu.
 */
export function ReceptionPage({
  active,
  isAdmin,
  onOpenReturn,
  onOpenAdmin,
}: {
  active: boolean;
  isAdmin: boolean;
  onOpenReturn: (code: string) => void;
  onOpenAdmin: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReceptionForm>();
  const ownerKind = Form.useWatch(['owner', 'kind'], form) ?? 'citizen';
  const hasSubmitter = Form.useWatch('hasSubmitter', form) ?? false;
  const returnMethod = Form.useWatch('returnMethod', form) ?? 'counter';

  const [readiness, setReadiness] = useState<Readiness>({ state: 'loading' });
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [procedureError, setProcedureError] = useState<string | null>(null);
  const [due, setDue] = useState<ChannelOutput<'reception.dueDate'> | null>(null);
  const [entries, setEntries] = useState<Record<string, ComponentEntry>>({});
  const [fees, setFees] = useState<FeeEntry[]>([]);
  const [toConfirm, setToConfirm] = useState<Record<PartyRole, ToConfirm>>(NO_DOUBTS);
  const [scanNotice, setScanNotice] = useState<ScanNotice | null>(null);
  const [missing, setMissing] = useState<DossierComponentView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'accept' | null>(null);
  const [accepted, setAccepted] = useState<DossierView | null>(null);
  const [modal, setModal] = useState<'supplement' | 'refusal' | null>(null);

  const root = useRef<HTMLDivElement>(null);
  const scanField = useRef<InputRef>(null);
  const lastLookup = useRef<Record<PartyRole, string>>({ owner: '', submitter: '' });

  const loadReadiness = useCallback(async () => {
    const site = await api.site.get();
    if (!site.ok) return setReadiness({ state: 'failed', message: site.error.message });
    if (!site.value.configured) return setReadiness({ state: 'siteMissing' });
    const sequence = await api.sequence.status();
    setReadiness({
      state: 'ready',
      site: site.value,
      sequence: sequence.ok ? sequence.value.today : null,
      sequenceError: sequence.ok ? null : sequence.error.message,
    });
  }, []);

  useEffect(() => {
    if (active) void loadReadiness();
  }, [active, loadReadiness]);

  // Back from another area, the focus is on the menu; a card scanned now would go nowhere.
  useEffect(() => {
    if (active && readiness.state === 'ready' && !root.current?.contains(document.activeElement)) scanField.current?.focus();
  }, [active, readiness.state]);

  const procedureCode = procedure?.code ?? null;
  const scanSession = useScanSession(accepted ? null : procedureCode);
  const ownerIdNumber = Form.useWatch(['owner', 'idNumber'], form) as string | undefined;
  /**
   * The preview is asked for when the officer does something, never on a timer: every call counts
   * as activity for the idle screen lock, and a poll would keep an abandoned counter unlocked.
   */
  const refreshDue = useCallback(async () => {
    if (!procedureCode) return;
    const result = await api.reception.dueDate({ procedureCode });
    setDue(result.ok ? result.value : null);
  }, [procedureCode]);

  useEffect(() => {
    if (active && !accepted) void refreshDue();
  }, [active, accepted, refreshDue]);

  async function pickProcedure(code: string) {
    const result = await api.catalog.get({ code });
    if (!result.ok) return setProcedureError(result.error.message);
    setProcedureError(null);
    setProcedure(result.value);
    setEntries(Object.fromEntries(result.value.components.map((c) => [c.code, emptyEntry()])));
    setFees(result.value.fees.map(initialFee));
    setMissing(null);
    setProblem(null);
    scanField.current?.focus();
  }

  const lookUpKnown = useCallback(
    async (role: PartyRole, kind: PartyKind, identifier: string) => {
      const key = `${kind}:${identifier}`;
      if (lastLookup.current[role] === key) return;
      lastLookup.current[role] = key;
      const result = await api.reception.knownParty({ kind, identifier });
      if (!result.ok || !result.value) return;
      const current = (form.getFieldValue(role) ?? { kind }) as PartyFormValues;
      // The officer may have moved on to another person while the answer was on its way.
      const now = (kind === 'citizen' ? current.idNumber : current.taxCode)?.trim();
      if (now !== identifier) return;
      const filled = fillEmpty(current, fromParty(result.value));
      if (Object.keys(filled).length === 0) return;
      form.setFieldsValue({ [role]: filled } as Partial<ReceptionForm>);
      message.info(formatMessage(text.knownPartyFilled, { name: result.value.fullName }));
    },
    [form, message],
  );

  const applyCard = useCallback(
    (card: CccdLenientValue, role: PartyRole) => {
      const { values, toConfirm: doubts } = fromCccd(card);
      const previous = (form.getFieldValue(role) ?? {}) as PartyFormValues;
      // Phone and e-mail are not on the card; they stay only when the same person is scanned again.
      const samePerson = previous.idNumber === values.idNumber;
      form.setFieldsValue({
        [role]: { ...values, phone: samePerson ? previous.phone : '', email: samePerson ? previous.email : '' },
        ...(role === 'submitter' ? { hasSubmitter: true } : {}),
      } as Partial<ReceptionForm>);
      setToConfirm((current) => ({ ...current, [role]: doubts }));
      const count = Object.keys(doubts).length;
      const params = { name: values.fullName || values.idNumber || '', idNumber: values.idNumber ?? '', count };
      setScanNotice(
        count === 0
          ? { type: 'success', text: formatMessage(role === 'owner' ? uiText.scanner.filledOwner : uiText.scanner.filledSubmitter, params) }
          : { type: 'warning', text: formatMessage(uiText.scanner.filledToConfirm, params) },
      );
      lastLookup.current[role] = '';
      if (values.idNumber) void lookUpKnown(role, 'citizen', values.idNumber);
    },
    [form, lookUpKnown],
  );

  const handleScan = useCallback(
    (scanned: string, field: Element | null) => {
      const scan = classifyScan(scanned);
      switch (scan.kind) {
        case 'cccd': {
          // An organisation's card is never scanned; the card then belongs to the person filing for it.
          const inSubmitter = Boolean(field?.closest('[data-party="submitter"]'));
          const role: PartyRole = inSubmitter || form.getFieldValue(['owner', 'kind']) === 'organisation' ? 'submitter' : 'owner';
          applyCard(scan.value, role);
          break;
        }
        case 'cccdRejected':
          setScanNotice({ type: 'error', text: formatMessage(uiText.scanner.cccdRejected, { message: scan.error.message }) });
          break;
        case 'dossierCode':
          setScanNotice({ type: 'info', text: formatMessage(uiText.scanner.dossierCodeFound, { code: scan.code }), dossierCode: scan.code });
          break;
        case 'unknown':
          setScanNotice({ type: 'error', text: formatMessage(uiText.scanner.unrecognized, { excerpt: excerpt(scanned) }) });
          break;
      }
    },
    [applyCard, form],
  );

  // Enabled only once the form is on screen: the watched element must exist when the hook attaches.
  const wedge = useWedgeSettings();
  useWedgeScanner(root, ({ text: scanned, field }) => handleScan(scanned, field), {
    ...wedge,
    enabled: active && !accepted && readiness.state === 'ready',
  });
  // HID-POS and serial readers: the same handling, with the focused field deciding whose card it is.
  useReaderScans((scan) => handleScan(scan.text, document.activeElement), active && !accepted && readiness.state === 'ready');

  function confirmField(role: PartyRole, field: CccdField) {
    setProblem(null);
    setToConfirm((current) => {
      const rest = { ...current[role] };
      delete rest[field];
      return { ...current, [role]: rest };
    });
  }

  /** Editing a doubtful field by hand is confirming it. */
  function onValuesChange(changed: Partial<ReceptionForm>) {
    for (const role of ['owner', 'submitter'] as const) {
      const fields = changed[role];
      if (!fields) continue;
      if ('kind' in fields) setToConfirm((current) => ({ ...current, [role]: {} }));
      for (const field of Object.keys(fields)) {
        if (field in toConfirm[role]) confirmField(role, field as CccdField);
      }
    }
    if (changed.hasSubmitter === false) setToConfirm((current) => ({ ...current, submitter: {} }));
  }

  function updateEntry(code: string, change: (entry: ComponentEntry) => ComponentEntry) {
    setEntries((current) => ({ ...current, [code]: change(current[code] ?? emptyEntry()) }));
    setMissing(null);
  }

  function buildDraft(): ReceptionDraftInput | null {
    if (!procedure) return null;
    const values = form.getFieldsValue(true) as ReceptionForm;
    return {
      procedureCode: procedure.code,
      owner: toPartyInput(values.owner),
      submitter: values.hasSubmitter ? toPartyInput({ ...values.submitter, kind: 'citizen' }) : null,
      components: procedure.components.map((c) => componentInput(c.code, entries[c.code] ?? emptyEntry(), scanSession.slot(c.code))),
      fees,
      channel: values.channel,
      returnMethod: values.returnMethod,
      returnAddress: values.returnMethod === 'post' ? (values.returnAddress ?? '') : null,
      setsCount: values.setsCount ?? 1,
      note: values.note ?? '',
    };
  }

  async function runCheck(): Promise<DossierComponentView[] | null> {
    const draft = buildDraft();
    if (!draft) {
      setProblem(text.chooseProcedureFirst);
      return null;
    }
    const result = await api.reception.check({ draft });
    if (!result.ok) {
      setProblem(result.error.message);
      return null;
    }
    setProblem(null);
    setMissing(result.value.missing);
    return result.value.missing;
  }

  async function check() {
    setBusy('check');
    await Promise.all([runCheck(), refreshDue()]);
    setBusy(null);
  }

  function doubtfulFields(): string[] {
    const labels = uiText.party as Record<string, string>;
    return (['owner', 'submitter'] as const)
      .filter((role) => role === 'owner' || hasSubmitter)
      .flatMap((role) => Object.keys(toConfirm[role]).map((field) => labels[field] ?? field));
  }

  async function accept() {
    if (!procedure) return setProblem(text.chooseProcedureFirst);
    try {
      await form.validateFields();
    } catch {
      return setProblem(text.fixFields);
    }
    const doubtful = doubtfulFields();
    if (doubtful.length > 0) return setProblem(formatMessage(text.toConfirmFirst, { fields: doubtful.join(', ') }));
    setBusy('accept');
    const stillMissing = await runCheck();
    const draft = buildDraft();
    if (stillMissing === null || stillMissing.length > 0 || !draft) return setBusy(null);
    // With scanned pages, accepting also assembles the component PDFs from them.
    const result = scanSession.sessionId ? await api.pages.accept({ sessionId: scanSession.sessionId, draft }) : await api.reception.accept({ draft });
    setBusy(null);
    if (!result.ok) {
      setProblem(result.error.message);
      void loadReadiness();
      return;
    }
    setAccepted(result.value.dossier);
    void loadReadiness();
  }

  function startNext() {
    form.resetFields();
    setProcedure(null);
    setDue(null);
    setEntries({});
    setFees([]);
    setToConfirm(NO_DOUBTS);
    setScanNotice(null);
    setMissing(null);
    setProblem(null);
    setAccepted(null);
    lastLookup.current = { owner: '', submitter: '' };
  }

  if (readiness.state === 'loading') {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" description={uiText.common.loading} />
      </Flex>
    );
  }
  if (readiness.state === 'failed') return <ErrorAlert message={readiness.message} />;
  if (readiness.state === 'siteMissing') {
    return (
      <Card>
        <Result
          status="warning"
          title={text.siteMissing}
          subTitle={isAdmin ? text.siteMissingAdmin : text.siteMissingOfficer}
          data-testid="site-missing"
          extra={[
            isAdmin && (
              <Button type="primary" key="admin" onClick={onOpenAdmin}>
                {text.openSiteAdmin}
              </Button>
            ),
            <Button key="refresh" icon={<ReloadOutlined />} onClick={() => void loadReadiness()}>
              {uiText.common.refresh}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  if (accepted) return <AcceptedPanel dossier={accepted} onNext={startNext} />;

  const applicant = toPartyInput((form.getFieldValue('owner') ?? { kind: 'citizen' }) as PartyFormValues);
  const missingCodes = new Set((missing ?? []).map((c) => c.code));

  return (
    <div ref={root} data-testid="reception-page">
      <Flex vertical gap={12} style={{ marginBottom: 12 }}>
        {readiness.sequence && <SequenceBanner sequence={readiness.sequence} />}
        {readiness.sequenceError && <Alert type="error" showIcon title={readiness.sequenceError} />}
      </Flex>
      <Row gutter={16} align="top">
        <Col xs={24} xl={17}>
          <Form<ReceptionForm>
            form={form}
            component={false}
            layout="vertical"
            requiredMark
            initialValues={INITIAL_VALUES}
            onValuesChange={onValuesChange}
            name="reception"
          >
            <Flex vertical gap={16}>
              <Card title={text.steps.procedure} size="small">
                <ProcedurePicker selected={procedure} onPick={(code) => void pickProcedure(code)} />
                <ErrorAlert message={procedureError} />
                {procedure && (
                  <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="procedure-summary">
                    {procedure.code} · {procedure.sectorName} · {formatDuration(procedure.duration)}
                  </Typography.Paragraph>
                )}
              </Card>

              <Card title={text.steps.applicant} size="small">
                <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                  {/* Uncontrolled: a reader types a hundred characters at once, and none of them needs a render. */}
                  <Input
                    ref={scanField}
                    size="large"
                    autoFocus
                    autoComplete="off"
                    prefix={<ScanOutlined />}
                    placeholder={text.scanPlaceholder}
                    aria-label={text.scanLabel}
                    data-testid="cccd-scan"
                    onPressEnter={(event) => {
                      // A reader too slow to be recognised by timing, or a payload pasted by hand.
                      event.preventDefault();
                      const field = event.currentTarget;
                      if (!field.value.trim()) return;
                      handleScan(field.value, field);
                      setFieldValue(field, '');
                    }}
                  />
                  <Typography.Text type="secondary">{text.scanHint}</Typography.Text>
                  {scanNotice && (
                    <Alert
                      type={scanNotice.type}
                      showIcon
                      closable={{ onClose: () => setScanNotice(null) }}
                      title={scanNotice.text}
                      data-testid="scan-notice"
                      action={
                        scanNotice.dossierCode && (
                          <Button size="small" onClick={() => onOpenReturn(scanNotice.dossierCode!)} data-testid="scan-open-return">
                            {uiText.scanner.openReturn}
                          </Button>
                        )
                      }
                    />
                  )}
                </Flex>
                <Form.Item name={['owner', 'kind']} label={text.ownerKind}>
                  <Segmented<PartyKind>
                    options={[
                      { value: 'citizen', label: uiText.party.citizen },
                      { value: 'organisation', label: uiText.party.organisation },
                    ]}
                  />
                </Form.Item>
                <div data-party="owner" data-testid="party-owner">
                  <PartyFields
                    role="owner"
                    kind={ownerKind}
                    toConfirm={toConfirm.owner}
                    onConfirm={(field) => confirmField('owner', field)}
                    onIdentifierComplete={(identifier) => void lookUpKnown('owner', ownerKind, identifier)}
                  />
                </div>
                <Form.Item name="hasSubmitter" valuePropName="checked" style={{ marginBottom: hasSubmitter ? 8 : 0 }}>
                  <Checkbox data-testid="has-submitter">{text.submitterToggle}</Checkbox>
                </Form.Item>
                {hasSubmitter && (
                  <div data-party="submitter" data-testid="party-submitter">
                    <Divider titlePlacement="start" style={{ marginTop: 0 }}>
                      {text.submitter}
                    </Divider>
                    <PartyFields
                      role="submitter"
                      kind="citizen"
                      toConfirm={toConfirm.submitter}
                      onConfirm={(field) => confirmField('submitter', field)}
                      onIdentifierComplete={(identifier) => void lookUpKnown('submitter', 'citizen', identifier)}
                    />
                  </div>
                )}
              </Card>

              <Card title={text.steps.components} size="small">
                {procedure ? (
                  <>
                    <ScanBar procedureCode={procedure.code} session={scanSession} />
                    <FieldSuggestions
                      sessionId={scanSession.sessionId}
                      onApply={(s) => {
                        const owner = (form.getFieldValue('owner') ?? { kind: 'citizen' }) as PartyFormValues;
                        form.setFieldsValue({ owner: { ...owner, [s.field]: s.field === 'dateOfBirth' ? dayjs(s.value) : s.value } });
                      }}
                    />
                    <ReusePicker
                      ownerIdNumber={ownerIdNumber}
                      components={procedure.components}
                      onReuse={(code, reuseRef, reuseKind) => updateEntry(code, (entry) => ({ ...entry, mode: 'reuse', reuseRef, reuseKind }))}
                    />
                    <ChecklistPanel components={procedure.components} entries={entries} missingCodes={missingCodes} onUpdate={updateEntry} session={scanSession} />
                  </>
                ) : (
                  <Typography.Text type="secondary">{text.componentsEmpty}</Typography.Text>
                )}
              </Card>

              <Card title={text.steps.fees} size="small">
                {procedure ? (
                  <FeesPanel
                    fees={procedure.fees}
                    entries={fees}
                    onChange={(index, entry) => setFees((current) => current.map((e, i) => (i === index ? entry : e)))}
                  />
                ) : (
                  <Typography.Text type="secondary">{text.componentsEmpty}</Typography.Text>
                )}
              </Card>

              <Card title={text.steps.delivery} size="small">
                <Row gutter={16}>
                  <Col xs={24} md={8}>
                    <Form.Item name="channel" label={text.channel}>
                      <Radio.Group
                        options={(['direct', 'post'] as const).map((value) => ({ value, label: text.channels[value] }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item name="returnMethod" label={text.returnMethod}>
                      <Radio.Group
                        options={(['counter', 'post'] as const).map((value) => ({ value, label: text.returnMethods[value] }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name="setsCount" label={text.setsCount}>
                      <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
                {returnMethod === 'post' && (
                  <Form.Item name="returnAddress" label={text.returnAddress} rules={[{ required: true, whitespace: true, message: text.returnAddressRequired }]}>
                    <Input maxLength={1000} />
                  </Form.Item>
                )}
                <Form.Item name="note" label={text.note} style={{ marginBottom: 0 }}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
                </Form.Item>
              </Card>
            </Flex>
          </Form>
        </Col>

        <Col xs={24} xl={7} style={{ position: 'sticky', top: 16 }}>
          <Card title={text.dueDate} size="small" data-testid="reception-summary">
            <Flex vertical gap={12}>
              <Typography.Text strong style={{ fontSize: 22 }} data-testid="due-preview">
                {!procedure ? '—' : due?.dueLocal ? formatLocalDateTime(due.dueLocal) : due ? text.dueNone : '…'}
              </Typography.Text>
              {due && (
                <Typography.Text type="secondary">
                  {text.receivedAt}: {formatLocalDateTime(due.receivedLocal)}
                </Typography.Text>
              )}
              <ErrorAlert message={problem} />
              {missing && missing.length === 0 && (
                <Alert type="success" showIcon title={text.complete} data-testid="check-complete" />
              )}
              {missing && missing.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="missing-list"
                  title={formatMessage(text.missingTitle, { count: missing.length })}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {missing.map((c) => (
                        <li key={c.code}>{c.name}</li>
                      ))}
                    </ul>
                  }
                />
              )}
              {missing && missing.length > 0 && (
                <>
                  <Button block icon={<FileSearchOutlined />} onClick={() => setModal('supplement')} data-testid="open-supplement" style={WRAPPING}>
                    {text.supplement}
                  </Button>
                  <Button block danger icon={<StopOutlined />} onClick={() => setModal('refusal')} data-testid="open-refusal" style={WRAPPING}>
                    {text.refuse}
                  </Button>
                </>
              )}
              <Button block onClick={() => void check()} loading={busy === 'check'} disabled={!procedure} data-testid="reception-check">
                {text.check}
              </Button>
              <Button
                block
                type="primary"
                size="large"
                icon={<CheckCircleOutlined />}
                onClick={() => void accept()}
                loading={busy === 'accept'}
                disabled={!procedure || readiness.sequence?.remaining === 0}
                data-testid="reception-accept"
              >
                {text.accept}
              </Button>
              {procedure && !(missing && missing.length > 0) && (
                <Button type="link" danger onClick={() => setModal('refusal')} style={{ alignSelf: 'center' }}>
                  {text.refuse}
                </Button>
              )}
            </Flex>
          </Card>
        </Col>
      </Row>
      {procedure && (
        <>
          <SupplementModal
            open={modal === 'supplement'}
            procedureCode={procedure.code}
            applicant={applicant}
            missing={missing ?? []}
            contactPhone={readiness.site.hotline}
            onClose={() => setModal(null)}
          />
          <RefusalModal open={modal === 'refusal'} procedureCode={procedure.code} applicant={applicant} onClose={() => setModal(null)} />
        </>
      )}
    </div>
  );
}
