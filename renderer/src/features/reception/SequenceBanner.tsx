import { Alert } from 'antd';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { formatLocalDate } from '../../common/local-format';

const text = uiText.reception;

/** The day's receipt numbers: an error when none is left, a warning when few are. */
export function SequenceBanner({ sequence }: { sequence: ChannelOutput<'sequence.status'>['today'] }) {
  const params = { date: formatLocalDate(sequence.date), remaining: sequence.remaining, total: sequence.total };
  if (sequence.remaining === 0) {
    return <Alert type="error" showIcon title={formatMessage(text.sequenceEmpty, params)} data-testid="sequence-banner" />;
  }
  if (!sequence.low) return null;
  return <Alert type="warning" showIcon title={formatMessage(text.sequenceLow, params)} data-testid="sequence-banner" />;
}
