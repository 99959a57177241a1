import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMessage, uiText } from '../../../shared/i18n/vi';
import type { DossierFile } from '../../../shared/lookup/dossier-files';

/** Issue 16 §4: the look-up lists a dossier's files with the verdict kept since each arrived. */
const calls = vi.hoisted(() => ({ files: vi.fn(), remoteFile: vi.fn() }));
vi.mock('../../../renderer/src/api', () => ({ api: { dossier: calls } }));

const { DossierFiles } = await import('../../../renderer/src/features/lookup/DossierFiles');

const REASON = 'Tài liệu đã bị thay đổi sau khi ký.';
const NOTE = 'Chưa kiểm tra thu hồi.';
const signature = (valid: boolean) => ({
  signerName: 'Sở Tư pháp',
  signingTime: null,
  timestamped: false,
  valid,
  reasons: valid ? [] : [REASON],
  notes: valid ? [NOTE] : [],
  revocation: 'unchecked' as const,
});

function file(componentCode: string, extra: Partial<DossierFile>): DossierFile {
  return {
    kind: componentCode.startsWith('KQ') ? 'result' : 'component',
    componentCode,
    title: null,
    fileName: null,
    sha256: componentCode.toLowerCase().padEnd(64, '0'),
    size: 2048,
    mediaType: 'application/pdf',
    downloaded: true,
    verdict: null,
    ...extra,
  };
}

afterEach(() => {
  cleanup();
  for (const call of Object.values(calls)) call.mockReset();
});

const row = (code: string) => screen.getAllByTestId('dossier-file').find((item) => item.dataset.code === code)!;

describe('the files of a dossier in the look-up', () => {
  it('shows each file with its kind and badge: signer, reasons, unsigned, or not downloaded', async () => {
    calls.files.mockResolvedValue({
      ok: true,
      value: [
        file('TP01', { title: 'Tờ khai', fileName: 'to-khai.pdf', verdict: { signed: false, valid: false, signatures: [] } }),
        file('KQ1', { title: 'Giấy khai sinh', verdict: { signed: true, valid: true, signatures: [signature(true)] } }),
        file('KQ2', { verdict: { signed: true, valid: false, signatures: [signature(false)] } }),
        file('KQ3', { downloaded: false }),
      ],
    });
    render(
      <App>
        <DossierFiles dossierId="d1" />
      </App>,
    );
    await screen.findAllByTestId('dossier-file');
    expect(row('TP01').textContent).toContain(uiText.lookup.files.kinds.component);
    expect(row('TP01').textContent).toContain('to-khai.pdf');
    expect(within(row('TP01')).getByTestId('signature-badge').dataset.state).toBe('unsigned');
    expect(within(row('KQ1')).getByTestId('signature-badge').textContent).toBe(
      formatMessage(uiText.signing.signedBy, { signer: 'Sở Tư pháp' }),
    );
    expect(within(row('KQ1')).getByTestId('signature-note').textContent).toBe(NOTE);
    expect(row('KQ2').textContent).toContain(formatMessage(uiText.lookup.files.resultNumber, { number: '2' }));
    expect(within(row('KQ2')).getByTestId('signature-badge').dataset.state).toBe('invalid');
    expect(within(row('KQ2')).getByTestId('signature-reason').textContent).toBe(REASON);
    expect(within(row('KQ3')).getByTestId('dossier-file-remote').textContent).toBe(uiText.lookup.files.notDownloaded);
    expect(within(row('KQ3')).queryByTestId('signature-badge')).toBeNull();
  });

  it('fetches a file only on the gateway when opened, shows it, and lists it again with its verdict', async () => {
    const remote = file('KQ1', { downloaded: false });
    calls.files.mockResolvedValueOnce({ ok: true, value: [remote] }).mockResolvedValueOnce({
      ok: true,
      value: [{ ...remote, downloaded: true, verdict: { signed: true, valid: true, signatures: [signature(true)] } }],
    });
    calls.remoteFile.mockResolvedValue({ ok: true, value: { dataBase64: Buffer.from('%PDF-1.7').toString('base64') } });
    render(
      <App>
        <DossierFiles dossierId="d1" />
      </App>,
    );
    fireEvent.click(await screen.findByTestId('dossier-file-open'));
    expect(await screen.findByTestId('pdf-viewer')).toBeTruthy();
    expect(calls.remoteFile).toHaveBeenCalledWith({ dossierId: 'd1', sha256: remote.sha256 });
    await waitFor(() => expect(within(row('KQ1')).getByTestId('signature-badge').dataset.state).toBe('valid'));
    expect(calls.files).toHaveBeenCalledTimes(2);
  });
});
