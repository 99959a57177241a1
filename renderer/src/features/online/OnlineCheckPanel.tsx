import { App, Button, Descriptions, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatLocalDateTime } from '../../common/local-format';
import { toVietnamLocal } from '../../../../shared/domain/vietnam-time';

type Claim = ChannelOutput<'online.claim'>;

const text = uiText.onlineQueue.check;

interface FiledFile {
  MaThanhPhanHoSo?: unknown;
  TenTepDinhKem?: unknown;
  DuongDanTaiTepTin?: unknown;
}

const field = (submission: Record<string, unknown>, name: string) => {
  const value = submission[name];
  return typeof value === 'string' ? value : '';
};

/**
 * What the officer checks after claiming an online dossier (issue 15 §1): the applicant and contacts as
 * filed, the files the citizen attached, and the decisions that need no code — a supplement request
 * (Form 02) or a refusal (Form 03) with the reason the applicant is sent. Accepting opens the reception
 * form filled from the submission (`onReceive`), since a code needs the whole checklist.
 */
export function OnlineCheckPanel(props: { id: string; claim: Claim; onClose: () => void; onDecided: () => void; onReceive: () => void }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submission = props.claim.submission;
  const files = (Array.isArray(submission.TaiLieuNop) ? submission.TaiLieuNop : []) as FiledFile[];

  const decide = async (kind: 'supplement' | 'refuse') => {
    setBusy(true);
    setError(null);
    const input = { id: props.id, reason };
    const result = kind === 'supplement' ? await api.online.requestSupplement(input) : await api.online.refuse(input);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    void message.success(kind === 'supplement' ? text.supplementDone : text.refuseDone);
    // The form goes unsigned rather than hold the decision (issue 16 §3): the officer is told it is "chưa ký".
    const form = result.value.form;
    if (!form?.attached) void message.warning(text.formNotSent);
    else if (!form.signed) void message.warning(text.formNotSigned);
    props.onDecided();
  };

  return (
    <Modal open title={text.title} onCancel={props.onClose} footer={null} width={720} data-testid="online-check">
      <Typography.Paragraph type="secondary">
        {formatMessage(text.heldUntil, { until: formatLocalDateTime(toVietnamLocal(new Date(props.claim.until))) })}
      </Typography.Paragraph>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={text.applicant}>{field(submission, 'ChuHoSo')}</Descriptions.Item>
        <Descriptions.Item label={text.idNumber}>{field(submission, 'SoGiayToChuHoSo')}</Descriptions.Item>
        <Descriptions.Item label={text.phone}>{field(submission, 'SoDienThoai')}</Descriptions.Item>
        <Descriptions.Item label={text.email}>{field(submission, 'Email')}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{text.files}</Typography.Title>
      <List
        size="small"
        dataSource={files}
        locale={{ emptyText: text.noFiles }}
        data-testid="online-check-files"
        renderItem={(file) => (
          <List.Item>
            {String(file.MaThanhPhanHoSo ?? '')} — {String(file.TenTepDinhKem ?? '')}
          </List.Item>
        )}
      />
      <ErrorAlert message={error} />
      <Input.TextArea
        rows={3}
        maxLength={2000}
        placeholder={text.reason}
        aria-label={text.reason}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        data-testid="online-check-reason"
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={props.onReceive} disabled={busy} data-testid="online-check-receive">
          {text.receive}
        </Button>
        <Button onClick={() => void decide('supplement')} loading={busy} data-testid="online-check-supplement">
          {text.supplement}
        </Button>
        <Button danger onClick={() => void decide('refuse')} loading={busy} data-testid="online-check-refuse">
          {text.refuse}
        </Button>
      </Space>
    </Modal>
  );
}
