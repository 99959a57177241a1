import { stat } from 'node:fs/promises';
import type { SettingsRepository } from '../../../db/repositories/settings-repository';
import {
  checkScanSettings,
  DEFAULT_SCAN_SETTINGS,
  normalizeEsclAddress,
  scanSettingsSchema,
  type ScanProfileEntry,
  type ScanSettings,
} from '../../../shared/digitize/scan-settings';
import { AppError } from '../../../shared/ipc/result';
import { discoverEsclScanners, type DiscoveryOptions } from './capture/escl/escl-discovery';
import type { EsclService } from './capture/escl/mdns';
import type { Clock } from '../platform/clock';
import type { AuditActor, AuditService } from '../audit/audit-service';

const SETTINGS_KEY = 'scanning';

export interface ScanSettingsDeps {
  settings: SettingsRepository;
  audit: AuditService;
  clock: Clock;
  transaction: <T>(work: () => T) => T;
  /** Where DNS-SD questions go: the mDNS group unless a test points them at its responder. */
  discovery?: DiscoveryOptions;
}

/**
 * The admin's scan profiles, the counter's default profile and scanner, and the scanners the app
 * cannot find by itself (eSCL addresses, hot folders). Kept in the settings table beside the other
 * devices' settings, under their own key, so saving the printers never touches them.
 */
export class ScanSettingsService {
  constructor(private readonly deps: ScanSettingsDeps) {}

  get(): ScanSettings {
    const parsed = scanSettingsSchema.safeParse(this.deps.settings.get(SETTINGS_KEY));
    // Nothing stored yet, or edited by hand into something invalid: the counter still scans.
    return parsed.success ? parsed.data : DEFAULT_SCAN_SETTINGS;
  }

  profile(id: string): ScanProfileEntry {
    const profile = this.get().profiles.find((p) => p.id === id);
    if (!profile) throw new AppError('SCAN_PROFILE_NOT_FOUND');
    return profile;
  }

  /** Network scanners answering on this subnet, with the address the settings would keep. */
  async discover(): Promise<EsclService[]> {
    const found = await discoverEsclScanners(this.deps.discovery);
    // An answer whose address the settings would refuse is not offered.
    return found.flatMap((service) => {
      try {
        return [{ ...service, url: normalizeEsclAddress(service.url) }];
      } catch {
        return [];
      }
    });
  }

  async update(actor: AuditActor, input: unknown): Promise<ScanSettings> {
    const parsed = scanSettingsSchema.safeParse(input);
    if (!parsed.success)
      throw new AppError('SCAN_SETTINGS_INVALID', { details: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
    const settings = checkScanSettings(parsed.data);
    for (const folder of settings.hotFolders) {
      if (!(await stat(folder).catch(() => null))?.isDirectory()) throw new AppError('HOT_FOLDER_NOT_FOUND', { folder });
    }
    this.deps.transaction(() => {
      this.deps.settings.set(SETTINGS_KEY, settings, this.deps.clock.now().toISOString());
      this.deps.audit.record(actor, 'admin.scanSettingsChanged', null, {
        profiles: settings.profiles.map((p) => `${p.name} ${p.resolutionDpi}dpi ${p.colorMode} ${p.source}`),
        defaultProfileId: settings.defaultProfileId,
        defaultScanner: settings.defaultScanner,
        esclScanners: settings.esclScanners,
        hotFolders: settings.hotFolders,
      });
    });
    return settings;
  }
}
