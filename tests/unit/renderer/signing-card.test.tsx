import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatMessage, uiText } from '../../../shared/i18n/vi';

/** Issue 16 §3: the accepted dossier shows signed / not yet signed and signs the batch with one PIN. */
const calls = vi.hoisted(() => ({
  status: vi.fn(),
  signDossier: vi.fn(),
  moduleSuggestions: vi.fn(),
  tokens: vi.fn(),
  certificates: vi.fn(),
  browse: vi.fn(),
  backgroundStatus: vi.fn(),
  backgroundStart: vi.fn(),
  backgroundEnqueue: vi.fn(),
  backgroundStop: vi.fn(),
}));
vi.mock('../../../renderer/src/api', () => ({ api: { signing: calls } }));

const { SigningCard } = await import('../../../renderer/src/features/digitization/SigningCard');

const SOFTHSM = '/usr/lib/softhsm/libsofthsm2.so';

const IDLE = { active: false, signerName: null, queued: [], lastError: null };

beforeEach(() => {
  calls.backgroundStatus.mockResolvedValue({ ok: true, value: IDLE });
  calls.moduleSuggestions.mockResolvedValue({
    ok: true,
    value: [
      { vendor: 'SoftHSM2', path: SOFTHSM, present: true },
      { vendor: 'Bit4id', path: 'C:\\Windows\\System32\\bit4xpki.dll', present: false },
    ],
  });
  calls.tokens.mockResolvedValue({
    ok: true,
    value: [{ label: 'quay-mot-cua', manufacturer: 'SoftHSM project', model: 'SoftHSM v2', serialNumber: '1a2b' }],
  });
  calls.certificates.mockResolvedValue({
    ok: true,
    value: [{ id: '01', subject: 'UBND xã Thử Nghiệm', issuer: 'CA thử nghiệm', notAfter: '2027-01-01T00:00:00.000Z' }],
  });
  calls.browse.mockResolvedValue({
    ok: true,
    value: { dir: '/opt', parent: '/', entries: [{ name: 'libtoken.so', path: '/opt/libtoken.so', kind: 'file' }] },
  });
});

afterEach(() => {
  cleanup();
  for (const call of Object.values(calls)) call.mockReset();
});

function renderCard() {
  render(
    <App>
      <SigningCard dossierId="d1" />
    </App>,
  );
}

describe('the signing card of an accepted dossier', () => {
  it('shows each component not yet signed, offers the installed token, signs with its certificate and one PIN, then says signed', async () => {
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
    renderCard();
    expect((await screen.findByTestId('signing-badge')).textContent).toBe(
      formatMessage(uiText.signing.badgeUnsigned, { signed: 0, total: 2 }),
    );
    expect(screen.getByTestId('signing-component-TP01').dataset.signed).toBe('no');
    fireEvent.click(screen.getByTestId('signing-open'));
    // The library installed here is proposed; looking for tokens fills the token and its certificate.
    await waitFor(() => expect((screen.getByTestId('signing-module') as HTMLInputElement).value).toBe(SOFTHSM));
    fireEvent.click(screen.getByTestId('signing-find-tokens'));
    await waitFor(() => expect(calls.certificates).toHaveBeenCalledWith({ modulePath: SOFTHSM, tokenLabel: 'quay-mot-cua' }));
    expect(await screen.findByText(/UBND xã Thử Nghiệm — cấp bởi CA thử nghiệm/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('signing-pin'), { target: { value: '123456' } });
    fireEvent.click(screen.getByText(uiText.signing.signNow));
    await waitFor(() =>
      expect(screen.getByTestId('signing-badge').textContent).toBe(formatMessage(uiText.signing.badgeSigned, { signed: 2, total: 2 })),
    );
    expect(calls.signDossier).toHaveBeenCalledTimes(1);
    expect(calls.signDossier).toHaveBeenCalledWith({
      dossierId: 'd1',
      key: { kind: 'pkcs11', modulePath: SOFTHSM, tokenLabel: 'quay-mot-cua', certificateId: '01', pin: '123456' },
    });
    expect(screen.getByTestId('signing-component-TP02').dataset.signed).toBe('yes');
    expect(screen.queryByTestId('signing-open')).toBeNull();
  });

  it('picks a token library with the file picker', async () => {
    calls.status.mockResolvedValue({ ok: true, value: [{ componentCode: 'TP01', signedAt: null }] });
    renderCard();
    fireEvent.click(await screen.findByTestId('signing-open'));
    fireEvent.click(await screen.findByTestId('signing-module-browse'));
    fireEvent.click(await screen.findByText('libtoken.so'));
    await waitFor(() => expect((screen.getByTestId('signing-module') as HTMLInputElement).value).toBe('/opt/libtoken.so'));
    await waitFor(() => expect(calls.tokens).toHaveBeenCalledWith({ modulePath: '/opt/libtoken.so' }));
  });

  it('looks again for the component PDFs a scan produces after acceptance', async () => {
    calls.status
      .mockResolvedValueOnce({ ok: true, value: [] })
      .mockResolvedValue({ ok: true, value: [{ componentCode: 'TP01', signedAt: null }] });
    renderCard();
    expect((await screen.findByTestId('signing-badge')).textContent).toBe(uiText.signing.badgeNone);
    fireEvent.click(screen.getByTestId('signing-refresh'));
    await waitFor(() =>
      expect(screen.getByTestId('signing-badge').textContent).toBe(formatMessage(uiText.signing.badgeUnsigned, { signed: 0, total: 1 })),
    );
    expect(screen.getByTestId('signing-open')).toBeTruthy();
  });

  it('keeps the dialog open with the Vietnamese reason when the PIN is wrong, and clears the PIN', async () => {
    calls.status.mockResolvedValue({ ok: true, value: [{ componentCode: 'TP01', signedAt: null }] });
    const message = 'Mã PIN của USB ký số không đúng.';
    calls.signDossier.mockResolvedValue({ ok: false, error: { code: 'SIGN_TOKEN_PIN_INCORRECT', message } });
    renderCard();
    fireEvent.click(await screen.findByTestId('signing-open'));
    await waitFor(() => expect((screen.getByTestId('signing-module') as HTMLInputElement).value).toBe(SOFTHSM));
    fireEvent.change(screen.getByTestId('signing-pin'), { target: { value: '000000' } });
    fireEvent.click(screen.getByText(uiText.signing.signNow));
    expect(await screen.findByText(message)).toBeTruthy();
    expect((screen.getByTestId('signing-pin') as HTMLInputElement).value).toBe('');
  });

  it('opens a background session with the PIN once, then queues the dossier to be signed after the citizen leaves', async () => {
    calls.status.mockResolvedValue({ ok: true, value: [{ componentCode: 'TP01', signedAt: null }] });
    const active = { active: true, signerName: 'UBND xã Thử Nghiệm', queued: [], lastError: null };
    calls.backgroundStart.mockResolvedValue({ ok: true, value: active });
    calls.backgroundEnqueue.mockResolvedValue({ ok: true, value: { ...active, queued: ['d1'] } });
    renderCard();
    fireEvent.click(await screen.findByTestId('signing-background-start'));
    await waitFor(() => expect((screen.getByTestId('signing-module') as HTMLInputElement).value).toBe(SOFTHSM));
    fireEvent.change(screen.getByTestId('signing-pin'), { target: { value: '123456' } });
    calls.backgroundStatus.mockResolvedValue({ ok: true, value: active });
    fireEvent.click(screen.getByText(uiText.signing.signNow));
    expect((await screen.findByTestId('signing-background')).textContent).toBe(
      formatMessage(uiText.signing.backgroundActive, { signer: 'UBND xã Thử Nghiệm', count: 0 }),
    );
    expect(calls.backgroundStart).toHaveBeenCalledWith({ key: expect.objectContaining({ kind: 'pkcs11', pin: '123456' }) });
    calls.backgroundStatus.mockResolvedValue({ ok: true, value: { ...active, queued: ['d1'] } });
    fireEvent.click(screen.getByTestId('signing-enqueue'));
    expect((await screen.findByTestId('signing-queued')).textContent).toBe(uiText.signing.backgroundQueued);
    expect(calls.backgroundEnqueue).toHaveBeenCalledWith({ dossierId: 'd1' });
  });
});
