import { Form, Input } from 'antd';
import { uiText } from '../../../../shared/i18n/vi';
import type { PartyInput } from '../../../../shared/reception/draft';
import { api } from '../../api';
import { required } from '../../common/form-rules';
import { PrintFormModal } from '../../common/PrintFormModal';

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
  return (
    <PrintFormModal
      open={open}
      title={text.refusalTitle}
      width={640}
      okText={text.printForm}
      danger
      fileName="mau-03-tu-choi.pdf"
      form={form}
      print={({ reasons }) => {
        const lines = reasons
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        return api.print.refusal({ procedureCode, applicant, reasons: lines });
      }}
      onClose={onClose}
    >
      <Form.Item name="reasons" label={text.refusalReasons} rules={[required(text.refusalReasons)]}>
        <Input.TextArea autoSize={{ minRows: 4 }} maxLength={4000} data-testid="refusal-reasons" />
      </Form.Item>
    </PrintFormModal>
  );
}
