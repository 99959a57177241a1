import { FolderOpenOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Form, Input, Modal, Segmented, Select, Space, Typography, type ButtonProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { formatDateTime } from '../../common/format';
import { KeyFilePicker } from './KeyFilePicker';

const text = uiText.signing;

export type KeyChoice = ChannelInput<'signing.signDossier'>['key'];

interface KeyForm {
  modulePath: string;
  tokenLabel?: string;
  certificateId?: string;
  pin: string;
  p12Path: string;
  p12Password: string;
}

/** The folder a path sits in, for the picker to open there (both separators: Windows and Linux paths). */
function folderOf(file: string | undefined): string | null {
  if (!file) return null;
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut > 0 ? file.slice(0, cut) : null;
}

/**
 * The key for one signing session (docs/devices.md §7): a PKCS#11 token — library from the known
 * Vietnamese drivers or a file picker, then the token and the certificate, then the PIN — or a .p12
 * file and its password. The PIN or password lives only in this form and the one call; the form is
 * cleared when the dialog closes. `onSign` answers the errors to show; none closes the dialog.
 */
export function SignKeyDialog(props: {
  open: boolean;
  title?: string;
  onClose: () => void;
  onSign: (key: KeyChoice) => Promise<string[]>;
}) {
  const { open, title, onClose, onSign } = props;
  const [kind, setKind] = useState<KeyChoice['kind']>('pkcs11');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [suggestions, setSuggestions] = useState<ChannelOutput<'signing.moduleSuggestions'>>([]);
  const [tokens, setTokens] = useState<ChannelOutput<'signing.tokens'> | null>(null);
  const [certificates, setCertificates] = useState<ChannelOutput<'signing.certificates'>>([]);
  const [picker, setPicker] = useState<'module' | 'p12' | null>(null);
  const [form] = Form.useForm<KeyForm>();

  useEffect(() => {
    if (!open) return;
    void api.signing.moduleSuggestions({}).then((result) => {
      if (!result.ok) return;
      setSuggestions(result.value);
      const installed = result.value.find((row) => row.present);
      if (installed && !form.getFieldValue('modulePath')) form.setFieldValue('modulePath', installed.path);
    });
  }, [open, form]);

  const loadCertificates = useCallback(
    async (modulePath: string, tokenLabel: string | undefined) => {
      const result = await api.signing.certificates({ modulePath, tokenLabel });
      setCertificates(result.ok ? result.value : []);
      form.setFieldValue('certificateId', result.ok ? result.value[0]?.id : undefined);
      if (!result.ok) setErrors([result.error.message]);
    },
    [form],
  );

  const findTokens = useCallback(async () => {
    const modulePath = String(form.getFieldValue('modulePath') ?? '').trim();
    if (!modulePath) return;
    setErrors([]);
    const result = await api.signing.tokens({ modulePath });
    if (!result.ok) {
      setTokens(null);
      setCertificates([]);
      setErrors([result.error.message]);
      return;
    }
    setTokens(result.value);
    const first = result.value[0]?.label;
    form.setFieldValue('tokenLabel', first);
    if (first) await loadCertificates(modulePath, first);
    else setCertificates([]);
  }, [form, loadCertificates]);

  const close = () => {
    form.resetFields();
    setTokens(null);
    setCertificates([]);
    setErrors([]);
    onClose();
  };

  const submit = async (values: KeyForm) => {
    const key: KeyChoice =
      kind === 'pkcs11'
        ? {
            kind,
            modulePath: values.modulePath.trim(),
            tokenLabel: values.tokenLabel || undefined,
            certificateId: values.certificateId || undefined,
            pin: values.pin,
          }
        : { kind, path: values.p12Path.trim(), password: values.p12Password ?? '' };
    setBusy(true);
    const problems = await onSign(key);
    setBusy(false);
    // The secret is dropped whatever happened: a retry asks for it again.
    form.setFieldsValue({ pin: '', p12Password: '' });
    setErrors(problems);
    if (problems.length === 0) close();
  };

  return (
    <Modal
      open={open}
      title={title ?? text.dialogTitle}
      okText={text.signNow}
      okButtonProps={{ 'data-testid': 'signing-submit' } as ButtonProps}
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
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} autoComplete="off">
        {kind === 'pkcs11' ? (
          <>
            <Form.Item label={text.modulePath} required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="modulePath" noStyle rules={[{ required: true, message: text.moduleRequired }]}>
                  <AutoComplete
                    style={{ width: '100%' }}
                    options={suggestions.map((row) => ({
                      value: row.path,
                      label: (
                        <span>
                          {row.path}{' '}
                          <Typography.Text type="secondary">
                            — {row.present ? formatMessage(text.moduleInstalled, { vendor: row.vendor }) : row.vendor}
                          </Typography.Text>
                        </span>
                      ),
                    }))}
                    onSelect={() => void findTokens()}
                  >
                    <Input data-testid="signing-module" onBlur={() => void findTokens()} />
                  </AutoComplete>
                </Form.Item>
                <Button icon={<FolderOpenOutlined />} onClick={() => setPicker('module')} data-testid="signing-module-browse">
                  {text.browse}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item label={text.tokenLabel}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="tokenLabel" noStyle>
                  <Select
                    style={{ flex: 1, minWidth: 0 }}
                    data-testid="signing-token"
                    placeholder={tokens && tokens.length === 0 ? text.noTokens : text.tokenPlaceholder}
                    options={(tokens ?? []).map((token) => ({
                      value: token.label,
                      label: `${token.label} — ${token.manufacturer} ${token.model} (${token.serialNumber})`,
                    }))}
                    onChange={(label: string) => void loadCertificates(String(form.getFieldValue('modulePath')), label)}
                  />
                </Form.Item>
                <Button icon={<ReloadOutlined />} onClick={() => void findTokens()} data-testid="signing-find-tokens">
                  {text.findTokens}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="certificateId" label={text.certificate}>
              <Select
                data-testid="signing-certificate"
                options={certificates.map((certificate) => ({
                  value: certificate.id,
                  label: formatMessage(text.certificateOption, {
                    subject: certificate.subject,
                    issuer: certificate.issuer,
                    notAfter: formatDateTime(certificate.notAfter).slice(0, 10),
                  }),
                }))}
              />
            </Form.Item>
            <Form.Item name="pin" label={text.pin} extra={text.pinNeverStored} rules={[{ required: true, message: text.pinRequired }]}>
              <Input.Password data-testid="signing-pin" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item label={text.p12Path} required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="p12Path" noStyle rules={[{ required: true, message: text.p12Required }]}>
                  <Input data-testid="signing-p12-path" />
                </Form.Item>
                <Button icon={<FolderOpenOutlined />} onClick={() => setPicker('p12')} data-testid="signing-p12-browse">
                  {text.browse}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="p12Password" label={text.p12Password} extra={text.pinNeverStored}>
              <Input.Password data-testid="signing-p12-password" />
            </Form.Item>
          </>
        )}
      </Form>
      {errors.map((message) => (
        <Alert key={message} type="error" showIcon title={message} data-testid="signing-error" style={{ marginTop: 8 }} />
      ))}
      <KeyFilePicker
        open={picker !== null}
        purpose={picker ?? 'module'}
        startDir={picker ? folderOf(form.getFieldValue(picker === 'p12' ? 'p12Path' : 'modulePath')) : null}
        onClose={() => setPicker(null)}
        onPick={(path) => {
          form.setFieldValue(picker === 'p12' ? 'p12Path' : 'modulePath', path);
          const wasModule = picker === 'module';
          setPicker(null);
          if (wasModule) void findTokens();
        }}
      />
    </Modal>
  );
}
