import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMessage, uiText } from '../../../shared/i18n/vi';

/** Issue 16 §3-4: the verdict on an arriving PDF, and the results signed at the return desk. */
const calls = vi.hoisted(() => ({ verifyStored: vi.fn(), signFiles: vi.fn(), moduleSuggestions: vi.fn() }));
vi.mock('../../../renderer/src/api', () => ({ api: { signing: calls } }));

const { SignatureBadge } = await import('../../../renderer/src/features/signing/SignatureBadge');
const { ResultSigning } = await import('../../../renderer/src/features/signing/ResultSigning');

const SHA = 'a'.repeat(64);

afterEach(() => {
  cleanup();
  for (const call of Object.values(calls)) call.mockReset();
});

describe('the signature badge of an arriving PDF', () => {
  it('names the signer when every signature holds, and nothing is shown for an image', async () => {
    calls.verifyStored.mockResolvedValue({
      ok: true,
      value: {
        signed: true,
        valid: true,
        signatures: [
          { signerName: 'Sở Tư pháp', signingTime: null, timestamped: false, valid: true, reasons: [], notes: [], revocation: 'unchecked' },
        ],
      },
    });
    const { container } = render(
      <>
        <SignatureBadge sha256={SHA} mediaType="application/pdf" />
        <SignatureBadge sha256={SHA} mediaType="image/png" />
      </>,
    );
    const badge = await screen.findByTestId('signature-badge');
    expect(badge.textContent).toBe(formatMessage(uiText.signing.signedBy, { signer: 'Sở Tư pháp' }));
    expect(badge.dataset.state).toBe('valid');
    expect(calls.verifyStored).toHaveBeenCalledTimes(1);
    expect(container.querySelectorAll('[data-testid="signature-badge"]')).toHaveLength(1);
  });

  it('gives the Vietnamese reasons when a signature does not hold, and says unsigned otherwise', async () => {
    const reason = 'Tài liệu đã bị thay đổi sau khi ký.';
    calls.verifyStored
      .mockResolvedValueOnce({
        ok: true,
        value: {
          signed: true,
          valid: false,
          signatures: [
            {
              signerName: 'Người lạ',
              signingTime: null,
              timestamped: false,
              valid: false,
              reasons: [reason],
              notes: [],
              revocation: 'unchecked',
            },
          ],
        },
      })
      .mockResolvedValueOnce({ ok: true, value: { signed: false, valid: false, signatures: [] } });
    const { rerender } = render(<SignatureBadge sha256={SHA} />);
    expect((await screen.findByTestId('signature-badge')).dataset.state).toBe('invalid');
    expect(screen.getByTestId('signature-reason').textContent).toBe(reason);
    rerender(<SignatureBadge sha256={'b'.repeat(64)} />);
    await waitFor(() => expect(screen.getByTestId('signature-badge').dataset.state).toBe('unsigned'));
  });
});

describe('signing the results at the return desk', () => {
  it('signs the result PDFs with one PIN and hands back the signed copies to replace them', async () => {
    calls.moduleSuggestions.mockResolvedValue({
      ok: true,
      value: [{ vendor: 'SoftHSM2', path: '/usr/lib/softhsm/libsofthsm2.so', present: true }],
    });
    const signedFile = { sha256: 'c'.repeat(64), fileName: 'kq.pdf', mediaType: 'application/pdf', bytes: 9 };
    calls.signFiles.mockResolvedValue({ ok: true, value: { signed: [{ from: SHA, file: signedFile }], failed: [] } });
    const onSigned = vi.fn();
    const original = { sha256: SHA, fileName: 'kq.pdf', mediaType: 'application/pdf', bytes: 5 };
    const photo = { sha256: 'd'.repeat(64), fileName: 'anh.png', mediaType: 'image/png', bytes: 5 };
    render(
      <App>
        <ResultSigning files={[original, photo]} onSigned={onSigned} />
      </App>,
    );
    fireEvent.click(screen.getByTestId('return-sign-results'));
    await waitFor(() => expect((screen.getByTestId('signing-module') as HTMLInputElement).value).toBe('/usr/lib/softhsm/libsofthsm2.so'));
    fireEvent.change(screen.getByTestId('signing-pin'), { target: { value: '123456' } });
    fireEvent.click(screen.getByText(uiText.signing.signNow));
    await waitFor(() => expect(onSigned).toHaveBeenCalledTimes(1));
    expect(calls.signFiles).toHaveBeenCalledWith({
      files: [{ sha256: SHA, fileName: 'kq.pdf' }],
      purpose: 'result',
      key: {
        kind: 'pkcs11',
        modulePath: '/usr/lib/softhsm/libsofthsm2.so',
        tokenLabel: undefined,
        certificateId: undefined,
        pin: '123456',
      },
    });
    const replace = onSigned.mock.calls[0]![0] as (file: typeof original) => typeof original;
    expect(replace(original)).toEqual(signedFile);
    expect(replace(photo)).toBe(photo);
  });
});
