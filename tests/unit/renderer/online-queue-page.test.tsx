import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uiText } from '../../../shared/i18n/vi';

/** Issue 15 §1: the online queue shows each dossier's deadline and time left, coloured, and the count in its header. */
const calls = vi.hoisted(() => ({ queue: vi.fn(), claim: vi.fn(), requestSupplement: vi.fn(), refuse: vi.fn() }));
// The check panel reads the procedure's checklist from the catalogue: one required component, the declaration.
const catalogGet = vi.hoisted(() =>
  vi.fn(async () => ({
    ok: true,
    value: {
      code: '1.001193.000.00.00.H56',
      name: 'Đăng ký khai sinh',
      components: [{ code: 'TP01', name: 'Tờ khai đăng ký khai sinh', required: true }],
    },
  })),
);
vi.mock('../../../renderer/src/api', () => ({ api: { online: calls, catalog: { get: catalogGet } } }));

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
      <OnlineQueuePage reception={{ isAdmin: false, onOpenReturn: vi.fn(), onOpenAdmin: vi.fn() }} />
    </App>,
  );
}

afterEach(() => {
  cleanup();
  for (const call of Object.values(calls)) call.mockReset();
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

  it('claims a dossier, shows what the citizen filed, and sends a refusal with its reason; a held one names its holder', async () => {
    const waiting = {
      online: true,
      reason: null,
      message: null,
      count: 1,
      dossiers: [queued('c', '2026-03-09T11:30', { workingMinutesLeft: 240, overdue: false, colour: 'green' })],
    };
    calls.queue
      .mockResolvedValueOnce({ ok: true, value: waiting })
      .mockResolvedValue({ ok: true, value: { ...waiting, count: 0, dossiers: [] } });
    calls.claim
      .mockResolvedValueOnce({
        ok: false,
        error: { code: 'ONLINE_DOSSIER_HELD', message: 'Hồ sơ trực tuyến này đang do Trần Văn Bình xử lý (giữ đến 09:15 09/03/2026).' },
      })
      .mockResolvedValue({
        ok: true,
        value: {
          until: '2026-03-09T02:15:00.000Z',
          channel: 2,
          submission: {
            ChuHoSo: 'Nguyễn Thị Hồng Nhung',
            SoGiayToChuHoSo: '038190012345',
            SoDienThoai: '0912345678',
            Email: 'nhung@example.vn',
            TaiLieuNop: [{ MaThanhPhanHoSo: 'TP01', TenTepDinhKem: 'to-khai.pdf', DuongDanTaiTepTin: 'https://dvc.example/f/1' }],
          },
          files: [
            {
              position: 0,
              componentCode: 'TP01',
              name: 'to-khai.pdf',
              state: 'stored',
              sha256: 'a'.repeat(64),
              size: 1200,
              mediaType: 'application/pdf',
              errorCode: null,
            },
          ],
        },
      });
    calls.refuse.mockResolvedValue({
      ok: true,
      value: { decision: 'refused', form: { sha256: 'f'.repeat(64), signed: false, attached: true } },
    });
    show();
    await waitFor(() => expect(screen.getByTestId('online-claim-c')).toBeTruthy());

    fireEvent.click(screen.getByTestId('online-claim-c'));
    await waitFor(() => expect(screen.getByText(/Trần Văn Bình/)).toBeTruthy());
    expect(screen.queryByTestId('online-check')).toBeNull();

    fireEvent.click(screen.getByTestId('online-claim-c'));
    await waitFor(() => expect(screen.getByText('nhung@example.vn')).toBeTruthy());
    expect(screen.getByText(/09:15 09\/03\/2026|09\/03\/2026 09:15/)).toBeTruthy();
    // The file the gateway fetched from the portal is listed under its component, to be opened in the viewer.
    await waitFor(() => expect(screen.getByTestId('online-check-component-TP01').textContent).toContain('to-khai.pdf'));
    expect(screen.getByTestId('online-file-view-0')).toBeTruthy();
    fireEvent.change(screen.getByTestId('online-check-reason'), { target: { value: 'Không thuộc thẩm quyền của xã' } });
    fireEvent.click(screen.getByTestId('online-check-refuse'));
    await waitFor(() => expect(calls.refuse).toHaveBeenCalledWith({ id: 'c', reason: 'Không thuộc thẩm quyền của xã' }));
    await waitFor(() => expect(screen.getByTestId('online-queue-count').textContent).toBe('0'));
    // Form 03 went without a signature: the officer is told it is "chưa ký".
    await waitFor(() => expect(screen.getByText(uiText.onlineQueue.check.formNotSigned)).toBeTruthy());
  });
});
