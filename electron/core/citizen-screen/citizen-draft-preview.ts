import type { Procedure } from '../../../shared/catalog/procedure';
import type { CitizenDraft } from '../../../shared/citizen-screen/citizen-view';
import type { DossierComponentView } from '../../../shared/reception/dossier-view';
import type { ReceptionDraft } from '../../../shared/reception/draft';

/**
 * The draft as the citizen checks it before the officer accepts: the procedure, the components
 * handed in (not the missing ones), each fee at the catalogue's amount (nothing for an exempt one),
 * and the due date the counter would print now. Names and amounts only: no ID numbers, addresses
 * or files reach the citizen's screen.
 */
export function citizenDraftOf(
  draft: ReceptionDraft,
  procedure: Procedure,
  checklist: DossierComponentView[],
  dueLocal: string | null,
): CitizenDraft {
  const fees = procedure.fees.map((fee, i) => ({ name: fee.name, amount: draft.fees[i]?.status === 'exempt' ? 0 : fee.amount }));
  return {
    procedureCode: procedure.code,
    procedureName: procedure.name,
    ownerName: draft.owner.fullName,
    components: checklist
      .filter((c) => c.state !== 'missing')
      .map((c) => ({ name: c.name, originals: c.originals, copies: c.copies, pages: c.pageCount })),
    fees,
    totalFee: fees.reduce((sum, fee) => sum + fee.amount, 0),
    dueLocal,
  };
}
