import { Alert, Button, Card, Flex, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CitizenDraft, CitizenScreen } from '../../../shared/citizen-screen/citizen-view';
import {
  dissatisfactionReasons,
  satisfactionLevels,
  type DissatisfactionReason,
  type SatisfactionLevel,
} from '../../../shared/citizen-screen/satisfaction';
import { formatMessage, uiText } from '../../../shared/i18n/vi';
import { formatLocalDateTime, formatMoney } from '../common/local-format';
import { citizenApi } from './citizen-api';

const text = uiText.citizenScreen;

/** Finger-sized: the citizen taps these on a tablet or a touch monitor facing them. */
const TOUCH = { minHeight: 96, fontSize: 28, paddingInline: 32 } as const;

/** The citizen-facing screen: whatever the core pushes, and the rating the citizen gives (issue 18 §2). */
export function CitizenScreenPage() {
  const [screen, setScreen] = useState<CitizenScreen>({ kind: 'blank' });
  useEffect(() => {
    const stop = citizenApi.onScreen(setScreen);
    void citizenApi.current().then((result) => {
      if (result.ok) setScreen(result.value);
    });
    return stop;
  }, []);
  return (
    <Flex vertical style={{ minHeight: '100vh', padding: 32 }} gap={24} data-testid="citizen-screen" data-kind={screen.kind}>
      {screen.kind === 'blank' && <Blank />}
      {screen.kind === 'draft' && <DraftView draft={screen.draft} />}
      {screen.kind === 'rating' && <RatingView key={screen.token} screen={screen} />}
      {screen.kind === 'thanks' && (
        <Typography.Title level={2} data-testid="citizen-thanks">
          {text.thanks}
        </Typography.Title>
      )}
    </Flex>
  );
}

function Blank() {
  return (
    <Flex vertical align="center" justify="center" style={{ flex: 1 }} data-testid="citizen-blank">
      <Typography.Title>{text.welcome}</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 26 }}>{text.blankHint}</Typography.Paragraph>
    </Flex>
  );
}

function DraftView({ draft }: { draft: CitizenDraft }) {
  return (
    <Card title={<Typography.Title level={2}>{text.checkTitle}</Typography.Title>} data-testid="citizen-draft">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Field label={text.procedure} value={draft.procedureName} testId="citizen-procedure" />
        <Field label={text.owner} value={draft.ownerName} testId="citizen-owner" />
        <div>
          <Typography.Text strong>{text.components}</Typography.Text>
          {draft.components.length === 0 ? (
            <Typography.Paragraph>{text.noComponents}</Typography.Paragraph>
          ) : (
            <ol data-testid="citizen-components">
              {draft.components.map((component, i) => (
                <li key={i}>
                  {component.name} —{' '}
                  {formatMessage(text.componentCounts, {
                    originals: component.originals,
                    copies: component.copies,
                    pages: component.pages,
                  })}
                </li>
              ))}
            </ol>
          )}
        </div>
        <div>
          <Typography.Text strong>{text.fees}</Typography.Text>
          {draft.fees.length === 0 ? (
            <Typography.Paragraph>{text.noFees}</Typography.Paragraph>
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey={(_fee, i) => String(i)}
              dataSource={draft.fees}
              columns={[
                { dataIndex: 'name', title: text.fees },
                { dataIndex: 'amount', align: 'right', render: (amount: number) => formatMoney(amount) },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{text.total}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <span data-testid="citizen-total">{formatMoney(draft.totalFee)}</span>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          )}
        </div>
        <Field label={text.due} value={draft.dueLocal ? formatLocalDateTime(draft.dueLocal) : text.dueUnknown} testId="citizen-due" />
      </Space>
    </Card>
  );
}

function Field({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <Typography.Text strong>{label}: </Typography.Text>
      <Typography.Text data-testid={testId}>{value}</Typography.Text>
    </div>
  );
}

function RatingView({ screen }: { screen: Extract<CitizenScreen, { kind: 'rating' }> }) {
  const [unhappy, setUnhappy] = useState(false);
  const [reasons, setReasons] = useState<DissatisfactionReason[]>([]);
  const [error, setError] = useState<string | null>(null);
  const question = formatMessage(screen.stage === 'reception' ? text.askReception : text.askReturn, { code: screen.dossierCode });

  async function send(rating: SatisfactionLevel, chosen: DissatisfactionReason[]) {
    const result = await citizenApi.rate({ token: screen.token, rating, reasons: chosen });
    if (!result.ok) setError(result.error.message);
  }

  if (unhappy)
    return (
      <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="citizen-reasons">
        <Typography.Title level={2}>{text.reasonsTitle}</Typography.Title>
        {dissatisfactionReasons.map((reason) => {
          const chosen = reasons.includes(reason);
          return (
            <Button
              key={reason}
              block
              size="large"
              type={chosen ? 'primary' : 'default'}
              aria-pressed={chosen}
              style={{ ...TOUCH, whiteSpace: 'normal', textAlign: 'left', justifyContent: 'flex-start' }}
              onClick={() => setReasons(chosen ? reasons.filter((r) => r !== reason) : [...reasons, reason])}
            >
              {text.reasons[reason]}
            </Button>
          );
        })}
        {error && <Alert type="error" showIcon message={error} />}
        <Flex gap={24}>
          <Button size="large" style={TOUCH} onClick={() => setUnhappy(false)}>
            {text.back}
          </Button>
          <Button
            size="large"
            type="primary"
            danger
            style={TOUCH}
            disabled={reasons.length === 0}
            onClick={() => void send('dissatisfied', reasons)}
          >
            {text.send}
          </Button>
        </Flex>
      </Space>
    );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="citizen-rating">
      <Typography.Title level={2}>{question}</Typography.Title>
      {screen.dueLocal && <Field label={text.due} value={formatLocalDateTime(screen.dueLocal)} testId="citizen-rating-due" />}
      {error && <Alert type="error" showIcon message={error} />}
      <Flex gap={24} wrap>
        {satisfactionLevels.map((level) => (
          <Button
            key={level}
            size="large"
            type={level === 'satisfied' ? 'primary' : 'default'}
            danger={level === 'dissatisfied'}
            style={{ ...TOUCH, flex: 1, minWidth: 240 }}
            onClick={() => (level === 'dissatisfied' ? setUnhappy(true) : void send(level, []))}
          >
            {text.levels[level]}
          </Button>
        ))}
      </Flex>
    </Space>
  );
}
