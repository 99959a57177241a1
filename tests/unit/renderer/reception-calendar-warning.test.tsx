import { cleanup, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage } from '../../../shared/i18n/vi';
import { ReceptionSummary } from '../../../renderer/src/features/reception/ReceptionSummary';
import { initialReceptionState } from '../../../renderer/src/features/reception/reception-state';
import type { Reception } from '../../../renderer/src/features/reception/use-reception';

/** Issue 14 point 5: the counter, not only the admin calendar, warns when a due date crosses a year with no day off entered. */
function summary(due: Reception['state']['due']) {
  const reception = {
    state: { ...initialReceptionState, procedure: { code: 'P', name: 'Thủ tục' }, due },
    openModal: () => undefined,
    check: async () => undefined,
    accept: async () => undefined,
  } as unknown as Reception;
  render(
    <App>
      <ReceptionSummary reception={reception} sequenceEmpty={false} onStartOver={() => undefined} />
    </App>,
  );
}

afterEach(cleanup);

describe('the due date at the counter', () => {
  it('shows the calendar warning the core answers with', () => {
    const message = errorMessage('CALENDAR_YEAR_WITHOUT_DAYS_OFF', { years: '2027' });
    summary({ receivedLocal: '2026-12-31T16:00', dueLocal: '2027-01-04T17:00', calendarWarning: { years: [2027], message } });
    expect(screen.getByTestId('calendar-warning').textContent).toContain(message);
  });

  it('shows none when every year counted through has its days off', () => {
    summary({ receivedLocal: '2026-03-02T08:00', dueLocal: '2026-03-02T17:00' });
    expect(screen.queryByTestId('calendar-warning')).toBeNull();
  });
});
