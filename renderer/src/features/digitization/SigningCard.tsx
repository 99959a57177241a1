import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Modal, Segmented, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';

const text = uiText.signing;

type KeyChoice = ChannelInput<'signing.signDossier'>['key'];

interface KeyForm {
  modulePath: string;
  tokenLabel: string;
  pin: string;
  p12Path: string;
  p12Password: string;
}

/**
 * Signed / not yet signed for the dossier's digitized component PDFs, and signing them in one batch
 * with one PIN while the citizen waits (docs/devices.md §7). The PIN or password lives only in the
 * dialog's form and the call; the form is cleared when the dialog closes.
 */
export function SigningCard({ dossierId }: { dossierId: string }) {
  const [status, setStatus] = useState<Array<{ componentCode: string; signedAt: string | null }> | null>(null);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<KeyChoice['kind']>('pkcs11');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [form] = Form.useForm<KeyForm>();

  const refresh = useCallback(async () => {
    const result = await api.signing.status({ dossierId });
    if (result.ok) setStatus(result.value);
  }, [dossierId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const close = () => {
    form.resetFields();
    setOpen(false);
  };

  const sign = async (values: KeyForm) => {
    const key: KeyChoice =
      kind === 'pkcs11'
        ? { kind, modulePath: values.modulePath, tokenLabel: values.tokenLabel || undefined, pin: values.pin }
        : { kind, path: values.p12Path, password: values.p12Password };
    setBusy(true);
    const result = await api.signing.signDossier({ dossierId, key });
    setBusy(false);
    if (!result.ok) {
      setErrors([result.error.message]);
      return;
    }
    setErrors(
      result.value.failed.map((f) => formatMessage(text.failedComponent, { component: f.componentCode, message: f.error.message })),
    );
    if (result.value.failed.length === 0) close();
    await refresh();
  };

  if (!status) return null;
  const signed = status.filter((s) => s.signedAt !== null).length;
  const total = status.length;
  const badge =
    total === 0 ? (
      <Tag data-testid="signing-badge">{text.badgeNone}</Tag>
    ) : signed === total ? (
      <Tag color="green" data-testid="signing-badge">
        {formatMessage(text.badgeSigned, { signed, total })}
      </Tag>
    ) : (
      <Tag color="orange" data-testid="signing-badge">
        {formatMessage(text.badgeUnsigned, { signed, total })}
      </Tag>
    );

  return (
    <Card size="small" title={text.cardTitle} style={{ marginBottom: 16 }} data-testid="signing-card">
      <Flex gap={8} align="center" wrap>
        {badge}
        {/* Scanned pages become component PDFs shortly after acceptance (OCR first): look again then. */}
        {total === 0 && (
          <Button onClick={() => void refresh()} data-testid="signing-refresh">
            {text.refresh}
          </Button>
        )}
        {signed < total && (
          <Button icon={<SafetyCertificateOutlined />} onClick={() => setOpen(true)} data-testid="signing-open">
            {text.signButton}
          </Button>
        )}
      </Flex>
      {!open && errors.map((message) => <Alert key={message} type="error" showIcon title={message} style={{ marginTop: 8 }} />)}
      <Modal
        open={open}
        title={text.dialogTitle}
        okText={text.signNow}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={close}
        destroyOnHidden
      >
        <Segmented
          block
          value={kind}
          onChange={(value) => setKind(value as KeyChoice['kind'])}
          options={[
            { value: 'pkcs11', label: text.keyToken },
            { value: 'p12', label: text.keyP12 },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Form form={form} layout="vertical" onFinish={(values) => void sign(values)} autoComplete="off">
          {kind === 'pkcs11' ? (
            <>
              <Form.Item name="modulePath" label={text.modulePath} rules={[{ required: true }]}>
                <Input data-testid="signing-module" />
              </Form.Item>
              <Form.Item name="tokenLabel" label={text.tokenLabel}>
                <Input data-testid="signing-token-label" />
              </Form.Item>
              <Form.Item name="pin" label={text.pin} rules={[{ required: true }]}>
                <Input.Password autoFocus data-testid="signing-pin" />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="p12Path" label={text.p12Path} rules={[{ required: true }]}>
                <Input data-testid="signing-p12-path" />
              </Form.Item>
              <Form.Item name="p12Password" label={text.p12Password}>
                <Input.Password autoFocus data-testid="signing-p12-password" />
              </Form.Item>
            </>
          )}
        </Form>
        {errors.map((message) => (
          <Alert key={message} type="error" showIcon title={message} />
        ))}
      </Modal>
    </Card>
  );
}
