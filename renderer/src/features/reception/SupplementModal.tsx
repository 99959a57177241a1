import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row } from 'antd';
import { uiText } from '../../../../shared/i18n/vi';
import type { DossierComponentView } from '../../../../shared/reception/dossier-view';
import type { PartyInput } from '../../../../shared/reception/draft';
import { api } from '../../api';
import { required } from '../../common/form-rules';
import { PrintFormModal } from '../../common/PrintFormModal';

interface SupplementForm {
  items: { name: string; reason: string }[];
  contactPhone: string;
}

const text = uiText.reception;

/** Form 02: what the citizen must bring back, prefilled from the components still missing. */
export function SupplementModal({
  open,
  procedureCode,
  applicant,
  missing,
  contactPhone,
  onClose,
}: {
  open: boolean;
  procedureCode: string;
  applicant: PartyInput;
  missing: DossierComponentView[];
  contactPhone: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<SupplementForm>();
  return (
    <PrintFormModal
      open={open}
      title={text.supplementTitle}
      width={760}
      okText={text.printForm}
      fileName="mau-02-yeu-cau-bo-sung.pdf"
      form={form}
      initialValues={{ items: missing.map((c) => ({ name: c.name, reason: text.supplementDefaultReason })), contactPhone }}
      print={(values) =>
        api.print.supplementRequest({ procedureCode, applicant, items: values.items, contactPhone: values.contactPhone ?? '' })
      }
      onClose={onClose}
    >
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="top" data-testid="supplement-item">
                <Col span={12}>
                  <Form.Item name={[field.name, 'name']} label={text.supplementItem} rules={[required(text.supplementItem)]}>
                    <Input.TextArea autoSize maxLength={1000} />
                  </Form.Item>
                </Col>
                <Col span={11}>
                  <Form.Item name={[field.name, 'reason']} label={text.supplementReason}>
                    <Input.TextArea autoSize maxLength={2000} />
                  </Form.Item>
                </Col>
                <Col span={1} style={{ paddingTop: 34 }}>
                  <MinusCircleOutlined aria-label={text.removeItem} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', reason: '' })} block>
              {text.addItem}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="contactPhone" label={text.contactPhone} style={{ marginTop: 16 }}>
        <Input maxLength={40} style={{ width: 240 }} />
      </Form.Item>
    </PrintFormModal>
  );
}
