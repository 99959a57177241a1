import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import type { PrintResult } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/result';
import { uiText } from '../../../../shared/i18n/vi';
import { required } from '../../common/form-rules';
import { PdfViewer } from '../../common/PdfViewer';
import { PrintFormModal } from '../../common/PrintFormModal';

/** A form already made, shown in a dialog: the PDF and where it was saved. */
export function PrintedModal({
  result,
  title,
  fileName,
  onClose,
}: {
  result: PrintResult | null;
  title: string;
  fileName: string;
  onClose: () => void;
}) {
  return (
    <Modal open={result !== null} title={title} width={900} onCancel={onClose} footer={null} destroyOnHidden>
      {result && <PdfViewer result={result} title={title} fileName={fileName} />}
    </Modal>
  );
}

export interface ReasonValues {
  reason: string;
  /** Local `YYYY-MM-DDTHH:mm`, asked for only by the apology form. */
  newDueLocal: string | null;
}

/**
 * Reprints and the apology are audited with their reason, so the reason is asked before anything
 * is printed; the apology also needs the new appointment.
 */
export function ReasonPrintModal({
  open,
  title,
  reasonLabel,
  askNewDue,
  fileName,
  run,
  onClose,
}: {
  open: boolean;
  title: string;
  reasonLabel: string;
  askNewDue: boolean;
  fileName: string;
  run: (values: ReasonValues) => Promise<Result<PrintResult>>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string; newDue?: Dayjs }>();
  return (
    <PrintFormModal
      open={open}
      title={title}
      width={560}
      okText={uiText.lookup.print}
      fileName={fileName}
      form={form}
      print={(values) => run({ reason: values.reason, newDueLocal: values.newDue ? values.newDue.format('YYYY-MM-DDTHH:mm') : null })}
      onClose={onClose}
    >
      <Form.Item name="reason" label={reasonLabel} rules={[required(reasonLabel)]} extra={uiText.lookup.reasonAudited}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={askNewDue ? 2000 : 500} data-testid="print-reason" />
      </Form.Item>
      {askNewDue && (
        <Form.Item name="newDue" label={uiText.lookup.newDue} rules={[{ required: true, message: uiText.lookup.newDueRequired }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: 240 }} />
        </Form.Item>
      )}
    </PrintFormModal>
  );
}
