import { CheckCircleOutlined, FileSearchOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Tooltip, Typography } from 'antd';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatLocalDateTime } from '../../common/local-format';
import { shortcutHint } from '../../common/shortcuts';
import type { Reception } from './use-reception';

const text = uiText.reception;
/** The side panel is narrow; long Vietnamese button labels wrap instead of spilling out. */
const WRAPPING = { whiteSpace: 'normal', height: 'auto', paddingBlock: 4 } as const;

/** The side panel: the due date, what the last check found, and the buttons that end the reception. */
export function ReceptionSummary({
  reception,
  sequenceEmpty,
  onStartOver,
}: {
  reception: Reception;
  sequenceEmpty: boolean;
  onStartOver: () => void;
}) {
  const { state, openModal, check, accept } = reception;
  const { procedure, due, missing, problem, busy, refusedMissing, refusals } = state;
  const incomplete = missing !== null && missing.length > 0;
  return (
    <Card title={text.dueDate} size="small" data-testid="reception-summary">
      <Flex vertical gap={12}>
        <Typography.Text strong style={{ fontSize: 22 }} data-testid="due-preview">
          {!procedure ? '—' : due?.dueLocal ? formatLocalDateTime(due.dueLocal) : due ? text.dueNone : '…'}
        </Typography.Text>
        {due && (
          <Typography.Text type="secondary">
            {text.receivedAt}: {formatLocalDateTime(due.receivedLocal)}
          </Typography.Text>
        )}
        {due?.calendarWarning && (
          // A due date counted through a year with no day off entered may fall on a holiday (docs/domain.md §8.2).
          <Alert type="warning" showIcon title={due.calendarWarning.message} data-testid="calendar-warning" />
        )}
        <ErrorAlert message={problem} />
        {missing && missing.length === 0 && <Alert type="success" showIcon title={text.complete} data-testid="check-complete" />}
        {incomplete && (
          <>
            <Alert
              key={refusals}
              type={refusedMissing ? 'error' : 'warning'}
              showIcon
              data-testid="missing-list"
              data-refusals={refusals}
              title={formatMessage(refusedMissing ? text.missingRefused : text.missingTitle, { count: missing.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {missing.map((c) => (
                    <li key={c.code}>{c.name}</li>
                  ))}
                </ul>
              }
            />
            <Button
              block
              icon={<FileSearchOutlined />}
              onClick={() => openModal('supplement')}
              data-testid="open-supplement"
              style={WRAPPING}
            >
              {text.supplement}
            </Button>
            <Button block danger icon={<StopOutlined />} onClick={() => openModal('refusal')} data-testid="open-refusal" style={WRAPPING}>
              {text.refuse}
            </Button>
          </>
        )}
        <Tooltip title={shortcutHint('check')}>
          <Button block onClick={() => void check()} loading={busy === 'check'} disabled={!procedure} data-testid="reception-check">
            {text.check}
          </Button>
        </Tooltip>
        <Tooltip title={shortcutHint('accept')}>
          <Button
            block
            type="primary"
            size="large"
            icon={<CheckCircleOutlined />}
            onClick={() => void accept()}
            loading={busy === 'accept'}
            disabled={!procedure || sequenceEmpty}
            data-testid="reception-accept"
          >
            {text.accept}
          </Button>
        </Tooltip>
        <Tooltip title={shortcutHint('newDossier')}>
          <Button block icon={<RedoOutlined />} onClick={onStartOver} data-testid="reception-start-over">
            {text.startOver}
          </Button>
        </Tooltip>
        {procedure && !incomplete && (
          <Button type="link" danger onClick={() => openModal('refusal')} style={{ alignSelf: 'center' }}>
            {text.refuse}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
