import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uiText } from '../../../shared/i18n/vi';

/** Issue 15 §1: the online queue shows each dossier's deadline and time left, coloured, and the count in its header. */
const calls = vi.hoisted(() => ({ queue: vi.fn() }));
vi.mock('../../../renderer/src/api', () => ({ api: { online: calls } }));

const { OnlineQueuePage } = await import('../../../renderer/src/features/online/OnlineQueuePage');

const queued = (id: string, deadline: string, sla: { workingMinutesLeft: number; overdue: boolean; colour: string }, channel = 2) => ({
  id,
  channel,
  procedureCode: '1.001193.000.00.00.H56',
  submittedAt: '2026-03-06T10:20:00.000Z',
  deadline,
  applicantName: `Người nộp ${id}`,
  claimedBy: id === 'b' ? { username: 'lan.nt', fullName: 'Nguyễn Thị Lan', until: '2026-03-09T02:45:00.000Z' } : null,
  sla: { deadline, ...sla },
});

function show() {
  render(
    <App>
      <OnlineQueuePage />
    </App>,
  );
}

afterEach(() => {
  cleanup();
  calls.queue.mockReset();
});

describe('the "Hồ sơ trực tuyến" queue', () => {
  it('lists in the order given with deadline, time left, colour, channel, holder, and the count in the header', async () => {
    calls.queue.mockResolvedValue({
      ok: true,
      value: {
        online: true,
        reason: null,
        message: null,
        count: 3,
        dossiers: [
          queued('a', '2026-03-06T15:00', { workingMinutesLeft: 0, overdue: true, colour: 'red' }),
          queued('b', '2026-03-09T11:15', { workingMinutesLeft: 105, overdue: false, colour: 'orange' }, 3),
          queued('c', '2026-03-09T11:30', { workingMinutesLeft: 240, overdue: false, colour: 'green' }),
        ],
      },
    });
    show();
    await waitFor(() => expect(screen.getByText('Người nộp c')).toBeTruthy());
    const rows = screen.getByTestId('online-queue').querySelectorAll('tbody tr');
    expect(Array.from(rows, (row) => row.textContent)).toEqual([
      expect.stringContaining('06/03/2026 15:00 Quá hạn'),
      expect.stringContaining('09/03/2026 11:15 Còn 1 giờ 45 phút'),
      expect.stringContaining('09/03/2026 11:30 Còn 4 giờ 00 phút'),
    ]);
    expect(rows[1]!.textContent).toContain(uiText.onlineQueue.postal);
    expect(rows[1]!.textContent).toContain('Nguyễn Thị Lan đang xử lý');
    expect(screen.getByTestId('online-sla-red')).toBeTruthy();
    expect(screen.getByTestId('online-sla-orange')).toBeTruthy();
    expect(screen.getByTestId('online-sla-green')).toBeTruthy();
    expect(screen.getByTestId('online-queue-count').textContent).toBe('3');
  });

  it('says the counter is not enrolled rather than showing an empty queue', async () => {
    calls.queue.mockResolvedValue({ ok: true, value: { online: false, reason: 'notEnrolled', message: null, count: 0, dossiers: [] } });
    show();
    await waitFor(() => expect(screen.getByTestId('online-queue-offline').textContent).toContain(uiText.onlineQueue.notEnrolled));
  });
});
