import type { SequenceRepository, SequenceBlockRow } from '../../../db/repositories/sequence-repository';
import { MAX_DAILY_SEQUENCE } from '../../../shared/domain/dossier-code';
import { parseIsoDate } from '../../../shared/domain/local-date';
import { AppError } from '../../../shared/ipc/result';
import type { Clock } from '../platform/clock';
import type { AuditActor, AuditService } from '../audit/audit-service';

export interface SequenceBlock {
  id: string;
  date: string | null;
  first: number;
  last: number;
  source: SequenceBlockRow['source'];
}

export interface SequenceStatus {
  date: string;
  total: number;
  remaining: number;
  /** True when the officer should be warned before the block runs out mid-queue. */
  low: boolean;
}

/** Warn when at most this share of the day's numbers is left, and never later than at five. */
const LOW_SHARE = 0.1;
const LOW_MINIMUM = 5;

function overlaps(
  a: { date: string | null; first: number; last: number },
  b: { date: string | null; first: number; last: number },
): boolean {
  const sameScope = a.date === null || b.date === null || a.date === b.date;
  return sameScope && a.first <= b.last && b.first <= a.last;
}

/**
 * The daily sequence numbers of dossier codes (docs/domain.md §4). A counter only uses numbers from
 * blocks it holds — set by an admin now, leased from the gateway once sync exists — so counters
 * working offline at the same time never issue the same code. Used numbers are recorded under a
 * primary key, so even a bug cannot issue one twice.
 *
 * Fallback when the blocks of a day run out: reception is refused with SEQUENCE_EXHAUSTED before
 * the citizen gets a receipt, and an admin enters an emergency block obtained from the province's
 * administrator (by phone when offline); the gateway reconciles it on sync.
 */
export class SequenceService {
  constructor(
    private readonly repository: SequenceRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly transaction: <T>(work: () => T) => T,
  ) {}

  blocks(agencyCode: string): SequenceBlock[] {
    return this.repository.allActive(agencyCode).map(({ id, date, first, last, source }) => ({ id, date, first, last, source }));
  }

  status(agencyCode: string, date: string): SequenceStatus {
    let total = 0;
    let remaining = 0;
    for (const block of this.repository.blocksFor(agencyCode, date)) {
      const size = block.last - block.first + 1;
      total += size;
      remaining += size - this.repository.used(agencyCode, date, block.first, block.last).size;
    }
    return { date, total, remaining, low: remaining <= Math.max(LOW_MINIMUM, Math.ceil(total * LOW_SHARE)) };
  }

  /** Takes the lowest free number of the day; call inside the transaction that writes the dossier. */
  allocate(agencyCode: string, date: string, dossierId: string): number {
    for (const block of this.repository.blocksFor(agencyCode, date)) {
      const used = this.repository.used(agencyCode, date, block.first, block.last);
      for (let n = block.first; n <= block.last; n++) {
        if (!used.has(n)) {
          this.repository.markUsed(agencyCode, date, n, dossierId);
          return n;
        }
      }
    }
    throw new AppError('SEQUENCE_EXHAUSTED', { date: date.split('-').reverse().join('/') });
  }

  addBlock(
    actor: AuditActor,
    agencyCode: string,
    block: { date: string | null; first: number; last: number; source: 'admin' | 'emergency' },
  ): SequenceBlock {
    const { first, last } = block;
    if (block.date !== null && !parseIsoDate(block.date)) throw new AppError('SEQUENCE_DATE_INVALID', { value: block.date });
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last > MAX_DAILY_SEQUENCE || first > last) {
      throw new AppError('SEQUENCE_BLOCK_INVALID');
    }
    return this.transaction(() => {
      const clash = this.repository.allActive(agencyCode).find((other) => overlaps(block, other));
      if (clash) throw new AppError('SEQUENCE_BLOCK_OVERLAP', { first, last, otherFirst: clash.first, otherLast: clash.last });
      const row: SequenceBlockRow = { id: this.newId(), agencyCode, ...block, createdAt: this.clock.now().toISOString(), retiredAt: null };
      this.repository.insertBlock(row);
      this.audit.record(actor, 'admin.sequenceBlockAdded', agencyCode, block);
      return { id: row.id, date: row.date, first, last, source: row.source };
    });
  }
}
