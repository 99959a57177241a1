import type { ChannelOutput } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { useApiQuery } from '../../common/use-api-query';

type SequenceToday = ChannelOutput<'sequence.status'>['today'];

/** Whether the counter can receive: the site must be set up; the day's sequence is shown, its failure only warned. */
export type Readiness =
  | { state: 'siteMissing' }
  | { state: 'ready'; site: ChannelOutput<'site.get'>; sequence: SequenceToday | null; sequenceError: string | null };

async function loadReadiness(): Promise<Result<Readiness>> {
  const site = await api.site.get();
  if (!site.ok) return site;
  if (!site.value.configured) return { ok: true, value: { state: 'siteMissing' } };
  const sequence = await api.sequence.status();
  return {
    ok: true,
    value: {
      state: 'ready',
      site: site.value,
      sequence: sequence.ok ? sequence.value.today : null,
      sequenceError: sequence.ok ? null : sequence.error.message,
    },
  };
}

/** Asked again each time the reception comes back into view, since the admin may have changed the site meanwhile. */
export const useReadiness = (active: boolean) => useApiQuery(loadReadiness, [], { enabled: active });
