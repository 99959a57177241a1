import { Card, Col, Form, Input, InputNumber, Radio, Row } from 'antd';
import { uiText } from '../../../../shared/i18n/vi';
import type { ReceptionFormValues } from './reception-state';

const text = uiText.reception;

/** How the dossier came in and how its result goes back. */
export function DeliveryCard({
  returnMethod,
  fixedChannel,
}: {
  returnMethod: 'counter' | 'post';
  /** An online or postal dossier from the gateway came in the way the gateway says; the officer does not choose. */
  fixedChannel?: ReceptionFormValues['channel'];
}) {
  const channels = fixedChannel ? [fixedChannel] : (['direct', 'post'] as const);
  return (
    <Card title={text.steps.delivery} size="small">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="channel" label={text.channel}>
            <Radio.Group disabled={Boolean(fixedChannel)} options={channels.map((value) => ({ value, label: text.channels[value] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="returnMethod" label={text.returnMethod}>
            <Radio.Group options={(['counter', 'post'] as const).map((value) => ({ value, label: text.returnMethods[value] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="setsCount" label={text.setsCount}>
            <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      {returnMethod === 'post' && (
        <Form.Item
          name="returnAddress"
          label={text.returnAddress}
          rules={[{ required: true, whitespace: true, message: text.returnAddressRequired }]}
        >
          <Input maxLength={1000} />
        </Form.Item>
      )}
      <Form.Item name="note" label={text.note} style={{ marginBottom: 0 }}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
    </Card>
  );
}
