import { App, Alert, Button, Form, Input, Select, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { Site } from '../../../../shared/reception/dossier-view';
import { formSet } from '../../../../shared/forms/registry';
import type { FormSetPeriod } from '../../../../shared/site/form-set-schedule';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { required } from '../../common/form-rules';
import { HOTLINE_PATTERN } from '../../../../shared/site/site-checks';

const text = uiText.siteAdmin;

/** QCVN 102:2016/BTTTT, lowest level first: `LLL.LL.LL.Xnn`. */
const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

const formSetOptions = (['2018', '2025'] as const).map((value) => ({ value, label: uiText.forms.sets[value] }));

/** What the form edits: the site's identity and its form sets by date (docs/domain.md §5.4). */
type SiteForm = Omit<Site, 'formSet'> & { formSets: FormSetPeriod[] };

/** Each set not checked against the official text, with why, so the admin knows what is printed. */
const unconfirmedNotes = (['2018', '2025'] as const)
  .map((id) => formSet(id))
  .filter((set) => !set.confirmed)
  .map((set) => formatMessage(text.formSetUnconfirmed, { set: uiText.forms.sets[set.id], note: set.note }));

/** The receiving site: its agency code starts every dossier code, its names head every form. */
/** `onSaved` lets the set-up checklist move on to the next step. */
export function SiteTab({ onSaved }: { onSaved?: () => void } = {}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SiteForm>();
  const [inForce, setInForce] = useState<Site['formSet'] | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [configured, setConfigured] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.site.get().then((result) => {
      if (!result.ok) return setError(result.error.message);
      const { configured: isConfigured, formSet: today, ...site } = result.value;
      form.setFieldsValue(site);
      setInForce(today);
      setConfigured(isConfigured);
      setLoaded(true);
    });
  }, [form]);

  async function save(values: SiteForm) {
    setBusy(true);
    const result = await api.site.update(values);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setConfigured(result.value.configured);
    setInForce(result.value.formSet);
    message.success(text.saved);
    onSaved?.();
  }

  return (
    <Spin spinning={!loaded && !error}>
      {loaded && !configured && <Alert type="warning" showIcon title={text.notConfigured} style={{ marginBottom: 16 }} />}
      <ErrorAlert message={error} />
      <Form<SiteForm>
        form={form}
        name="site"
        layout="vertical"
        onFinish={(values) => void save(values)}
        style={{ maxWidth: 640 }}
        initialValues={{ formSets: [{ set: '2018', from: '2018-01-01' }] }}
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
        <Form.Item label={text.formSet} extra={text.formSetsHint}>
          <Form.List name="formSets">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="form-sets">
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap>
                    <Form.Item name={[field.name, 'set']} noStyle>
                      <Select options={formSetOptions} style={{ width: 420 }} aria-label={text.formSet} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'from']}
                      noStyle
                      rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: text.formSetFrom }]}
                    >
                      <Input placeholder="2025-07-01" style={{ width: 130 }} aria-label={text.formSetFrom} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button onClick={() => remove(field.name)} aria-label={text.formSetRemove}>
                        {text.formSetRemove}
                      </Button>
                    )}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ set: '2025', from: '' })}>
                  {text.formSetAdd}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        {inForce && <Alert type="info" showIcon title={formatMessage(text.formSetInForce, { set: uiText.forms.sets[inForce] })} />}
        {unconfirmedNotes.map((note) => (
          <Alert key={note} type="warning" showIcon title={note} style={{ marginTop: 8 }} />
        ))}
        <div style={{ height: 16 }} />
        <Button type="primary" htmlType="submit" loading={busy} disabled={!loaded} data-testid="site-save">
          {uiText.common.save}
        </Button>
      </Form>
    </Spin>
  );
}
