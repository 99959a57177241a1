import { toVietnamLocal } from '../domain/vietnam-time';
import { formatLocalDue } from './notices';

/** A decision on a dossier filed online that was not received, so has no code (issue 15 §1, docs/architecture.md §8.1). */
export interface OnlineDecisionNoticeInput {
  kind: 'supplement' | 'refused';
  applicantName: string;
  procedureName: string;
  submittedAt: Date;
  reason: string;
}

/** The applicant's e-mail: what was decided on the filing they recognise by its procedure and time, and why. */
export function renderOnlineDecisionNotice(input: OnlineDecisionNoticeInput): { subject: string; body: string } {
  const filed = `hồ sơ ${input.procedureName} nộp trực tuyến lúc ${formatLocalDue(toVietnamLocal(input.submittedAt))}`;
  const reason = input.reason.trim();
  if (input.kind === 'supplement') {
    return {
      subject: 'Hồ sơ nộp trực tuyến cần bổ sung, hoàn thiện',
      body: [
        `Kính gửi ông/bà ${input.applicantName},`,
        `Cơ quan tiếp nhận đã kiểm tra ${filed} và đề nghị ông/bà bổ sung, hoàn thiện hồ sơ.`,
        `Nội dung cần bổ sung, hoàn thiện: ${reason}.`,
      ].join('\n'),
    };
  }
  return {
    subject: 'Hồ sơ nộp trực tuyến không được tiếp nhận',
    body: [
      `Kính gửi ông/bà ${input.applicantName},`,
      `Cơ quan tiếp nhận đã kiểm tra ${filed}; hồ sơ không được tiếp nhận.`,
      `Lý do: ${reason}.`,
    ].join('\n'),
  };
}
