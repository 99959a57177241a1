import { formatMessage, uiText } from '../i18n/vi';
import { asLifecycleEvent, type HistoryEvent, type LifecycleEvent } from './lifecycle-events';
import { supplementRounds } from './transitions';

/**
 * What a lifecycle event says to the national portal (docs/domain.md §2.7, §2.9, §3.4): the text
 * and statutory end of its progress entry (`CapNhatTienDoHoSoMC`), and the supplement rounds
 * (`DanhSachHoSoBoSung`). Formatting of times stays with the DVCQG mapping (shared/sync/dvcqg-mapping.ts),
 * which passes its formatters in.
 */

export interface LifecycleProgress {
  /** NoiDungXuLy. */
  text: string;
  /** NgayKetThucTheoQuyDinh after the event, local `YYYY-MM-DDTHH:mm`; null leaves it empty (a paused clock, an ended dossier). */
  dueLocal: string | null;
}

const MAX_DETAILS = 900;

function details(lines: readonly string[]): string {
  return lines.join('; ').slice(0, MAX_DETAILS);
}

function progressOf(event: LifecycleEvent): LifecycleProgress {
  const texts = uiText.lookup.lifecycleProgress;
  switch (event.type) {
    case 'supplementRequested':
      return {
        text: formatMessage(texts.supplementRequested, {
          round: event.payload.round,
          details: details(event.payload.items.map((i) => i.name)),
        }),
        dueLocal: null,
      };
    case 'supplementReceived':
      return { text: formatMessage(texts.supplementReceived, { round: event.payload.round }), dueLocal: event.payload.dueAfter };
    case 'refused':
      return { text: formatMessage(texts.refused, { details: details(event.payload.reasons) }), dueLocal: null };
    case 'withdrawn':
      return { text: formatMessage(texts.withdrawn, { details: details([event.payload.reason]) }), dueLocal: null };
    case 'apologyIssued':
      return {
        text: formatMessage(texts.apologyIssued, { details: details([event.payload.reason]) }),
        dueLocal: event.payload.newDueLocal,
      };
    case 'processingStopped':
      return { text: formatMessage(texts.processingStopped, { details: details(event.payload.reasons) }), dueLocal: null };
  }
}

/** The progress entry's text and due date for a lifecycle event; null for any other history event. */
export function lifecycleProgress(event: HistoryEvent): LifecycleProgress | null {
  const lifecycle = asLifecycleEvent(event);
  return lifecycle ? progressOf(lifecycle) : null;
}

export interface DvcqgFormatters {
  /** A UTC instant as `yyyyMMddHHmmss` Vietnam time. */
  instant: (iso: string) => string;
  /** A local `YYYY-MM-DDTHH:mm` as `yyyyMMddHHmmss`. */
  local: (local: string | null) => string;
}

/**
 * `DanhSachHoSoBoSung`, one entry per round, with the field names OpenCPS sends (docs/domain.md §2.7).
 * `TrangThaiBoSung` is "1" once the papers arrived and "0" while awaited: the code values are **unconfirmed**.
 */
export function toDanhSachHoSoBoSung(history: readonly HistoryEvent[], format: DvcqgFormatters): Record<string, string>[] {
  return supplementRounds(history).map((round) => ({
    HoSoBoSungId: round.requestedEventId,
    NguoiYeuCauBoSung: round.requestedBy.slice(0, 50),
    NoiDungBoSung: details(round.items.map((i) => (i.reason ? `${i.name} (${i.reason})` : i.name))),
    NgayBoSung: format.instant(round.requestedAt),
    NguoiTiepNhanBoSung: (round.receivedBy ?? '').slice(0, 50),
    ThongTinTiepNhan: round.receivedNote,
    NgayTiepNhanBoSung: round.receivedAt ? format.instant(round.receivedAt) : '',
    TrangThaiBoSung: round.receivedAt ? '1' : '0',
    DanhSachGiayToBoSung: details(round.items.map((i) => i.name)),
    DanhSachLePhiBoSung: '',
    NgayHenTraTruoc: format.local(round.dueBefore),
    NgayHenTraMoi: format.local(round.dueAfter),
  }));
}
