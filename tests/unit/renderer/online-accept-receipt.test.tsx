import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Procedure } from '../../../shared/catalog/procedure';
import { uiText } from '../../../shared/i18n/vi';
import type { OnlineSource } from '../../../renderer/src/features/reception/use-reception';

/**
 * Issue 16 §3: accepting an online dossier sends the applicant the receipt (Form 01), signed in the officer's
 * signing session when one is open; when it went unsigned, the screen of the accepted dossier says "chưa ký",
 * as the supplement and refusal say theirs.
 */
const procedure: Procedure = {
  code: '1.001193.000.00.00.H56',
  name: 'Thủ tục đăng ký khai sinh',
  sectorCode: 'HT',
  sectorName: 'Hộ tịch',
  level: 'commune',
  duration: { unit: 'workingDays', value: 1 },
  fees: [],
  components: [{ code: 'TP01', name: 'Tờ khai', required: true, originals: 1, copies: 0, formTemplate: null }],
  resultCode: null,
  sample: true,
};

const answers = vi.hoisted(() => ({ accept: vi.fn() }));
// Every channel the screen calls and this test does not answer stays pending: only the accepted dossier matters here.
vi.mock('../../../renderer/src/api', () => {
  const given: Record<string, Record<string, (...args: unknown[]) => unknown>> = {
    site: { get: async () => ({ ok: true, value: { configured: true, hotline: '0200 000 000', formSets: [] } }) },
    sequence: {
      status: async () => ({ ok: true, value: { today: { date: '2026-03-09', total: 100, remaining: 90, low: false }, blocks: [] } }),
    },
    catalog: { get: async () => ({ ok: true, value: procedure }) },
    reception: {
      check: async () => ({ ok: true, value: { missing: [] } }),
      dueDate: async () => ({ ok: true, value: { receivedLocal: '2026-03-09T09:00', dueLocal: '2026-03-10T09:00' } }),
    },
    online: { accept: (...args: unknown[]) => answers.accept(...args) },
  };
  const pending = () => new Promise(() => undefined);
  const api = new Proxy(
    {},
    {
      get: (_, namespace: string) =>
        namespace === 'on' ? () => () => undefined : new Proxy({}, { get: (__, method: string) => given[namespace]?.[method] ?? pending }),
    },
  );
  return { api };
});

const { ReceptionPage } = await import('../../../renderer/src/features/reception/ReceptionPage');

const online: OnlineSource = {
  id: 'online-1',
  channel: 2,
  procedureCode: procedure.code,
  submission: { ChuHoSo: 'Lê Thị Trực Tuyến', SoGiayToChuHoSo: '038190012345', SoDienThoai: '0912345678', Email: 'le@example.vn' },
  files: [],
};

const dossier = {
  id: 'd-1',
  code: '000.00.06.H56-260309-0001',
  owner: { fullName: 'Lê Thị Trực Tuyến' },
  procedure: { code: procedure.code, name: procedure.name },
  receivedLocal: '2026-03-09T09:00',
  dueLocal: '2026-03-10T09:00',
};

async function acceptWith(form: { signed: boolean; attached: boolean } | null) {
  answers.accept.mockResolvedValue({
    ok: true,
    value: { dossier, printJobId: 'p-1', form: form && { sha256: 'f'.repeat(64), ...form } },
  });
  render(
    <App>
      <ReceptionPage active isAdmin={false} onOpenReturn={vi.fn()} onOpenAdmin={vi.fn()} online={online} onOnlineDone={vi.fn()} />
    </App>,
  );
  await waitFor(() => expect(screen.getByTestId('procedure-summary').textContent).toContain(procedure.code));
  fireEvent.click(screen.getByTestId('reception-accept'));
  await waitFor(() => expect(screen.getByTestId('accepted-code').textContent).toBe(dossier.code));
  expect(answers.accept).toHaveBeenCalledWith(expect.objectContaining({ id: 'online-1' }));
}

afterEach(() => {
  cleanup();
  answers.accept.mockReset();
});

describe('accepting an online dossier', () => {
  it('says the receipt sent to the applicant is "chưa ký" when no signing session signed it', async () => {
    await acceptWith({ signed: false, attached: true });
    expect(screen.getByTestId('accepted-form-notice').textContent).toBe(uiText.onlineQueue.check.formNotSigned);
  });

  it('says nothing of the receipt when it went signed', async () => {
    await acceptWith({ signed: true, attached: true });
    expect(screen.queryByTestId('accepted-form-notice')).toBeNull();
  });

  it('says the receipt did not go when the counter could not make it', async () => {
    await acceptWith(null);
    expect(screen.getByTestId('accepted-form-notice').textContent).toBe(uiText.onlineQueue.check.formNotSent);
  });
});
