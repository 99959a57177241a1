import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { SignatureVerdict } from '../../../../shared/signing/verdict';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { formatDateTime } from '../../common/format';

const text = uiText.signing;

/**
 * The verdict on a PDF that came in — attached at reception, a reused document, a result — shown where
 * the file is listed: the signer's name when every signature holds, the reasons in Vietnamese when
 * one does not (docs/devices.md §7.4). Files that are not PDFs show nothing. The verdict is made once
 * per file and kept by the core; asking again reads the kept one.
 */
export function SignatureBadge({ sha256, mediaType }: { sha256: string; mediaType?: string }) {
  const [verification, setVerification] = useState<SignatureVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isPdf = !mediaType || mediaType === 'application/pdf';

  useEffect(() => {
    if (!isPdf) return;
    let current = true;
    setVerification(null);
    setError(null);
    void api.signing.verifyStored({ sha256 }).then((result) => {
      if (!current) return;
      if (result.ok) setVerification(result.value);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [sha256, isPdf]);

  if (!isPdf) return null;
  if (error)
    return (
      <Tooltip title={error}>
        <Tag color="red" icon={<WarningOutlined />} data-testid="signature-badge" data-state="error">
          {text.verifyFailed}
        </Tag>
      </Tooltip>
    );
  return verification && <SignatureVerdictBadge verdict={verification} />;
}

/**
 * A verdict already made — kept with the file since it arrived (the look-up's file list) or just
 * asked for: the signers when every signature holds, with the notes that do not make it invalid
 * (revoked after signing, revocation not checked); the reasons in Vietnamese when one does not.
 */
export function SignatureVerdictBadge({ verdict }: { verdict: SignatureVerdict }) {
  if (!verdict.signed)
    return (
      <Tag data-testid="signature-badge" data-state="unsigned">
        {text.notSigned}
      </Tag>
    );
  const signers = [...new Set(verdict.signatures.map((signature) => signature.signerName))].join(', ');
  const notes = [...new Set(verdict.signatures.flatMap((signature) => signature.notes))];
  if (verdict.valid) {
    const last = verdict.signatures.at(-1)!;
    return (
      <Flex vertical gap={2}>
        <Tooltip
          title={
            last.signingTime
              ? formatMessage(last.timestamped ? text.signedAtTooltip : text.signedAtClaimedTooltip, {
                  time: formatDateTime(last.signingTime),
                })
              : undefined
          }
        >
          <Tag color="green" icon={<SafetyCertificateOutlined />} data-testid="signature-badge" data-state="valid">
            {formatMessage(text.signedBy, { signer: signers })}
          </Tag>
        </Tooltip>
        {notes.map((note) => (
          <Typography.Text key={note} type="secondary" style={{ fontSize: 12 }} data-testid="signature-note">
            {note}
          </Typography.Text>
        ))}
      </Flex>
    );
  }
  const reasons = [...new Set(verdict.signatures.flatMap((signature) => signature.reasons))];
  return (
    <Flex vertical gap={2} data-testid="signature-badge-invalid">
      <Tag color="red" icon={<WarningOutlined />} data-testid="signature-badge" data-state="invalid">
        {formatMessage(text.signatureInvalid, { signer: signers })}
      </Tag>
      {reasons.map((reason) => (
        <Typography.Text key={reason} type="danger" style={{ fontSize: 12 }} data-testid="signature-reason">
          {reason}
        </Typography.Text>
      ))}
    </Flex>
  );
}
