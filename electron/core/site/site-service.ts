import type { SettingsRepository } from '../../../db/repositories/settings-repository';
import { siteSchema, type Site } from '../../../shared/reception/dossier-view';
import { AppError } from '../../../shared/ipc/result';
import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import {
  formSetOn,
  formSetScheduleSchema,
  scheduleOf,
  type FormSetChoice,
  type FormSetSchedule,
} from '../../../shared/site/form-set-schedule';
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

/** What an admin sets: the site's identity and, instead of one form set, the date each set starts (docs/domain.md §5.4). */
export type SiteSettings = Omit<Site, 'formSet'> & { formSets: FormSetSchedule };

/** A change from the admin screen or the CLI; `formSet` alone is shorthand for that one set on every date. */
export type SiteChanges = Partial<SiteSettings> & { formSet?: FormSetChoice };

const storedSiteSchema = siteSchema.omit({ formSet: true }).extend({ formSets: formSetScheduleSchema });

/** The receiving site's identity: agency code, names printed on forms, lookup URL, form sets by date. */
export class SiteService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transaction: <T>(work: () => T) => T,
  ) {}

  /** The stored settings; a site saved before the schedule existed (a lone `formSet`) reads as that set on every date. */
  settings(): SiteSettings {
    const { formSet, ...identity } = UNCONFIGURED_SITE;
    const stored = (this.repository.get(SITE_KEY) as { formSet?: FormSetChoice; formSets?: unknown } | undefined) ?? {};
    const formSets = stored.formSets ?? scheduleOf(stored.formSet ?? formSet);
    const parsed = storedSiteSchema.safeParse({ ...identity, ...stored, formSets });
    return parsed.success ? parsed.data : { ...identity, formSets: scheduleOf(formSet) };
  }

  /** The site as forms print it on a local day: the set in force that day. */
  on(localDay: string): Site {
    const { formSets, ...identity } = this.settings();
    const site = siteSchema.safeParse({ ...identity, formSet: formSetOn(formSets, localDay) });
    return site.success ? site.data : UNCONFIGURED_SITE;
  }

  /** The site as of today at the counter (Vietnam local date). */
  get(): Site {
    return this.on(toVietnamLocal(this.clock.now()));
  }

  /** The site for reception; refuses when it was never configured. */
  requireConfigured(): Site {
    const site = this.get();
    if (!configuredSiteSchema.safeParse(site).success) throw new AppError('SITE_NOT_CONFIGURED');
    return site;
  }

  update(actor: AuditActor, changes: SiteChanges): Site {
    const { formSet, ...rest } = changes;
    const merged = {
      ...this.settings(),
      ...rest,
      ...(formSet !== undefined && rest.formSets === undefined ? { formSets: scheduleOf(formSet) } : {}),
    };
    const { formSets: _schedule, ...identity } = merged;
    const identityCheck = configuredSiteSchema.omit({ formSet: true }).safeParse(identity);
    const schedule = formSetScheduleSchema.safeParse(merged.formSets);
    const issues = [
      ...(identityCheck.success ? [] : identityCheck.error.issues.map((i) => i.path.join('.'))),
      ...(schedule.success ? [] : ['formSets']),
    ];
    if (!identityCheck.success || !schedule.success) throw new AppError('SITE_INVALID', { details: issues.join(', ') });
    const stored: SiteSettings = { ...identityCheck.data, formSets: schedule.data };
    return this.transaction(() => {
      this.repository.set(SITE_KEY, stored, this.clock.now().toISOString());
      this.audit.record(actor, 'admin.siteChanged', 'site', changes);
      return this.get();
    });
  }
}
