import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { formatDateTime } from '../../common/format';
import { SignKeyDialog, type KeyChoice } from '../signing/SignKeyDialog';

const text = uiText.signing;

/**
 * Signed / not yet signed for the dossier and each of its digitized component PDFs, and signing them in
 * one batch with one PIN while the citizen waits (docs/devices.md §7.6).
 */
export function SigningCard({ dossierId }: { dossierId: string }) {
  const [status, setStatus] = useState<Array<{ componentCode: string; signedAt: string | null }> | null>(null);
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [background, setBackground] = useState<ChannelOutput<'signing.backgroundStatus'> | null>(null);
  const [opening, setOpening] = useState(false);

  const refresh = useCallback(async () => {
    const [result, session] = await Promise.all([api.signing.status({ dossierId }), api.signing.backgroundStatus({})]);
    if (result.ok) setStatus(result.value);
    if (session.ok) setBackground(session.value);
  }, [dossierId]);

  const startBackground = async (key: KeyChoice): Promise<string[]> => {
    const result = await api.signing.backgroundStart({ key });
    if (!result.ok) return [result.error.message];
    setBackground(result.value);
    await refresh();
    return [];
  };

  const enqueue = async () => {
    const result = await api.signing.backgroundEnqueue({ dossierId });
    if (result.ok) setBackground(result.value);
    await refresh();
  };

  const stopBackground = async () => {
    const result = await api.signing.backgroundStop({});
    if (result.ok) setBackground(result.value);
  };

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const sign = async (key: KeyChoice): Promise<string[]> => {
    const result = await api.signing.signDossier({ dossierId, key });
    await refresh();
    const problems = result.ok
      ? result.value.failed.map((f) => formatMessage(text.failedComponent, { component: f.componentCode, message: f.error.message }))
      : [result.error.message];
    setErrors(problems);
    return problems;
  };

  if (!status) return null;
  const signed = status.filter((s) => s.signedAt !== null).length;
  const queued = background?.queued.includes(dossierId) ?? false;
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
        {status.map((component) => (
          <Tooltip key={component.componentCode} title={component.signedAt ? formatDateTime(component.signedAt) : undefined}>
            <Tag
              color={component.signedAt ? 'green' : 'default'}
              data-testid={`signing-component-${component.componentCode}`}
              data-signed={component.signedAt ? 'yes' : 'no'}
            >
              {formatMessage(component.signedAt ? text.componentSigned : text.componentUnsigned, { component: component.componentCode })}
            </Tag>
          </Tooltip>
        ))}
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
        {queued ? (
          <Tag color="blue" data-testid="signing-queued">
            {text.backgroundQueued}
          </Tag>
        ) : (
          signed < total &&
          background?.active && (
            <Button onClick={() => void enqueue()} data-testid="signing-enqueue">
              {text.backgroundEnqueue}
            </Button>
          )
        )}
      </Flex>
      {/* One session opened with the PIN signs queued dossiers after the citizen has left (docs/devices.md §7.6). */}
      <Flex gap={8} align="center" wrap style={{ marginTop: 8 }}>
        {background?.active ? (
          <>
            <Tag color="geekblue" data-testid="signing-background">
              {formatMessage(text.backgroundActive, { signer: background.signerName ?? '', count: background.queued.length })}
            </Tag>
            <Button size="small" onClick={() => void stopBackground()} data-testid="signing-background-stop">
              {text.backgroundStop}
            </Button>
          </>
        ) : (
          <Button size="small" onClick={() => setOpening(true)} data-testid="signing-background-start">
            {text.backgroundStart}
          </Button>
        )}
        {background?.lastError && <Typography.Text type="danger">{background.lastError.message}</Typography.Text>}
      </Flex>
      {!open && errors.map((message) => <Alert key={message} type="error" showIcon title={message} style={{ marginTop: 8 }} />)}
      <SignKeyDialog open={open} onClose={() => setOpen(false)} onSign={sign} />
      <SignKeyDialog open={opening} title={text.backgroundTitle} onClose={() => setOpening(false)} onSign={startBackground} />
    </Card>
  );
}
