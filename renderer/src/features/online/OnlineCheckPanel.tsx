import { App, Button, Descriptions, Flex, Input, List, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Procedure } from '../../../../shared/catalog/procedure';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { errorMessage, errorMessages, formatMessage, uiText, type ErrorCode } from '../../../../shared/i18n/vi';
import type { SubmittedFile } from '../../../../shared/online/online-queue-protocol';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatBytes } from '../../common/format';
import { formatLocalDateTime } from '../../common/local-format';
import { toVietnamLocal } from '../../../../shared/domain/vietnam-time';
import { decisionFormNotice } from './decision-form-notice';
import { SubmittedFileViewer } from './SubmittedFileViewer';

type Claim = ChannelOutput<'online.claim'>;

const text = uiText.onlineQueue.check;

const field = (submission: Record<string, unknown>, name: string) => {
  const value = submission[name];
  return typeof value === 'string' ? value : '';
};

/** Why a filed file cannot be opened, in the catalogue's words (ONLINE_FILE_… codes of the gateway). */
function unavailable(file: SubmittedFile): string {
  const code = file.errorCode;
  return code && code in errorMessages ? errorMessage(code as ErrorCode) : text.pending;
}

/** One filed file: its name and size, and "Xem" when the gateway holds it, or why not. */
function FiledFile({ file, onView }: { file: SubmittedFile; onView: (file: SubmittedFile) => void }) {
  return (
    <Flex gap={8} align="center" wrap data-testid={`online-file-${file.position}`}>
      <Typography.Text>{file.name}</Typography.Text>
      {file.state === 'stored' ? (
        <>
          {file.size !== null && <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>}
          <Button size="small" onClick={() => onView(file)} data-testid={`online-file-view-${file.position}`}>
            {text.view}
          </Button>
        </>
      ) : (
        <Tooltip title={unavailable(file)}>
          <Tag color={file.state === 'refused' ? 'red' : 'orange'} data-testid={`online-file-unavailable-${file.position}`}>
            {file.state === 'refused' ? text.refused : text.pending}: {unavailable(file)}
          </Tag>
        </Tooltip>
      )}
    </Flex>
  );
}

/**
 * The procedure's checklist beside what the citizen filed for each component (issue 15 §1), so the officer sees at
 * once what is missing; files filed under a code the procedure does not have are listed apart.
 */
function FiledChecklist({
  procedure,
  files,
  onView,
}: {
  procedure: Procedure | null;
  files: SubmittedFile[];
  onView: (file: SubmittedFile) => void;
}) {
  const components = procedure?.components ?? [];
  const known = new Set(components.map((c) => c.code));
  const others = files.filter((f) => !known.has(f.componentCode));
  return (
    <>
      <List
        size="small"
        bordered
        header={<Typography.Text strong>{text.checklist}</Typography.Text>}
        dataSource={components}
        data-testid="online-check-files"
        renderItem={(component) => {
          const filed = files.filter((f) => f.componentCode === component.code);
          return (
            <List.Item data-testid={`online-check-component-${component.code}`}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{component.name}</Typography.Text>
                  {component.required && <Tag color="red">{text.required}</Tag>}
                </Flex>
                {filed.length === 0 ? (
                  <Typography.Text type={component.required ? 'danger' : 'secondary'}>{text.noFileFiled}</Typography.Text>
                ) : (
                  filed.map((file) => <FiledFile key={file.position} file={file} onView={onView} />)
                )}
              </Flex>
            </List.Item>
          );
        }}
      />
      {others.length > 0 && (
        <List
          size="small"
          header={<Typography.Text type="secondary">{text.otherFiles}</Typography.Text>}
          dataSource={others}
          data-testid="online-check-other-files"
          renderItem={(file) => (
            <List.Item>
              {file.componentCode} — <FiledFile file={file} onView={onView} />
            </List.Item>
          )}
        />
      )}
    </>
  );
}

/**
 * What the officer checks after claiming an online dossier (issue 15 §1): the applicant and contacts as
 * filed, the files the citizen attached against the procedure's checklist, each opened in the viewer, and
 * the decisions that need no code — a supplement request (Form 02) or a refusal (Form 03) with the reason
 * the applicant is sent. Accepting opens the reception form filled from the submission (`onReceive`),
 * since a code needs the whole checklist.
 */
export function OnlineCheckPanel(props: {
  id: string;
  procedureCode: string;
  claim: Claim;
  onClose: () => void;
  onDecided: () => void;
  onReceive: () => void;
}) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [viewing, setViewing] = useState<SubmittedFile | null>(null);
  const submission = props.claim.submission;

  useEffect(() => {
    let current = true;
    void api.catalog.get({ code: props.procedureCode }).then((result) => {
      if (!current) return;
      if (result.ok) setProcedure(result.value);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [props.procedureCode]);

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
    const notice = decisionFormNotice(result.value.form);
    if (notice) void message.warning(notice);
    props.onDecided();
  };

  return (
    <Modal open title={text.title} onCancel={props.onClose} footer={null} width={880} data-testid="online-check">
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
      {props.claim.files.length === 0 ? (
        <Typography.Paragraph type="secondary">{text.noFiles}</Typography.Paragraph>
      ) : (
        <FiledChecklist procedure={procedure} files={props.claim.files} onView={setViewing} />
      )}
      {viewing && <SubmittedFileViewer dossierId={props.id} file={viewing} onClose={() => setViewing(null)} />}
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
