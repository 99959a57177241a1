import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMessage, uiText } from '../../../shared/i18n/vi';

/** Issue 16 §3: the accepted dossier shows signed / not yet signed and signs the batch with one PIN. */
const calls = vi.hoisted(() => ({ status: vi.fn(), signDossier: vi.fn() }));
vi.mock('../../../renderer/src/api', () => ({ api: { signing: calls } }));

const { SigningCard } = await import('../../../renderer/src/features/digitization/SigningCard');

afterEach(() => {
  cleanup();
  calls.status.mockReset();
  calls.signDossier.mockReset();
});

describe('the signing card of an accepted dossier', () => {
  it('says not yet signed, signs with the token PIN once, then says signed', async () => {
    calls.status
      .mockResolvedValueOnce({
        ok: true,
        value: [
          { componentCode: 'TP01', signedAt: null },
          { componentCode: 'TP02', signedAt: null },
        ],
      })
      .mockResolvedValue({
        ok: true,
        value: [
          { componentCode: 'TP01', signedAt: '2026-03-02T01:00:00.000Z' },
          { componentCode: 'TP02', signedAt: '2026-03-02T01:00:00.000Z' },
        ],
      });
    calls.signDossier.mockResolvedValue({ ok: true, value: { signed: ['TP01', 'TP02'], failed: [] } });
    render(
      <App>
        <SigningCard dossierId="d1" />
      </App>,
    );
    expect((await screen.findByTestId('signing-badge')).textContent).toBe(
      formatMessage(uiText.signing.badgeUnsigned, { signed: 0, total: 2 }),
    );
    fireEvent.click(screen.getByTestId('signing-open'));
    fireEvent.change(await screen.findByTestId('signing-module'), { target: { value: '/usr/lib/libtoken.so' } });
    fireEvent.change(screen.getByTestId('signing-pin'), { target: { value: '123456' } });
    fireEvent.click(screen.getByText(uiText.signing.signNow));
    await waitFor(() =>
      expect(screen.getByTestId('signing-badge').textContent).toBe(formatMessage(uiText.signing.badgeSigned, { signed: 2, total: 2 })),
    );
    expect(calls.signDossier).toHaveBeenCalledTimes(1);
    expect(calls.signDossier).toHaveBeenCalledWith({
      dossierId: 'd1',
      key: { kind: 'pkcs11', modulePath: '/usr/lib/libtoken.so', tokenLabel: undefined, pin: '123456' },
    });
    expect(screen.queryByTestId('signing-open')).toBeNull();
  });

  it('looks again for the component PDFs a scan produces after acceptance', async () => {
    calls.status
      .mockResolvedValueOnce({ ok: true, value: [] })
      .mockResolvedValue({ ok: true, value: [{ componentCode: 'TP01', signedAt: null }] });
    render(
      <App>
        <SigningCard dossierId="d1" />
      </App>,
    );
    expect((await screen.findByTestId('signing-badge')).textContent).toBe(uiText.signing.badgeNone);
    fireEvent.click(screen.getByTestId('signing-refresh'));
    await waitFor(() =>
      expect(screen.getByTestId('signing-badge').textContent).toBe(formatMessage(uiText.signing.badgeUnsigned, { signed: 0, total: 1 })),
    );
    expect(screen.getByTestId('signing-open')).toBeTruthy();
  });

  it('keeps the dialog open with the Vietnamese reason when the PIN is wrong', async () => {
    calls.status.mockResolvedValue({ ok: true, value: [{ componentCode: 'TP01', signedAt: null }] });
    const message = 'Mã PIN của USB ký số không đúng.';
    calls.signDossier.mockResolvedValue({ ok: false, error: { code: 'SIGN_TOKEN_PIN_INCORRECT', message } });
    render(
      <App>
        <SigningCard dossierId="d1" />
      </App>,
    );
    fireEvent.click(await screen.findByTestId('signing-open'));
    fireEvent.change(await screen.findByTestId('signing-module'), { target: { value: '/usr/lib/libtoken.so' } });
    fireEvent.change(screen.getByTestId('signing-pin'), { target: { value: '000000' } });
    fireEvent.click(screen.getByText(uiText.signing.signNow));
    expect(await screen.findByText(message)).toBeTruthy();
    expect(screen.getByTestId('signing-pin')).toBeTruthy();
  });
});
