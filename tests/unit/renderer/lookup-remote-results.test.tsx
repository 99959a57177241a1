import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uiText } from '../../../shared/i18n/vi';

/** Issue 14 §1: the look-up marks the province's dossiers as such, and says when it searched only this counter. */
const calls = vi.hoisted(() => ({ searchRemote: vi.fn(), openRemote: vi.fn() }));
vi.mock('../../../renderer/src/api', () => ({ api: { dossier: calls } }));

const { RemoteResults } = await import('../../../renderer/src/features/lookup/RemoteResults');

const summary = (code: string) => ({
  code,
  agencyCode: '000.00.06.H56',
  status: 2,
  ownerName: 'Nguyễn Thị Hồng Nhung',
  procedureName: 'Đăng ký khai sinh',
  receivedLocal: '2026-03-02T08:00',
  dueLocal: null,
});

function show(localCodes: string[] = [], onOpened = vi.fn()) {
  render(
    <App>
      <RemoteResults text="hong nhung" localCodes={new Set(localCodes)} onOpened={onOpened} />
    </App>,
  );
  return onOpened;
}

afterEach(() => {
  cleanup();
  calls.searchRemote.mockReset();
  calls.openRemote.mockReset();
});

describe('the province-wide part of the look-up', () => {
  it('lists dossiers of other counters tagged as such, leaves out those held here, and opens one', async () => {
    calls.searchRemote.mockResolvedValue({
      ok: true,
      value: {
        online: true,
        reason: null,
        message: null,
        results: [summary('000.00.06.H56-260302-0001'), summary('000.00.06.H56-260302-0002')],
      },
    });
    const view = { id: 'x', code: '000.00.06.H56-260302-0002' };
    calls.openRemote.mockResolvedValue({ ok: true, value: { id: 'x', view, history: [], files: [] } });
    const onOpened = show(['000.00.06.H56-260302-0001']);
    const row = await screen.findByText('000.00.06.H56-260302-0002');
    expect(screen.queryByText('000.00.06.H56-260302-0001')).toBeNull();
    expect(screen.getByTestId('lookup-remote-results').textContent).toContain(uiText.lookup.remoteTag);
    expect(calls.searchRemote).toHaveBeenCalledWith({ text: 'hong nhung' });
    fireEvent.click(row);
    await waitFor(() => expect(onOpened).toHaveBeenCalledWith(view));
    expect(calls.openRemote).toHaveBeenCalledWith({ code: '000.00.06.H56-260302-0002' });
  });

  it('says the counter searched only what it holds when the province cannot be reached', async () => {
    calls.searchRemote.mockResolvedValue({
      ok: true,
      value: { online: false, reason: 'offline', message: 'Không kết nối được tới hệ thống của tỉnh', results: [] },
    });
    show();
    expect((await screen.findByTestId('lookup-remote-offline')).textContent).toContain(uiText.lookup.remoteOffline);
  });
});
