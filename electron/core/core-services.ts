import type { AccountAdminService } from './accounts/account-admin-service';
import type { AuthService } from './accounts/auth-service';
import type { AuditService } from './audit/audit-service';
import type { BackupService } from './backup/backup-service';
import type { ReportService } from './reports/report-service';
import type { CalendarService } from './calendar/calendar-service';
import type { CatalogService } from './catalog/catalog-service';
import type { DeviceService } from './devices/device-service';
import type { DigitizationService } from './digitize/digitization-service';
import type { DossierDigitizationService } from './digitize/dossier-digitization-service';
import type { ScanSettingsService } from './digitize/scan-settings-service';
import type { HealthService } from './health/health-service';
import type { DossierService } from './lookup/dossier-service';
import type { RemoteDossiers } from './lookup/remote-dossiers';
import type { DossierFiles } from './lookup/dossier-files';
import type { OnlineDecisionService } from './online/online-decision';
import type { OnlineQueueService } from './online/online-queue';
import type { PrintService } from './forms/print-service';
import type { ReceptionService } from './reception/reception-service';
import type { ReturnConflicts } from './return/return-conflicts';
import type { ReturnService } from './return/return-service';
import type { LifecycleService } from './lifecycle/lifecycle-service';
import type { SequenceService } from './site/sequence-service';
import type { SettingsService } from './site/settings-service';
import type { SiteService } from './site/site-service';
import type { SyncService } from './sync/sync-service';
import type { DossierSigningService } from './signing/dossier-signing-service';
import type { ArrivalVerifier } from './signing/arrival-verifier';
import type { CitizenScreenService } from './citizen-screen/citizen-screen-service';

/**
 * The services the composition root builds and the IPC handlers call. A module of its own, so
 * ipc/handlers.ts depends on the services and not on create-core.ts, which depends on it.
 */
export interface CoreServices {
  auth: AuthService;
  accounts: AccountAdminService;
  audit: AuditService;
  settings: SettingsService;
  health: HealthService;
  catalog: CatalogService;
  site: SiteService;
  calendar: CalendarService;
  sequences: SequenceService;
  reception: ReceptionService;
  dossiers: DossierService;
  returns: ReturnService;
  /** Supplements, refusals, withdrawals, apologies and stops of received dossiers (issue 14 §2). */
  lifecycle: LifecycleService;
  /** The province-wide look-up (issue 14 §1). */
  remoteDossiers: RemoteDossiers;
  /** A dossier's files with the signature verdicts kept since they arrived (issue 16 §4). */
  dossierFiles: DossierFiles;
  /** Signature checks of PDFs that arrive, made once and kept with the file (issue 16 §4). */
  arrivals: ArrivalVerifier;
  onlineQueue: OnlineQueueService;
  onlineDecisions: OnlineDecisionService;
  /** The return as the IPC makes it: pushed at once when online, a conflict refused in Vietnamese. */
  returnConflicts: ReturnConflicts;
  print: PrintService;
  devices: DeviceService;
  sync: SyncService;
  digitization: DigitizationService;
  dossierDigitization: DossierDigitizationService;
  /** Signing the digitized component PDFs with the unit's key (issue 16 §3). */
  dossierSigning: DossierSigningService;
  scanSettings: ScanSettingsService;
  backup: BackupService;
  /** The citizen-facing screen and the citizens' ratings (issue 18 §2). */
  citizenScreen: CitizenScreenService;
  /** The supervisor's periodic report (issue 18 §1). */
  reports: ReportService;
}
