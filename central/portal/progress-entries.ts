import { toCapNhatTienDoHoSoMC, type CapNhatTienDoHoSoMC } from '../../shared/sync/dvcqg-mapping';
import type { DvcqgSource } from '../dvcqg';

/**
 * The progress entries (`CapNhatTienDoHoSoMC`, docs/domain.md §2.9) one recorded event adds: what the
 * mapping gives for the history up to and including the event, less what it gave for the history
 * before it. So the outbox sends exactly the mapping's entries, each once, whatever synthetic entries
 * the mapping adds (the opening reception, the status-9 before a hand-over).
 */
function mappedEntries(source: DvcqgSource, eventId: string): CapNhatTienDoHoSoMC[] {
  const ordered = [...source.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
  const index = ordered.findIndex((e) => e.id === eventId);
  if (index < 0) return [];
  const upTo = toCapNhatTienDoHoSoMC(source.view, ordered.slice(0, index + 1), source.context);
  const before = index === 0 ? [] : toCapNhatTienDoHoSoMC(source.view, ordered.slice(0, index), source.context);
  return upTo.slice(before.length);
}

type ProgressBuilder = (source: DvcqgSource, eventId: string) => CapNhatTienDoHoSoMC[];

/**
 * The event kinds the portal hears of, by the `type` of the recorded event. A kind not listed is
 * recorded in the outbox as skipped; adding a kind is one line here (then `dvcqg replay` sends what
 * was skipped before).
 */
export const PROGRESS_BY_EVENT_TYPE: Readonly<Record<string, ProgressBuilder>> = {
  received: mappedEntries,
  statusChanged: mappedEntries,
  resultReturned: mappedEntries,
  supplementRequested: mappedEntries,
  supplementReceived: mappedEntries,
  refused: mappedEntries,
  withdrawn: mappedEntries,
  apologyIssued: mappedEntries,
  processingStopped: mappedEntries,
};

export function progressEntriesFor(source: DvcqgSource, eventId: string): CapNhatTienDoHoSoMC[] | null {
  const event = source.events.find((e) => e.id === eventId);
  const build = event ? PROGRESS_BY_EVENT_TYPE[event.type] : undefined;
  return build ? build(source, eventId) : null;
}
