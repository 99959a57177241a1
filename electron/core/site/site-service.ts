import type { SettingsRepository } from '../../../db/repositories/settings-repository';
import { siteSchema, type Site } from '../../../shared/reception/dossier-view';
import { AppError } from '../../../shared/ipc/result';
import type { Clock } from '../platform/clock';
import type { AuditActor, AuditService } from '../audit/audit-service';

const SITE_KEY = 'site';

/** Until an admin fills these in, reception is refused: a dossier code needs a real agency code. */
export const UNCONFIGURED_SITE: Site = {
  agencyCode: '',
  agencyName: '',
  unitName: 'Bộ phận tiếp nhận và trả kết quả',
  place: '',
  hotline: '',
  lookupUrlTemplate: '',
  formSet: '2018',
};

const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export const configuredSiteSchema = siteSchema.extend({
  agencyCode: siteSchema.shape.agencyCode.regex(AGENCY_CODE),
  agencyName: siteSchema.shape.agencyName.trim().min(1).max(300),
  unitName: siteSchema.shape.unitName.trim().min(1).max(300),
  place: siteSchema.shape.place.trim().min(1).max(100),
  hotline: siteSchema.shape.hotline.trim().max(40),
  lookupUrlTemplate: siteSchema.shape.lookupUrlTemplate.trim().max(500),
});

/** The receiving site's identity: agency code, names printed on forms, lookup URL, form set. */
export class SiteService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transaction: <T>(work: () => T) => T,
  ) {}

  get(): Site {
    const parsed = siteSchema.safeParse({ ...UNCONFIGURED_SITE, ...((this.repository.get(SITE_KEY) as object | undefined) ?? {}) });
    return parsed.success ? parsed.data : UNCONFIGURED_SITE;
  }

  /** The site for reception; refuses when it was never configured. */
  requireConfigured(): Site {
    const site = this.get();
    if (!configuredSiteSchema.safeParse(site).success) throw new AppError('SITE_NOT_CONFIGURED');
    return site;
  }

  update(actor: AuditActor, changes: Partial<Site>): Site {
    const parsed = configuredSiteSchema.safeParse({ ...this.get(), ...changes });
    if (!parsed.success) {
      throw new AppError('SITE_INVALID', { details: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
    }
    return this.transaction(() => {
      this.repository.set(SITE_KEY, parsed.data, this.clock.now().toISOString());
      this.audit.record(actor, 'admin.siteChanged', 'site', changes);
      return parsed.data;
    });
  }
}
