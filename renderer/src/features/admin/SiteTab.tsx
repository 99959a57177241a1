import { App, Alert, Button, Form, Input, Radio, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { Site } from '../../../../shared/reception/dossier-view';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { required } from '../../common/form-rules';
import { HOTLINE_PATTERN } from '../../../../shared/site/site-checks';

const text = uiText.siteAdmin;

/** QCVN 102:2016/BTTTT, lowest level first: `LLL.LL.LL.Xnn`. */
const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

const formSetOptions = (['2018', '2025'] as const).map((value) => ({ value, label: uiText.forms.sets[value] }));

/** The receiving site: its agency code starts every dossier code, its names head every form. */
/** `onSaved` lets the set-up checklist move on to the next step. */
export function SiteTab({ onSaved }: { onSaved?: () => void } = {}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Site>();
  const [loaded, setLoaded] = useState(false);
  const [configured, setConfigured] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.site.get().then((result) => {
      if (!result.ok) return setError(result.error.message);
      const { configured: isConfigured, ...site } = result.value;
      form.setFieldsValue(site);
      setConfigured(isConfigured);
      setLoaded(true);
    });
  }, [form]);

  async function save(values: Site) {
    setBusy(true);
    const result = await api.site.update(values);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setConfigured(result.value.configured);
    message.success(text.saved);
    onSaved?.();
  }

  return (
    <Spin spinning={!loaded && !error}>
      {loaded && !configured && <Alert type="warning" showIcon title={text.notConfigured} style={{ marginBottom: 16 }} />}
      <ErrorAlert message={error} />
      <Form<Site>
        form={form}
        name="site"
        layout="vertical"
        onFinish={(values) => void save(values)}
        style={{ maxWidth: 640 }}
        initialValues={{ formSet: '2018' }}
      >
        <Form.Item
          name="agencyCode"
          label={text.agencyCode}
          extra={text.agencyCodeHint}
          rules={[required(text.agencyCode), { pattern: AGENCY_CODE, message: text.agencyCodeInvalid }]}
          normalize={(value: string) => value.trim().toUpperCase()}
        >
          <Input maxLength={13} placeholder="000.00.06.H56" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="agencyName" label={text.agencyName} extra={text.agencyNameHint} rules={[required(text.agencyName)]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="unitName" label={text.unitName} rules={[required(text.unitName)]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="place" label={text.place} extra={text.placeHint} rules={[required(text.place)]}>
          <Input maxLength={100} style={{ width: 320 }} />
        </Form.Item>
        <Form.Item name="hotline" label={text.hotline} rules={[{ pattern: HOTLINE_PATTERN, message: text.hotlineInvalid }]}>
          <Input maxLength={40} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item
          name="lookupUrlTemplate"
          label={text.lookupUrlTemplate}
          extra={text.lookupUrlHint}
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && !value.includes('{code}')) throw new Error(text.lookupUrlInvalid);
              },
            },
          ]}
        >
          <Input maxLength={500} placeholder="https://dichvucong.thanhhoa.gov.vn/tra-cuu?ma={code}" />
        </Form.Item>
        <Form.Item name="formSet" label={text.formSet}>
          <Radio.Group options={formSetOptions} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!loaded} data-testid="site-save">
          {uiText.common.save}
        </Button>
      </Form>
    </Spin>
  );
}
