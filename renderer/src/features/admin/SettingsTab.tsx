import { App, Button, Form, InputNumber, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { IDLE_LOCK_MINUTES_RANGE } from '../../../../shared/auth/lockout-policy';
import type { Settings } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { required } from '../../common/form-rules';
import { CitizenScreenSection } from './CitizenScreenSection';

export function SettingsTab({ onSaved }: { onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.admin.getSettings().then((result) => {
      if (result.ok) {
        form.setFieldsValue(result.value);
        setLoaded(true);
      } else {
        setError(result.error.message);
      }
    });
  }, [form]);

  async function save(values: Settings) {
    setBusy(true);
    const result = await api.admin.updateSettings(values);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    form.setFieldsValue(result.value);
    message.success(uiText.admin.saved);
    onSaved();
  }

  return (
    <>
      <ErrorAlert message={error} />
      <Spin spinning={!loaded && !error}>
        <Form
          form={form}
          name="settings"
          layout="vertical"
          onFinish={(values) => void save(values)}
          requiredMark={false}
          style={{ maxWidth: 480 }}
        >
          <Form.Item
            name="idleLockMinutes"
            label={uiText.admin.idleLockMinutes}
            extra={formatMessage(uiText.admin.idleLockRange, IDLE_LOCK_MINUTES_RANGE)}
            rules={[required(uiText.admin.idleLockMinutes)]}
          >
            <InputNumber
              min={IDLE_LOCK_MINUTES_RANGE.min}
              max={IDLE_LOCK_MINUTES_RANGE.max}
              precision={0}
              style={{ width: 160 }}
              data-testid="settings-idle-lock-minutes"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={!loaded} data-testid="settings-save">
            {uiText.common.save}
          </Button>
        </Form>
      </Spin>
      <CitizenScreenSection />
    </>
  );
}
