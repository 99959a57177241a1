import { Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import type { Role } from '../../../../shared/auth/roles';
import type { PrintResult } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/result';
import { uiText } from '../../../../shared/i18n/vi';
import { isAllowed } from '../../../../shared/lifecycle/transitions';
import type { LifecycleEventType } from '../../../../shared/lifecycle/lifecycle-events';
import type { DossierView } from '../../../../shared/reception/dossier-view';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { required } from '../../common/form-rules';
import { PrintFormModal } from '../../common/PrintFormModal';
import { PrintedModal, ReasonPrintModal } from './PrintModals';

const text = uiText.lookup;
const fields = text.lifecycleFields;

/** Lines of a text area, blank lines dropped. */
function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A recorded event's answer as the print dialog wants it: the form printed from the event. */
function printed(
  result: Result<{ dossier: DossierView; print: PrintResult }>,
  onChanged: (view: DossierView) => void,
): Result<PrintResult> {
  if (!result.ok) return result;
  onChanged(result.value.dossier);
  return { ok: true, value: result.value.print };
}

/** An event recorded without a form: a reason or a note, confirmed in a small dialog. */
function RecordModal({
  open,
  title,
  label,
  optional,
  run,
  onClose,
}: {
  open: boolean;
  title: string;
  label: string;
  optional: boolean;
  run: (value: string) => Promise<Result<{ dossier: DossierView; print?: PrintResult | null }>>;
  onClose: (view: DossierView | null, print?: PrintResult | null) => void;
}) {
  const [form] = Form.useForm<{ value?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: { value?: string }) {
    setBusy(true);
    const result = await run((values.value ?? '').trim());
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    onClose(result.value.dossier, result.value.print);
  }

  return (
    <Modal
      open={open}
      title={title}
      onCancel={() => onClose(null)}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy }}
      okText={uiText.common.save}
      destroyOnHidden
    >
      <ErrorAlert message={error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
        <Form.Item name="value" label={label} rules={optional ? [] : [required(label)]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="lifecycle-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Dialog = LifecycleEventType | null;

/**
 * What may happen next to an opened dossier (docs/domain.md §3.4): each button records the event
 * (history, outbox, audit) and prints its form from it; only the events the dossier's state allows are offered.
 */
export function LifecycleActions({
  dossier,
  role,
  onChanged,
}: {
  dossier: DossierView;
  role: Role;
  onChanged: (view: DossierView) => void;
}) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [supplementForm] = Form.useForm<{ items: string; contactPhone?: string }>();
  const [refusalForm] = Form.useForm<{ reasons: string }>();
  const supervises = role === 'supervisor' || role === 'admin';
  const offered = (type: LifecycleEventType) => isAllowed(type, dossier.status);
  const [notice, setNotice] = useState<PrintResult | null>(null);
  const close = (view: DossierView | null, print?: PrintResult | null) => {
    if (view) onChanged(view);
    if (print) setNotice(print);
    setDialog(null);
  };

  const buttons: { type: LifecycleEventType; show: boolean }[] = [
    { type: 'supplementRequested', show: offered('supplementRequested') },
    { type: 'supplementReceived', show: offered('supplementReceived') },
    { type: 'refused', show: offered('refused') },
    { type: 'withdrawn', show: offered('withdrawn') },
    { type: 'apologyIssued', show: supervises && offered('apologyIssued') },
    { type: 'processingStopped', show: supervises && offered('processingStopped') },
  ];

  return (
    <>
      <Space wrap data-testid="lifecycle-actions">
        {buttons
          .filter((b) => b.show)
          .map((b) => (
            <Button key={b.type} size="small" onClick={() => setDialog(b.type)} data-testid={`lifecycle-${b.type}`}>
              {text.lifecycle[b.type]}
            </Button>
          ))}
      </Space>

      <PrintFormModal
        open={dialog === 'supplementRequested'}
        title={text.lifecycle.supplementRequested}
        width={560}
        okText={text.print}
        fileName={`mau-02-bo-sung-${dossier.code}.pdf`}
        form={supplementForm}
        print={async (values) =>
          printed(
            await api.lifecycle.requestSupplement({
              dossierId: dossier.id,
              items: lines(values.items).map((name) => ({ name, reason: '' })),
              contactPhone: values.contactPhone ?? '',
            }),
            onChanged,
          )
        }
        onClose={() => setDialog(null)}
      >
        <Form.Item name="items" label={fields.items} rules={[required(fields.items)]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} data-testid="lifecycle-items" />
        </Form.Item>
        <Form.Item name="contactPhone" label={fields.contactPhone}>
          <Input maxLength={40} />
        </Form.Item>
      </PrintFormModal>

      <PrintFormModal
        open={dialog === 'refused'}
        title={text.lifecycle.refused}
        width={560}
        okText={text.print}
        danger
        fileName={`mau-03-tu-choi-${dossier.code}.pdf`}
        form={refusalForm}
        print={async (values) => printed(await api.lifecycle.refuse({ dossierId: dossier.id, reasons: lines(values.reasons) }), onChanged)}
        onClose={() => setDialog(null)}
      >
        <Form.Item name="reasons" label={fields.reasons} rules={[required(fields.reasons)]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} data-testid="lifecycle-reasons" />
        </Form.Item>
      </PrintFormModal>

      <ReasonPrintModal
        open={dialog === 'apologyIssued'}
        title={text.apology}
        reasonLabel={text.apologyReason}
        askNewDue
        fileName={`mau-04-xin-loi-${dossier.code}.pdf`}
        run={async ({ reason, newDueLocal }) =>
          printed(await api.lifecycle.apologize({ dossierId: dossier.id, reason, newDueLocal: newDueLocal ?? '' }), onChanged)
        }
        onClose={() => setDialog(null)}
      />

      <RecordModal
        open={dialog === 'supplementReceived'}
        title={text.lifecycle.supplementReceived}
        label={fields.note}
        optional
        run={(note) => api.lifecycle.receiveSupplement({ dossierId: dossier.id, note })}
        onClose={close}
      />
      <RecordModal
        open={dialog === 'withdrawn'}
        title={text.lifecycle.withdrawn}
        label={fields.reason}
        optional={false}
        run={(reason) => api.lifecycle.withdraw({ dossierId: dossier.id, reason })}
        onClose={close}
      />
      <RecordModal
        open={dialog === 'processingStopped'}
        title={text.lifecycle.processingStopped}
        label={fields.reasons}
        optional={false}
        run={(reasons) => api.lifecycle.stopProcessing({ dossierId: dossier.id, reasons: lines(reasons) })}
        onClose={close}
      />
      <PrintedModal
        result={notice}
        title={text.formNames.stop_notice}
        fileName={`thong-bao-dung-${dossier.code}.pdf`}
        onClose={() => setNotice(null)}
      />
    </>
  );
}
