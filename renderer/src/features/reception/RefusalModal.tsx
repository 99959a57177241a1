import { Form, Input, Modal } from 'antd';
import { uiText } from '../../../../shared/i18n/vi';
import type { PartyInput } from '../../../../shared/reception/draft';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { required } from '../../common/form-rules';
import { PdfViewer } from '../../common/PdfViewer';
import { usePrintFlow } from '../../common/use-print-flow';

const text = uiText.reception;

/** Form 03: the officer states why the dossier cannot be received; one reason per line. */
export function RefusalModal({
  open,
  procedureCode,
  applicant,
  onClose,
}: {
  open: boolean;
  procedureCode: string;
  applicant: PartyInput;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reasons: string }>();
  const { busy, error, printed, run, reset } = usePrintFlow();

  function print({ reasons }: { reasons: string }) {
    const lines = reasons.split('\n').map((line) => line.trim()).filter(Boolean);
    return run(() => api.print.refusal({ procedureCode, applicant, reasons: lines }));
  }

  function close() {
    reset();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={text.refusalTitle}
      width={printed ? 900 : 640}
      onCancel={close}
      destroyOnHidden
      okText={text.printForm}
      cancelText={printed ? uiText.common.close : uiText.common.cancel}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, danger: true, style: printed ? { display: 'none' } : undefined }}
    >
      <ErrorAlert message={error} />
      {printed ? (
        <PdfViewer result={printed} title={text.refusalTitle} fileName="mau-03-tu-choi.pdf" />
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={print}>
          <Form.Item name="reasons" label={text.refusalReasons} rules={[required(text.refusalReasons)]}>
            <Input.TextArea autoSize={{ minRows: 4 }} maxLength={4000} data-testid="refusal-reasons" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
