import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, List, Progress, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { nextSetupStep, setupChecklist, type SetupStep, type SetupStepKey } from '../../../../shared/site/setup-checklist';
import { api } from '../../api';

const text = uiText.setupChecklist;

/** What each step's facts are read from; a call that fails counts the step as not done. */
async function loadSteps(): Promise<SetupStep[]> {
  const [site, sequence, devices, scan, sync] = await Promise.all([
    api.site.get({}),
    api.sequence.status({}),
    api.devices.settings({}),
    api.devices.scanSettings({}),
    api.sync.status({}),
  ]);
  // The year is the core's, whose clock the whole app follows, not this machine's.
  const year = sequence.ok ? Number(sequence.value.today.date.slice(0, 4)) : null;
  const [thisYear, nextYear] = year
    ? await Promise.all([api.calendar.year({ year }), api.calendar.year({ year: year + 1 })])
    : [null, null];
  const daysOff = (result: typeof thisYear) => (result?.ok ? result.value.days.filter((d) => d.kind === 'dayOff').length : 0);
  const scanner = scan.ok && (scan.value.defaultScanner !== null || scan.value.esclScanners.length > 0 || scan.value.hotFolders.length > 0);
  return setupChecklist({
    siteConfigured: site.ok && site.value.configured,
    sequenceBlocks: sequence.ok ? sequence.value.blocks.length : 0,
    daysOffThisYear: daysOff(thisYear),
    daysOffNextYear: daysOff(nextYear),
    formPrinterChosen: devices.ok && Boolean(devices.value.formPrinters.A5 || devices.value.formPrinters.A4),
    scannerChosen: Boolean(scanner),
    syncEnrolled: sync.ok && sync.value.enrolled,
  });
}

/**
 * The set-up checklist above the admin tabs (issue 13 point 11): every step with whether it is done,
 * and the next one to do with a button to its tab. It is read again whenever `refreshKey` changes
 * (the admin moved to another tab, which is also what saving a tab and moving on looks like).
 */
export function SetupChecklist({ refreshKey, onGo }: { refreshKey: unknown; onGo: (step: SetupStepKey) => void }) {
  const [steps, setSteps] = useState<SetupStep[] | null>(null);
  const refresh = useCallback(async () => setSteps(await loadSteps()), []);
  useEffect(() => {
    void refresh();
  }, [refresh, refreshKey]);

  if (!steps) return null;
  const next = nextSetupStep(steps);
  const done = steps.filter((s) => s.done).length;
  if (!next) return <Alert type="success" showIcon title={text.allDone} style={{ marginBottom: 16 }} data-testid="setup-done" />;
  return (
    <Card
      size="small"
      title={text.title}
      style={{ marginBottom: 16 }}
      data-testid="setup-checklist"
      extra={<Progress percent={Math.round((done / steps.length) * 100)} size="small" style={{ width: 120, margin: 0 }} />}
    >
      <Flex vertical gap={8}>
        <Flex align="center" gap={12} wrap>
          <Typography.Text strong data-testid="setup-next">
            {formatMessage(text.next, { step: text.steps[next] })}
          </Typography.Text>
          <Button type="primary" size="small" onClick={() => onGo(next)} data-testid="setup-go">
            {text.go}
          </Button>
          <Typography.Text type="secondary">{formatMessage(text.progress, { done, total: steps.length })}</Typography.Text>
        </Flex>
        <List
          size="small"
          grid={{ gutter: 8, xs: 1, md: 2, xl: 3 }}
          dataSource={steps}
          renderItem={(step) => (
            <List.Item style={{ marginBottom: 0 }} data-testid={`setup-step-${step.key}`} data-done={step.done}>
              <Button
                type="link"
                size="small"
                onClick={() => onGo(step.key)}
                style={{ paddingInline: 0, whiteSpace: 'normal', height: 'auto', textAlign: 'start' }}
              >
                {step.done ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <ClockCircleOutlined />} {text.steps[step.key]}
              </Button>{' '}
              <Typography.Text type={step.done ? 'success' : 'secondary'}>{step.done ? text.done : text.todo}</Typography.Text>
            </List.Item>
          )}
        />
      </Flex>
    </Card>
  );
}
