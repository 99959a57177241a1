import { App, Button, Card, Form, InputNumber, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { CitizenScreenSettings, DisplayInfo } from '../../../../shared/citizen-screen/citizen-screen-settings';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { required } from '../../common/form-rules';

const text = uiText.citizenScreen;

/** A whole number of seconds is required; `required()`'s whitespace check is for text fields. */
const seconds = (label: string) => ({ ...required(label), whitespace: false, type: 'number' as const });

/** Form values: the Select cannot hold null, so "no second screen" is the empty string. */
type Values = Omit<CitizenScreenSettings, 'displayId'> & { displayId: number | '' };

/**
 * Admin › Cài đặt: the monitor the citizen-facing window opens on and how long each state stays
 * before the screen clears itself (issue 18 §2). In the browser harness there are no monitors to
 * choose: the citizen page is opened on its own device instead.
 */
export function CitizenScreenSection() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [displays, setDisplays] = useState<DisplayInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.screen.settings().then((result) => {
      if (!result.ok) return setError(result.error.message);
      form.setFieldsValue({ ...result.value.settings, displayId: result.value.settings.displayId ?? '' });
      setDisplays(result.value.displays);
    });
  }, [form]);

  async function save(values: Values) {
    setBusy(true);
    const result = await api.screen.updateSettings({ ...values, displayId: values.displayId === '' ? null : values.displayId });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    message.success(uiText.admin.saved);
  }

  const options = [
    { value: '', label: text.adminNoDisplay },
    ...(displays ?? []).map((display, i) => ({
      value: display.id,
      label: formatMessage(text.adminDisplayLabel, {
        n: i + 1,
        width: display.width,
        height: display.height,
        primary: display.primary ? text.adminPrimary : '',
      }),
    })),
  ];

  return (
    <Card title={text.adminTitle} style={{ maxWidth: 640, marginTop: 24 }} data-testid="citizen-screen-settings">
      <ErrorAlert message={error} />
      <Spin spinning={displays === null && !error}>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void save(values)}>
          <Form.Item name="displayId" label={text.adminDisplay} extra={displays?.length === 0 ? text.adminNoDisplays : undefined}>
            <Select options={options} style={{ maxWidth: 420 }} data-testid="citizen-screen-display" />
          </Form.Item>
          <Form.Item name="draftSeconds" label={text.adminDraftSeconds} rules={[seconds(text.adminDraftSeconds)]}>
            <InputNumber min={30} max={3600} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="ratingSeconds" label={text.adminRatingSeconds} rules={[seconds(text.adminRatingSeconds)]}>
            <InputNumber min={10} max={600} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="thanksSeconds" label={text.adminThanksSeconds} rules={[seconds(text.adminThanksSeconds)]}>
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={displays === null} data-testid="citizen-screen-save">
            {uiText.common.save}
          </Button>
        </Form>
      </Spin>
    </Card>
  );
}
