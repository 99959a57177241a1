import type { ProcedureFee } from '../../../../shared/catalog/procedure';
import type { ReceptionDraftInput } from '../../../../shared/reception/draft';

export type FeeEntry = NonNullable<ReceptionDraftInput['fees']>[number];

/** A free fee is exempt by nature; a charged one starts unpaid until the officer records the payment. */
export const initialFee = (fee: ProcedureFee): FeeEntry => ({
  status: fee.amount === 0 ? 'exempt' : 'unpaid',
  method: null,
  receiptNumber: null,
});
