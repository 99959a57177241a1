/**
 * What the applicant is told, and when (issue 15 §4; Thái Nguyên 2020 Đ11.3.b, 11.4.c/f, 11.5.c): at
 * reception (code, due date, lookup link), when papers are missing, at a refusal (with the reason),
 * when the result is ready, and when the dossier is late (with the new date). Vietnamese text for SMS
 * and e-mail, built from the recorded event and the dossier. Pure.
 */

export const noticeKinds = ['received', 'supplementRequested', 'refused', 'resultReady', 'delayed'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export interface NoticeEvent {
  type: string;
  status: number;
  payload: Record<string, unknown>;
}

export interface NoticeInput {
  kind: NoticeKind;
  code: string;
  procedureName: string;
  /** Local `YYYY-MM-DDTHH:mm`; the due date at reception, the new one for a delay. */
  dueLocal: string | null;
  /** The reasons of a refusal, the missing papers of a supplement request, the cause of a delay. */
  details: string;
  lookupUrl: string;
}

export interface NoticeText {
  sms: string;
  subject: string;
  body: string;
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    if (typeof v === 'string') return [v];
    if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return [(v as { name: string }).name];
    return [];
  });
}

/**
 * Which notice a recorded event calls for, with its details; null for events the applicant is not
 * told of. Keyed by event type; a status-9 change from the back office is "result ready".
 */
export function noticeFor(event: NoticeEvent): { kind: NoticeKind; details: string; dueLocal?: string | null } | null {
  const payload = event.payload;
  switch (event.type) {
    case 'received':
      return event.status === 3 ? { kind: 'refused', details: String(payload.note ?? '') } : { kind: 'received', details: '' };
    case 'supplementRequested':
      return { kind: 'supplementRequested', details: strings(payload.items).join('; ') };
    case 'refused':
      return { kind: 'refused', details: strings(payload.reasons).join('; ') };
    case 'apologyIssued':
      return {
        kind: 'delayed',
        details: typeof payload.reason === 'string' ? payload.reason : '',
        dueLocal: typeof payload.newDueLocal === 'string' ? payload.newDueLocal : null,
      };
    default:
      return event.status === 9 ? { kind: 'resultReady', details: '' } : null;
  }
}

/** `YYYY-MM-DDTHH:mm` as "HH:mm ngày dd/MM/yyyy"; '' when there is none. */
export function formatLocalDue(local: string | null): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local ?? '');
  return m ? `${m[4]}:${m[5]} ngày ${m[3]}/${m[2]}/${m[1]}` : '';
}

export function renderNotice(input: NoticeInput): NoticeText {
  const due = formatLocalDue(input.dueLocal);
  const details = input.details.trim();
  const link = input.lookupUrl;
  switch (input.kind) {
    case 'received':
      return {
        sms: `Hồ sơ ${input.code} đã được tiếp nhận.${due ? ` Hẹn trả ${due}.` : ''} Tra cứu: ${link}`,
        subject: `Hồ sơ ${input.code} đã được tiếp nhận`,
        body: [
          `Hồ sơ ${input.code} (${input.procedureName}) đã được tiếp nhận.`,
          due ? `Ngày hẹn trả kết quả: ${due}.` : 'Thủ tục này không có ngày hẹn trả.',
          `Tra cứu tình trạng hồ sơ: ${link}`,
        ].join('\n'),
      };
    case 'supplementRequested':
      return {
        sms: `Hồ sơ ${input.code} cần bổ sung giấy tờ${details ? `: ${details}` : ''}. Tra cứu: ${link}`,
        subject: `Hồ sơ ${input.code} cần bổ sung giấy tờ`,
        body: [
          `Hồ sơ ${input.code} (${input.procedureName}) cần bổ sung giấy tờ.`,
          details ? `Giấy tờ cần bổ sung: ${details}.` : '',
          `Xem hướng dẫn và tình trạng hồ sơ: ${link}`,
        ]
          .filter(Boolean)
          .join('\n'),
      };
    case 'refused':
      return {
        sms: `Hồ sơ ${input.code} không được tiếp nhận${details ? `. Lý do: ${details}` : ''}. Tra cứu: ${link}`,
        subject: `Hồ sơ ${input.code} không được tiếp nhận`,
        body: [
          `Hồ sơ ${input.code} (${input.procedureName}) không được tiếp nhận.`,
          details ? `Lý do: ${details}.` : '',
          `Tra cứu: ${link}`,
        ]
          .filter(Boolean)
          .join('\n'),
      };
    case 'resultReady':
      return {
        sms: `Hồ sơ ${input.code} đã có kết quả. Mời ông/bà đến nhận theo giấy hẹn. Tra cứu: ${link}`,
        subject: `Hồ sơ ${input.code} đã có kết quả`,
        body: [
          `Hồ sơ ${input.code} (${input.procedureName}) đã có kết quả.`,
          'Mời ông/bà đến nhận kết quả theo giấy tiếp nhận và hẹn trả, hoặc theo hình thức đã đăng ký.',
          `Tra cứu: ${link}`,
        ].join('\n'),
      };
    case 'delayed':
      return {
        sms: `Hồ sơ ${input.code} bị trễ hẹn.${due ? ` Ngày hẹn mới: ${due}.` : ''} Xin lỗi ông/bà. Tra cứu: ${link}`,
        subject: `Hồ sơ ${input.code} trễ hẹn - ngày hẹn trả mới`,
        body: [
          `Hồ sơ ${input.code} (${input.procedureName}) không kịp trả kết quả đúng hẹn. Chúng tôi thành thật xin lỗi ông/bà.`,
          details ? `Lý do: ${details}.` : '',
          due ? `Ngày hẹn trả mới: ${due}.` : '',
          `Tra cứu: ${link}`,
        ]
          .filter(Boolean)
          .join('\n'),
      };
  }
}
