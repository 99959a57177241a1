import type { Account, ChannelName } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { Clock } from '../platform/clock';
import type { AuditService } from './audit-service';

/** How many reads of one channel an account may make in a window: far above an officer's pace, far below a scrape. */
export interface ReadLimit {
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_PERSONAL_DATA_READ_LIMITS: Partial<Record<ChannelName, ReadLimit>> = {
  'reception.knownParty': { max: 60, windowMs: MINUTE },
  'dossier.search': { max: 120, windowMs: MINUTE },
  'pages.reusable': { max: 60, windowMs: MINUTE },
  // Thumbnails and the page viewer: a 100-page dossier opened a few times.
  'pages.image': { max: 600, windowMs: MINUTE },
};

/** The same read by the same account within this time is one audit entry, so thumbnails do not flood the log. */
const REPEAT_AUDIT_MS = MINUTE;

/** Which person or record a read names, as it goes into the audit entry's subject. */
function subjectOf(channel: ChannelName, input: Record<string, unknown>): string | null {
  const pick = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : null);
  switch (channel) {
    case 'reception.knownParty':
      return pick('identifier');
    case 'pages.image':
      return pick('pageId');
    case 'pages.reusable':
      return pick('ownerIdNumber');
    case 'dossier.search':
      return pick('text');
    default:
      return null;
  }
}

/**
 * Reads of personal data by a key the caller picks (docs/architecture.md §9): each is in the audit log and each
 * account has a budget per channel, so a stolen session or a hijacked window cannot walk the whole register
 * unnoticed. Budgets are kept in memory: a restart forgets them, which only ever favours the officer.
 */
export class PersonalDataReads {
  private readonly recent = new Map<string, number[]>();
  private readonly lastAudited = new Map<string, number>();

  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly limits: Partial<Record<ChannelName, ReadLimit>> = DEFAULT_PERSONAL_DATA_READ_LIMITS,
  ) {}

  /** Records the read, or throws PERSONAL_DATA_RATE_LIMITED with the seconds until the next one is allowed. */
  read(account: Account, channel: ChannelName, input: Record<string, unknown>): void {
    const now = this.clock.now().getTime();
    const limit = this.limits[channel];
    if (limit) {
      const key = `${account.id}\u0000${channel}`;
      const times = (this.recent.get(key) ?? []).filter((t) => now - t < limit.windowMs);
      if (times.length >= limit.max) {
        this.recent.set(key, times);
        throw new AppError('PERSONAL_DATA_RATE_LIMITED', { seconds: Math.max(1, Math.ceil((times[0]! + limit.windowMs - now) / 1000)) });
      }
      times.push(now);
      this.recent.set(key, times);
    }
    const subject = subjectOf(channel, input);
    const auditKey = `${account.id}\u0000${channel}\u0000${JSON.stringify(input)}`;
    const last = this.lastAudited.get(auditKey);
    if (last !== undefined && now - last < REPEAT_AUDIT_MS) return;
    this.forgetOldAudits(now);
    this.lastAudited.set(auditKey, now);
    this.audit.record({ accountId: account.id, username: account.username }, 'personalData.read', subject, { channel, input });
  }

  private forgetOldAudits(now: number): void {
    if (this.lastAudited.size < 10_000) return;
    for (const [key, at] of this.lastAudited) if (now - at >= REPEAT_AUDIT_MS) this.lastAudited.delete(key);
  }
}
