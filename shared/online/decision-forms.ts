import { z } from 'zod';
import { SHA256_PATTERN } from '../sync/protocol';

/**
 * The forms an online or postal dossier's decision sends the applicant electronically (issue 15 §1,
 * docs/domain.md §2.2): Form 01 (the receipt) on acceptance, Form 02 on a supplement request, Form 03
 * on a refusal, each a PDF the unit signs when the officer has a signing session open (issue 16 §3).
 */
export type DecisionFormKind = 'receipt' | 'supplement' | 'refused';

/**
 * The component code under which the receipt travels as a file of the received dossier: not a
 * component of the procedure, so the DVCQG mapping leaves it out of TaiLieuNop.
 */
export const RECEIPT_FILE_CODE = '#receipt';

/** A Form 02/03 PDF the counter uploaded as a blob before sending the decision that names it. */
export const decisionFormRefSchema = z.object({
  sha256: z.string().regex(SHA256_PATTERN),
  /** False when no signing session was open or the token failed: the form went unsigned ("chưa ký"). */
  signed: z.boolean(),
});
export type DecisionFormRef = z.infer<typeof decisionFormRefSchema>;

const FILE_STEMS: Record<DecisionFormKind, string> = {
  receipt: 'phieu-tiep-nhan',
  supplement: 'phieu-yeu-cau-bo-sung',
  refused: 'phieu-tu-choi',
};

/**
 * The attachment's file name in plain ASCII (`phieu-tiep-nhan-<code>.pdf`): mail clients and phones
 * that mangle encoded Vietnamese names still show it whole.
 */
export function decisionFormFileName(kind: DecisionFormKind, reference: string): string {
  const safe = reference
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return safe ? `${FILE_STEMS[kind]}-${safe}.pdf` : `${FILE_STEMS[kind]}.pdf`;
}

/** What the counter tells the officer of the form a decision sent: kept, signed or "chưa ký", and whether it went with it. */
export const issuedDecisionFormSchema = z.object({
  sha256: z.string(),
  signed: z.boolean(),
  /** False when it could not be uploaded: the decision went without it, the PDF stays at the counter. */
  attached: z.boolean(),
});
export type IssuedDecisionForm = z.infer<typeof issuedDecisionFormSchema>;
