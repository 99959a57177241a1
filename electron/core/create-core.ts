import fs from 'node:fs';
import path from 'node:path';
import { AccountsRepository } from '../../db/repositories/accounts-repository';
import { AuditRepository } from '../../db/repositories/audit-repository';
import { SessionsRepository } from '../../db/repositories/sessions-repository';
import { SettingsRepository } from '../../db/repositories/settings-repository';
import { applyMigrations } from '../../db/migrate';
import type { OpenedDatabase } from '../../db/open';
import type { ChannelName } from '../../shared/ipc/contract';
import { formatDossierCode, MAX_DAILY_SEQUENCE } from '../../shared/domain/dossier-code';
import { toVietnamLocal } from '../../shared/domain/vietnam-time';
import { sha256Hex } from './platform/node-sha256';
import { FileKeyStore, keyFolder, type KeyStore } from './platform/key-store';
import { deriveAtRestKeys, fileAtRestSecret, openCounterDatabase } from './platform/data-at-rest-key';
import { auditChainKey, keyedChainDigest } from './audit/audit-chain-key';
import { ScryptPasswordHasher } from './accounts/scrypt-password-hasher';
import { newId } from './platform/uuid-ids';
import { uiText } from '../../shared/i18n/vi';
import type { CoreServices } from './core-services';
import type { CoreHandle } from './host/core-protocol';
import { createDispatcher, type Logger } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import { systemClock, type Clock } from './platform/clock';
import type { PasswordHasher } from './accounts/password-hasher';
import { AccountLockCommands } from './accounts/account-lock-commands';
import { AccountAdminService } from './accounts/account-admin-service';
import { toAccount } from './accounts/account-view';
import { AuditService } from './audit/audit-service';
import { AuditAnchoring } from './sync/audit-anchoring';
import { BackupService } from './backup/backup-service';
import { PersonalDataReads, type ReadLimit } from './audit/personal-data-reads';
import { AuthService } from './accounts/auth-service';
import { HealthService } from './health/health-service';
import { SessionRegistry } from './accounts/session-registry';
import { SettingsService } from './site/settings-service';
import { CalendarRepository } from '../../db/repositories/calendar-repository';
import { CatalogRepository } from '../../db/repositories/catalog-repository';
import { DossierRepository } from '../../db/repositories/dossier-repository';
import { DossierResultRepository } from '../../db/repositories/dossier-result-repository';
import { OutboxRepository } from '../../db/repositories/outbox-repository';
import { PartyRepository } from '../../db/repositories/party-repository';
import { PrintJobRepository } from '../../db/repositories/print-job-repository';
import { SequenceRepository } from '../../db/repositories/sequence-repository';
import { FileStore } from './platform/file-store';
import { CalendarService } from './calendar/calendar-service';
import { CatalogService, sampleCatalogPath } from './catalog/catalog-service';
import { DossierService } from './lookup/dossier-service';
import { ReturnService } from './return/return-service';
import { LifecycleService } from './lifecycle/lifecycle-service';
import { ReceptionService } from './reception/reception-service';
import { SequenceService } from './site/sequence-service';
import { SiteService } from './site/site-service';
import { PrintService } from './forms/print-service';
import { ChromiumPdfRenderer } from './platform/chromium-pdf-renderer';
import { createFormService } from './forms';
import { defaultDevicePorts, formPrinterFor, type DevicePorts } from './devices/device-ports';
import { DeviceService } from './devices/device-service';
import { BlobUploader, createSync, type CredentialStore } from './sync';
import { PullApplier } from './sync/pull-applier';
import { pullAll } from './sync/puller';
import { SequenceLeaser } from './sync/sequence-leaser';
import { SyncService } from './sync/sync-service';
import type { SyncStep } from './sync/sync-engine';
import { RemoteDossiers } from './lookup/remote-dossiers';
import { OnlineDecisionService } from './online/online-decision';
import { OnlineDecisionForms } from './online/online-decision-forms';
import { OnlineQueueService } from './online/online-queue';
import { ReturnConflicts } from './return/return-conflicts';
import { OutboxSyncRepository } from '../../db/repositories/outbox-sync-repository';
import type { HostFormPrint } from './printing/form-printers/form-printer';
import type { PdfRenderer } from './platform/pdf-renderer';
import { PageRepository } from '../../db/repositories/page-repository';
import type { DigitizePipeline } from './digitize/app/ports';
import { createDigitizePipeline } from './digitize/app/default-pipeline';
import { DigitizationService } from './digitize/digitization-service';
import { DossierDigitizationService } from './digitize/dossier-digitization-service';
import { ComponentSigningRepository } from '../../db/repositories/component-signing-repository';
import { DossierSigningService } from './signing/dossier-signing-service';
import { openSigningKey } from './signing/open-signing-key';
import { loadTrustMaterial, TRUST_ANCHOR_DIR } from './signing/verify/trust-anchors';
import { ArrivalVerifier } from './signing/arrival-verifier';
import { FileVerificationRepository } from '../../db/repositories/file-verification-repository';
import { DossierFileListRepository } from '../../db/repositories/dossier-file-list-repository';
import { DossierFiles } from './lookup/dossier-files';
import { countDocumentPages } from './digitize/app/document-pages';
import { ScanSettingsService } from './digitize/scan-settings-service';
import { DossierRatingRepository } from '../../db/repositories/dossier-rating-repository';
import { citizenDraftOf } from './citizen-screen/citizen-draft-preview';
import { createCitizenDispatcher } from './citizen-screen/citizen-dispatcher';
import { CitizenScreenService, realScreenTimer, type CitizenWindowHost, type ScreenTimer } from './citizen-screen/citizen-screen-service';
import { ReportService } from './reports/report-service';
import { ReportFactsRepository } from '../../db/repositories/report-facts-repository';
import type { ScannerSettings } from './digitize/capture';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  /** Folder holding db/migrations: the checkout in development, extraResources when packaged. */
  resourcesDir: string;
  clock?: Clock;
  hasher?: PasswordHasher;
  log?: Logger;
  /** Electron main's printToPDF over the core port; headless Chromium when absent (harness, CLI, tests). */
  pdfRenderer?: PdfRenderer;
  /** Electron main's silent webContents.print; without it forms go to CUPS on Linux, else stay PDFs. */
  formPrint?: HostFormPrint;
  /** How often idle sessions are checked; tests turn the timer off and call sweepIdle themselves. */
  idleSweepMs?: number | null;
  /** How often the daily backup's time is checked (a minute); tests turn the timer off and call tick themselves. */
  backupTickMs?: number | null;
  /** Budgets for reads of personal data per account; the defaults when absent (benchmarks lift them). */
  personalDataReadLimits?: Partial<Record<ChannelName, ReadLimit>>;
  /** Where the audit chain's key is kept; a 0600 file under the data folder when absent (harness, CLI, tests). */
  keyStore?: KeyStore;
  /**
   * The secret that encrypts the database and stored files (issue 17 finding 7): Electron main's, kept with safeStorage;
   * absent, a 0600 file under keys/ (harness, CLI, tests); null, nothing is encrypted (only benchmarks' baseline).
   */
  dataAtRestSecret?: Buffer | null;
  /** Holds the background sealing of an older build's plain files at each file (tests of reads during it). */
  fileSealing?: { beforeFile?: () => Promise<void> };
  /** USB, HID, serial and OS printer lists; the real ones when absent, fakes in tests. */
  devices?: Partial<DevicePorts>;
  /** The sync's platform ports and pacing: Electron keeps the credential with safeStorage; tests shorten the backoff. */
  sync?: SyncOptions;
  /**
   * Scanners, cleanup, recognition and PDF assembly; the real drivers and worker pools when absent.
   * `scannerDrivers` sets driver options the admin does not (a private SANE configuration in tests)
   * while the scanners stay the ones the admin configured.
   */
  digitize?: Partial<DigitizePipeline> & { scannerDrivers?: ScannerSettings };
  /** Electron main's monitors and the citizen's window on one of them; absent in the harness (a second page there). */
  citizenWindow?: CitizenWindowHost;
  /** When the citizen's screen clears itself; tests fire it themselves. */
  citizenScreenTimer?: ScreenTimer;
}

export interface SyncOptions {
  credentials?: CredentialStore;
  fetch?: typeof fetch;
  timeoutMs?: number;
  engine?: Parameters<typeof createSync>[0]['engine'];
  /** False: no background loop (the CLI runs passes itself). */
  background?: boolean;
}

export { DATABASE_FILE_NAME, databasePath } from './platform/data-at-rest-key';

export interface Core extends CoreHandle {
  services: CoreServices;
  database: OpenedDatabase;
  /** The background sealing of an older build's plain files: how many it sealed, null when cut short or failed. */
  fileSealing: Promise<number | null>;
}

export function migrationsFolder(resourcesDir: string): string {
  return path.join(resourcesDir, 'db', 'migrations');
}

const defaultLog: Logger = (message, error) => console.error(`[core] ${message}`, error ?? '');

/** How long closing waits for calls in flight: a printer that never answers must not hold the app open. */
const IN_FLIGHT_GRACE_MS = 15_000;

async function settleWithin(calls: Promise<unknown>[], ms: number): Promise<void> {
  if (calls.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([Promise.allSettled(calls), grace]);
  clearTimeout(timer);
}

/**
 * The core's composition root: opens and migrates the database, wires repositories into services
 * and services into the dispatcher. The utilityProcess host, the harness, the CLI and tests all
 * start the core through here.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? defaultLog;
  // Personal data lives under here: the folder is this account's alone (issue 17 finding 7).
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') fs.chmodSync(options.dataDir, 0o700);
  const atRestSecret = options.dataAtRestSecret === null ? null : (options.dataAtRestSecret ?? fileAtRestSecret(options.dataDir));
  const atRestKeys = atRestSecret ? deriveAtRestKeys(atRestSecret) : null;
  const database = openCounterDatabase(options.dataDir, atRestKeys);
  const fileStore = new FileStore(options.dataDir, atRestKeys?.files ?? null);
  // Off the start path: an upgraded counter with years of scans opens at once and seals them behind (issue 17).
  const fileSealing = fileStore.sealOlderFiles(options.fileSealing).catch((error: unknown) => {
    log('sealing older stored files failed; the next start goes on', error);
    return null;
  });
  const migrations = migrationsFolder(options.resourcesDir);
  try {
    applyMigrations(database.sqlite, migrations);
  } catch (error) {
    fileStore.stopSealing();
    database.sqlite.close();
    throw error;
  }
  const { db, sqlite } = database;
  const transaction = <T>(work: () => T): T => sqlite.transaction(work).immediate();

  const listeners = new Set<(clientId: string | null, event: string, payload: unknown) => void>();
  const emit = (clientId: string | null, event: string, payload: unknown) => {
    for (const listener of listeners) listener(clientId, event, payload);
  };

  const accountsRepo = new AccountsRepository(db);
  const sessionsRepo = new SessionsRepository(db);
  sessionsRepo.endAllOpen(clock.now().toISOString());
  // Keyed with a key kept outside the database (issue 17 finding 6); entries an older build wrote stay plain.
  const chainKey = auditChainKey(
    options.keyStore ?? new FileKeyStore(keyFolder(options.dataDir)),
    new AuditRepository(db, sha256Hex).head()?.seq ?? 0,
  );
  const auditDigest = keyedChainDigest(chainKey, sha256Hex);
  const audit = new AuditService(new AuditRepository(db, auditDigest), clock, auditDigest);
  const personalDataReads = new PersonalDataReads(audit, clock, options.personalDataReadLimits);
  const settings = new SettingsService(new SettingsRepository(db), audit, clock, transaction);
  const hasher = options.hasher ?? new ScryptPasswordHasher();
  const registry = new SessionRegistry();
  const outbox = new OutboxRepository(db);
  const lockCommands = new AccountLockCommands(outbox, newId);
  const auth = new AuthService({
    accounts: accountsRepo,
    sessions: sessionsRepo,
    registry,
    audit,
    settings,
    hasher,
    clock,
    newId,
    transaction,
    lockCommands,
    notify: (clientId, state, reason) => emit(clientId, 'session.changed', { state, reason }),
  });
  const accounts = new AccountAdminService({ accounts: accountsRepo, auth, audit, hasher, clock, transaction, lockCommands });
  const health = new HealthService({
    sqlite,
    databaseFile: database.file,
    migrationsFolder: migrations,
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    audit,
  });
  const settingsRepo = new SettingsRepository(db);
  const catalog = new CatalogService(new CatalogRepository(db, newId), audit, clock, transaction);
  catalog.seedIfEmpty(sampleCatalogPath(options.resourcesDir));
  const site = new SiteService(settingsRepo, audit, clock, transaction);
  const calendar = new CalendarService(new CalendarRepository(db), settingsRepo, audit, clock, transaction);
  const sequences = new SequenceService(new SequenceRepository(db), audit, clock, newId, transaction);
  const dossierRepo = new DossierRepository(db);
  const printJobs = new PrintJobRepository(db);
  const ownRenderer = options.pdfRenderer ? null : new ChromiumPdfRenderer();
  const devices = new DeviceService({
    ...defaultDevicePorts(),
    ...options.devices,
    settings: settingsRepo,
    dossiers: dossierRepo,
    printJobs,
    site,
    audit,
    clock,
    newId,
    transaction,
    resourcesDir: options.resourcesDir,
    hostPrint: options.formPrint,
    emit: (event, payload) => emit(null, event, payload),
  });
  const formPrinter = formPrinterFor(process.platform, {
    dataDir: options.dataDir,
    clock,
    queue: (pageSize) => devices.settings().formPrinters[pageSize],
    hostPrint: options.formPrint,
  });
  const forms = createFormService({
    site: () => site.get(),
    pdfRenderer: options.pdfRenderer ?? ownRenderer!,
    dataDir: options.dataDir,
    clock,
    printer: formPrinter,
  });
  const reception = new ReceptionService({
    catalog,
    site,
    calendar,
    sequences,
    files: fileStore,
    parties: new PartyRepository(db),
    dossiers: dossierRepo,
    outbox,
    printJobs,
    audit,
    clock,
    newId,
    transaction,
    oweSlip: (job) => devices.oweSlip(job),
  });
  const arrivals = new ArrivalVerifier({
    files: fileStore,
    verifications: new FileVerificationRepository(db),
    trust: () => loadTrustMaterial(path.join(options.dataDir, TRUST_ANCHOR_DIR)),
    clock,
  });
  const dossierResults = {
    repository: new DossierResultRepository(db),
    files: fileStore,
    countPages: countDocumentPages,
    // A PDF whose signatures cannot be read counts as not signed.
    signedValidly: (sha256: string) =>
      arrivals.verdict(sha256).then(
        (verdict) => verdict.valid,
        () => false,
      ),
  };
  const dossiers = new DossierService({
    dossiers: dossierRepo,
    audit,
    todaysCode: (sequence) => {
      const { agencyCode } = site.get();
      if (!agencyCode || sequence < 1 || sequence > MAX_DAILY_SEQUENCE) return null;
      return formatDossierCode({ agencyCode, date: toVietnamLocal(clock.now()).slice(0, 10), sequence });
    },
  });
  const returns = new ReturnService({
    dossiers: dossierRepo,
    outbox,
    audit,
    clock,
    newId,
    transaction,
    oweSlip: (job) => devices.oweSlip(job),
    results: dossierResults,
  });
  const print = new PrintService({
    forms,
    site: () => site.get(),
    dossiers: dossierRepo,
    printJobs,
    catalog,
    audit,
    clock,
    newId,
    transaction,
  });
  const pageRepo = new PageRepository(db);
  const { scannerDrivers, ...digitizeParts } = options.digitize ?? {};
  const scanSettings = new ScanSettingsService({
    settings: settingsRepo,
    audit,
    clock,
    transaction,
    discovery: scannerDrivers?.esclDiscovery,
  });
  const defaultPipeline = createDigitizePipeline({
    resourcesDir: options.resourcesDir,
    dataDir: options.dataDir,
    scannerDrivers,
    scanSettings: () => scanSettings.get(),
  });
  const pipeline = { ...defaultPipeline, ...digitizeParts };
  const digitization = new DigitizationService({
    pages: pageRepo,
    files: fileStore,
    pipeline,
    catalog,
    pdfRenderer: options.pdfRenderer ?? ownRenderer!,
    clock,
    newId,
    transaction,
    emit,
    log,
  });
  const dossierDigitization = new DossierDigitizationService({
    pages: pageRepo,
    results: dossierResults.repository,
    files: fileStore,
    pdf: pipeline.pdf,
    reception,
    dossiers: dossierRepo,
    outbox,
    audit,
    officerName: (accountId) => (accountId && accountsRepo.findById(accountId)?.fullName) || '',
    clock,
    newId,
    transaction,
    appVersion: options.appVersion,
    log,
    ocrSettled: () => digitization.ocrIdle(),
    countPages: countDocumentPages,
  });
  void dossierDigitization.finishInterrupted();
  const dossierSigning = new DossierSigningService({
    signing: new ComponentSigningRepository(db),
    files: fileStore,
    outbox,
    audit,
    clock,
    newId,
    transaction,
    openKey: openSigningKey,
    reason: uiText.signing.componentReason,
    pdfReadable: async (pdf) => (await countDocumentPages(pdf, 'application/pdf')) !== null,
  });
  const corrections: SyncStep[] = [];
  const sync = composeSync({
    corrections,
    options,
    database,
    clock,
    log,
    emit,
    transaction,
    settingsRepo,
    dossierRepo,
    accountsRepo,
    catalog,
    calendar,
    sequences,
    site,
    reception,
    audit,
    auth,
    files: fileStore,
  });
  const backup = new BackupService({
    sqlite,
    settings: settingsRepo,
    audit,
    clock,
    dataDir: options.dataDir,
    atRestSecret,
    appVersion: options.appVersion,
    log,
  });
  const province = sync.province();
  const dossierFileList = new DossierFileListRepository(db);
  const remoteDossiers = new RemoteDossiers({
    province: {
      enrolled: () => province.credential() !== null,
      searchDossiers: (text, limit) => province.searchDossiers(text, limit),
      openDossier: (code) => province.openDossier(code),
      dossierFile: (code, sha256) => province.dossierFile(code, sha256),
    },
    dossiers: dossierRepo,
    outbox,
    files: fileStore,
    heldFiles: dossierFileList,
    arrived: (sha256) => arrivals.arrived(sha256),
    audit,
    clock,
    transaction,
  });
  const dossierFiles = new DossierFiles({
    dossiers: dossierRepo,
    fileList: dossierFileList,
    results: dossierResults.repository,
    files: fileStore,
    verdicts: (sha256s) => arrivals.verdicts(sha256s),
  });
  const reports = new ReportService({
    facts: new ReportFactsRepository(db),
    calendar: () => calendar.calendar(),
    clock,
    counterId: () => province.credential()?.deviceId ?? null,
    site: () => site.get(),
    pdfRenderer: options.pdfRenderer ?? ownRenderer!,
    printer: formPrinter,
  });
  const onlineQueue = new OnlineQueueService({
    province: {
      enrolled: () => province.credential() !== null,
      listOnlineDossiers: () => province.listOnlineDossiers(),
      claimOnlineDossier: (id, officer) => province.claimOnlineDossier(id, officer),
      onlineDossierFile: (id, sha256) => province.onlineDossierFile(id, sha256),
    },
    clock,
    calendar: () => calendar.calendar(),
    files: fileStore,
    audit,
    arrived: (sha256) => arrivals.arrived(sha256),
  });
  const onlineDecisions = new OnlineDecisionService({
    province: {
      enrolled: () => province.credential() !== null,
      claimOnlineDossier: (id, officer) => province.claimOnlineDossier(id, officer),
      decideOnlineDossier: (id, officer, decision) => province.decideOnlineDossier(id, officer, decision),
    },
    // The same path as direct reception: scanned pages become the component PDFs, digitization is recorded.
    reception: {
      accept: (officer, draft, online, sessionId) =>
        sessionId
          ? dossierDigitization.accept(officer, { sessionId, draft }, online)
          : dossierDigitization.acceptUnscanned(officer, draft, online),
    },
    // The receipt and Forms 02/03 sent electronically, signed in the officer's open session (issue 15 §1, 16 §3).
    forms: new OnlineDecisionForms({
      forms,
      sign: (accountId, pdf, label) => dossierSigning.signInSession(accountId, pdf, label),
      files: fileStore,
      attachToDossier: (dossier, file) =>
        outbox.append({
          id: newId(),
          dossierId: dossier.id,
          kind: 'dossier.filesAttached',
          payload: { code: dossier.code, files: [file] },
          createdAt: clock.now().toISOString(),
        }),
      procedureName: (code) => {
        try {
          return catalog.get(code).name;
        } catch {
          return null;
        }
      },
      audit,
      clock,
    }),
    uploadBlob: (sha256) => new BlobUploader({ gateway: province, files: fileStore }).upload(sha256),
    log: (message) => log(message),
    keepFiledFiles: (id, sha256s) => onlineQueue.keepFiles(id, sha256s),
  });
  const lifecycle = new LifecycleService({
    dossiers: dossierRepo,
    outbox,
    audit,
    clock,
    calendar: () => calendar.calendar(),
    newId,
    transaction,
    forms: print,
  });
  const returnConflicts = new ReturnConflicts({
    returns,
    dossiers: dossierRepo,
    outbox,
    audit,
    clock,
    newId,
    transaction,
    enrolled: () => province.credential() !== null,
    pushNow: () => sync.pushNow(),
    refresh: (code) => remoteDossiers.refresh(code),
  });
  corrections.push(() => returnConflicts.correctAll());
  // The citizen's window hears only this stream, never the officer's events (issue 18 §2).
  const citizenListeners = new Set<(event: string, payload: unknown) => void>();
  const citizenScreen = new CitizenScreenService({
    ratings: new DossierRatingRepository(db),
    outbox,
    settings: settingsRepo,
    audit,
    clock,
    timer: options.citizenScreenTimer ?? realScreenTimer(clock),
    newId,
    transaction,
    preview: (draft) =>
      citizenDraftOf(
        draft,
        catalog.get(draft.procedureCode),
        reception.check(draft).checklist,
        reception.dueDate(draft.procedureCode).dueLocal,
      ),
    counterId: () => province.credential()?.deviceId ?? null,
    pushSoon: () => sync.nudge(),
    emit: (screen) => {
      for (const listener of citizenListeners) listener('citizen.screen', screen);
    },
    host: options.citizenWindow,
  });
  citizenScreen.placeWindow();
  const dispatchCitizen = createCitizenDispatcher(citizenScreen, log);
  const services = {
    backup,
    citizenScreen,
    reports,
    auth,
    accounts,
    audit,
    settings,
    health,
    catalog,
    site,
    calendar,
    sequences,
    reception,
    dossiers,
    returns,
    lifecycle,
    remoteDossiers,
    dossierFiles,
    arrivals,
    onlineQueue,
    onlineDecisions,
    returnConflicts,
    print,
    devices,
    digitization,
    dossierDigitization,
    dossierSigning,
    scanSettings,
    sync,
  };

  const dispatchNow = createDispatcher(
    createHandlers(services),
    {
      resolve(clientId) {
        const live = auth.current(clientId);
        const row = live && accountsRepo.findById(live.accountId);
        return live && row ? { account: toAccount(row), locked: live.locked } : null;
      },
      activity(clientId) {
        auth.touch(clientId);
      },
      personalDataRead(account, channel, input) {
        personalDataReads.read(account, channel, input);
      },
    },
    log,
  );
  // Calls in flight when the core closes (a print saving its job, an accept writing its dossier) finish
  // before the database closes, so their outcome is recorded rather than lost to a closed connection.
  const inFlight = new Set<Promise<unknown>>();
  const dispatch: typeof dispatchNow = (clientId, channel, input) => {
    const call = dispatchNow(clientId, channel, input);
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
    return call;
  };

  sync.start();

  const sweepMs = options.idleSweepMs === undefined ? 15_000 : options.idleSweepMs;
  const sweep = sweepMs === null ? null : setInterval(() => auth.sweepIdle(), sweepMs);
  sweep?.unref();
  const backupTickMs = options.backupTickMs === undefined ? 60_000 : options.backupTickMs;
  const backupTick = backupTickMs === null ? null : setInterval(() => void backup.tick(), backupTickMs);
  backupTick?.unref();
  // Dossiers queued for background signing whose PDFs were assembled since (OCR first) are signed at the next tick.
  const signingTick = backupTickMs === null ? null : setInterval(() => void dossierSigning.background.drain(), 30_000);
  signingTick?.unref();
  void devices.startReaders();

  return {
    services,
    database,
    fileSealing,
    dispatch,
    citizen: {
      dispatch: dispatchCitizen,
      onEvent(listener) {
        citizenListeners.add(listener);
        return () => citizenListeners.delete(listener);
      },
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clientClosed(clientId) {
      auth.signOut(clientId, 'appClosed');
    },
    async close() {
      // A sync pass in flight still writes its outcome (acknowledged commands, leased blocks), so
      // the database closes only once the engine has stopped and that pass has settled.
      const syncStopped = sync.stop();
      if (sweep) clearInterval(sweep);
      if (backupTick) clearInterval(backupTick);
      if (signingTick) clearInterval(signingTick);
      void dossierSigning.background.stop();
      void devices.close();
      for (const live of registry.all()) auth.signOut(live.clientId, 'appClosed');
      listeners.clear();
      digitization.close();
      citizenScreen.close();
      citizenListeners.clear();
      void ownRenderer?.close();
      void defaultPipeline.close();
      fileStore.stopSealing();
      await syncStopped;
      await fileSealing;
      await settleWithin([...inFlight], IN_FLIGHT_GRACE_MS);
      await backup.settled();
      sqlite.close();
    },
  };
}

/**
 * The sync: the engine pushes the outbox, then pulls the province's changes and leases sequence
 * numbers ahead; its status goes to every window as `sync.progress`.
 */
function composeSync(c: {
  /** Steps run after the pull, filled once the rooms that need the sync exist (return conflicts). */
  corrections: SyncStep[];
  options: CoreOptions;
  database: OpenedDatabase;
  clock: Clock;
  log: Logger;
  emit: (clientId: string | null, event: string, payload: unknown) => void;
  transaction: <T>(work: () => T) => T;
  settingsRepo: SettingsRepository;
  dossierRepo: DossierRepository;
  accountsRepo: AccountsRepository;
  catalog: CatalogService;
  calendar: CalendarService;
  sequences: SequenceService;
  site: SiteService;
  reception: ReceptionService;
  audit: AuditService;
  auth: AuthService;
  files: FileStore;
}): SyncService {
  const { db } = c.database;
  const now = () => c.clock.now().toISOString();
  const applier = new PullApplier({
    catalog: new CatalogRepository(db, newId),
    calendar: new CalendarRepository(db),
    accounts: c.accountsRepo,
    dossiers: c.dossierRepo,
    settings: c.settingsRepo,
    newId,
    transaction: c.transaction,
  });
  let service: SyncService | null = null;
  let leaser: SequenceLeaser | null = null;
  const { client, engine } = createSync({
    database: c.database,
    dataDir: c.options.dataDir,
    files: c.files,
    clock: c.clock,
    credentials: c.options.sync?.credentials,
    fetch: c.options.sync?.fetch,
    timeoutMs: c.options.sync?.timeoutMs,
    engine: c.options.sync?.engine,
    log: c.log,
    steps: (gateway) => {
      const ahead = new SequenceLeaser({
        gateway,
        repository: new SequenceRepository(db),
        sequences: c.sequences,
        audit: c.audit,
        agencyCode: () => {
          const agency = c.site.get().agencyCode;
          return agency && gateway.credential()?.agencyCode === agency ? agency : null;
        },
        today: () => c.reception.today(),
        calendar: () => c.calendar.calendar(),
        newId,
        now,
        transaction: c.transaction,
      });
      const onPage = (page: { lockedAccountIds: string[]; catalogChanged: boolean }) => {
        if (page.catalogChanged) c.catalog.invalidate();
        for (const id of page.lockedAccountIds) c.auth.endSessionsOf(id, 'accountLocked');
      };
      leaser = ahead;
      const corrections = async () => {
        for (const step of c.corrections) await step();
      };
      // Last, so the head anchored at the province covers what this pass recorded (issue 17 finding 6).
      const anchoring = new AuditAnchoring({ gateway, chain: c.audit, settings: c.settingsRepo, now, log: (message) => c.log(message) });
      return {
        after: [() => pullAll({ gateway, applier, now, onPage }), () => ahead.leaseAhead(), corrections, () => anchoring.anchor()],
      };
    },
    onStatus: (status) => {
      if (!service) return;
      service.recordStatus(status);
      const overview = service.overview();
      c.emit(null, 'sync.progress', {
        state: overview.state,
        pendingCommands: overview.pendingCommands,
        pendingFiles: overview.pendingFiles,
        lastSuccessAt: overview.lastSuccessAt,
        lastError: overview.lastError,
      });
    },
  });
  service = new SyncService({
    client,
    engine,
    outbox: new OutboxSyncRepository(db),
    settings: c.settingsRepo,
    audit: c.audit,
    siteAgencyCode: () => c.site.get().agencyCode,
    background: c.options.sync?.background,
    leaseTodayIfEmpty: async () => leaser?.leaseTodayIfEmpty(),
  });
  return service;
}
