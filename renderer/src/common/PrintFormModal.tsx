import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import type { PrintResult } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { uiText } from '../../../shared/i18n/vi';
import { ErrorAlert } from './ErrorAlert';
import { PdfViewer } from './PdfViewer';
import { usePrintFlow } from './use-print-flow';

/**
 * The dialog every "fill in, print a form, show its PDF" flow shares (refusal, supplement request,
 * reprints and the apology): the fields until printed, then the PDF in a wider dialog; closing
 * forgets the PDF so the next opening starts from the fields again.
 */
export function PrintFormModal<Values extends object>({
  open,
  title,
  width,
  okText,
  danger = false,
  fileName,
  form,
  initialValues,
  print,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  /** The dialog's width while it shows the fields; the PDF gets 900. */
  width: number;
  okText: string;
  danger?: boolean;
  fileName: string;
  form: FormInstance<Values>;
  initialValues?: Partial<Values>;
  print: (values: Values) => Promise<Result<PrintResult>>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { busy, error, printed, run, reset } = usePrintFlow();

  function close() {
    reset();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={title}
      width={printed ? 900 : width}
      onCancel={close}
      destroyOnHidden
      okText={okText}
      cancelText={printed ? uiText.common.close : uiText.common.cancel}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, danger, style: printed ? { display: 'none' } : undefined }}
    >
      <ErrorAlert message={error} />
      {printed ? (
        <PdfViewer result={printed} title={title} fileName={fileName} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          // The flow reports its outcome (busy, error, the PDF) through its own state.
          onFinish={(values) => void run(() => print(values))}
          initialValues={initialValues}
        >
          {children}
        </Form>
      )}
    </Modal>
  );
}
