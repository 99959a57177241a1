import type { SettingsRepository } from '../../../db/repositories/settings-repository';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../../shared/auth/lockout-policy';
import { settingsSchema, type Settings } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { Clock } from '../platform/clock';
import type { AuditActor, AuditService } from '../audit/audit-service';

const DEFAULTS: Settings = { idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES };

export class SettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transaction: <T>(work: () => T) => T,
  ) {}

  get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
      const value = this.repository.get(key);
      if (value !== undefined) stored[key] = value;
    }
    // A value edited by hand into something invalid falls back to the default rather than breaking sign-in.
    const parsed = settingsSchema.safeParse({ ...DEFAULTS, ...stored });
    return parsed.success ? parsed.data : DEFAULTS;
  }

  update(actor: AuditActor, changes: Partial<Settings>): Settings {
    const parsed = settingsSchema.safeParse({ ...this.get(), ...changes });
    if (!parsed.success) {
      throw new AppError('SETTINGS_INVALID', { details: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
    }
    const at = this.clock.now().toISOString();
    return this.transaction(() => {
      for (const [key, value] of Object.entries(changes)) this.repository.set(key, value, at);
      this.audit.record(actor, 'admin.settingsChanged', null, changes);
      return parsed.data;
    });
  }
}
