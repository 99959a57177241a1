import { AppError } from '../../../shared/ipc/result';
import { actorOf } from '../accounts/auth-service';
import type { Officer } from '../reception/reception-service';
import { configuredSiteSchema } from '../site/site-service';
import type { Procedure } from '../../../shared/catalog/procedure';
import type { CoreServices } from '../core-services';
import { extractDossierCode } from '../lookup/dossier-service';
import type { CallContext, Handlers } from './dispatcher';
import type { RatingStage } from '../../../shared/citizen-screen/satisfaction';
import type { DossierView } from '../../../shared/reception/dossier-view';

/** The core's services, as the composition root builds them. */
export type HandlerServices = CoreServices;

/** The dispatcher has already checked access; this only guards the type for channels that need an account. */
function signedIn(ctx: CallContext) {
  if (!ctx.account) throw new AppError('NOT_SIGNED_IN');
  return actorOf(ctx.account);
}

function officerOf(ctx: CallContext): Officer {
  if (!ctx.account) throw new AppError('NOT_SIGNED_IN');
  return { accountId: ctx.account.id, username: ctx.account.username, fullName: ctx.account.fullName };
}

function summaryOf(p: Procedure) {
  return { code: p.code, name: p.name, sectorName: p.sectorName, level: p.level, duration: p.duration, sample: p.sample };
}

/** A change for the province was just committed: push it soon rather than after the idle pause. */
function nudging<T>(s: HandlerServices, result: T): T {
  s.sync.nudge();
  return result;
}

/** The printer's verdict without the byte count the Test result has no place for. */
function pickPrintOutcome(result: { outcome: 'printed' | 'handedOver'; paperNearEnd: boolean }) {
  return { outcome: result.outcome, paperNearEnd: result.paperNearEnd };
}

/** The citizen's screen asks them to rate once their dossier is accepted or its result handed over (issue 18 §2). */
function askRating(s: HandlerServices, dossier: DossierView, stage: RatingStage, ctx: CallContext): void {
  s.citizenScreen.askRating({ id: dossier.id, code: dossier.code, dueLocal: dossier.dueLocal }, stage, ctx.account?.id ?? null);
}

/** One line per channel: the handler table is the map from the contract to the services. */
export function createHandlers(s: HandlerServices): Handlers {
  return {
    'app.firstRunStatus': () => s.auth.firstRunStatus(),
    'app.createFirstAdmin': (input) => s.auth.createFirstAdmin(input),
    'auth.session': (_input, ctx) => s.auth.session(ctx.clientId),
    'auth.signIn': (input, ctx) => s.auth.signIn(ctx.clientId, input),
    'auth.signOut': (_input, ctx) => {
      s.auth.signOut(ctx.clientId);
      // The background signing session is the officer's: it ends with their sign-out (docs/devices.md §7.6).
      void s.dossierSigning.background.stop();
      return {};
    },
    'auth.heartbeat': (_input, ctx) => {
      const live = s.auth.current(ctx.clientId);
      return { locked: live?.locked ?? false, lockCause: live?.locked ? (live.lockCause ?? 'idle') : null };
    },
    'auth.lockScreen': (input, ctx) => {
      s.auth.lockScreen(ctx.clientId, input.cause);
      return {};
    },
    'auth.unlockScreen': (input, ctx) => s.auth.unlockScreen(ctx.clientId, input.password),
    'auth.changePassword': (input, ctx) => s.auth.changePassword(ctx.clientId, input),
    'admin.listAccounts': () => s.accounts.list(),
    'admin.createAccount': (input, ctx) => s.accounts.create(signedIn(ctx), input),
    'admin.setAccountLocked': (input, ctx) => nudging(s, s.accounts.setLocked(signedIn(ctx), input.accountId, input.locked)),
    'admin.resetPassword': (input, ctx) => s.accounts.resetPassword(signedIn(ctx), input.accountId, input.newPassword),
    'admin.changeRole': (input, ctx) => s.accounts.changeRole(signedIn(ctx), input.accountId, input.role),
    'admin.getSettings': () => s.settings.get(),
    'admin.updateSettings': (input, ctx) => s.settings.update(signedIn(ctx), input),
    'audit.list': (input) => s.audit.list(input.limit, input.beforeSeq),
    'audit.verify': () => s.audit.verify(),
    'health.info': () => s.health.info(),
    'health.diagnosticLog': () => s.health.diagnosticLog(),
    'backup.overview': () => s.backup.overview(),
    'backup.configure': (input, ctx) => s.backup.configure(signedIn(ctx), input),
    'backup.run': (input, ctx) => s.backup.run(signedIn(ctx), input.trigger),
    'catalog.search': (input) => s.catalog.search(input.query, input.limit).map(summaryOf),
    'catalog.get': (input) => s.catalog.get(input.code),
    'catalog.importJson': (input, ctx) => s.catalog.importJson(signedIn(ctx), input.text, input.source),
    'catalog.importXlsx': (input, ctx) => s.catalog.importXlsx(signedIn(ctx), Buffer.from(input.dataBase64, 'base64'), input.source),
    'catalog.overview': () => {
      const all = s.catalog.list().sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      return { count: all.length, procedures: all.map(summaryOf) };
    },
    // exceljs loads with the first export, not at start (docs/architecture.md §12).
    'catalog.exportXlsx': async () => {
      const { writeCatalogXlsx } = await import('../catalog/write-catalog-xlsx');
      return { fileName: 'danh-muc-thu-tuc.xlsx', dataBase64: Buffer.from(await writeCatalogXlsx(s.catalog.list())).toString('base64') };
    },
    'site.get': () => {
      const site = s.site.get();
      return { ...site, configured: configuredSiteSchema.safeParse(site).success, formSets: s.site.settings().formSets };
    },
    'site.update': (input, ctx) => ({ ...s.site.update(signedIn(ctx), input), configured: true, formSets: s.site.settings().formSets }),
    'calendar.year': (input) => s.calendar.year(input.year),
    'calendar.setDay': (input, ctx) => {
      s.calendar.setDay(signedIn(ctx), input);
      return {};
    },
    'calendar.removeDay': (input, ctx) => {
      s.calendar.removeDay(signedIn(ctx), input.date);
      return {};
    },
    'calendar.setSessions': (input, ctx) => {
      s.calendar.setSessions(signedIn(ctx), input.sessions);
      return {};
    },
    'calendar.setReceptionSessions': (input, ctx) => {
      s.calendar.setReceptionSessions(signedIn(ctx), input.sessions);
      return {};
    },
    'calendar.suggestHolidays': (input) => s.calendar.suggestHolidays(input.year),
    'sequence.status': () => {
      const site = s.site.requireConfigured();
      return { today: s.sequences.status(site.agencyCode, s.reception.today()), blocks: s.sequences.blocks(site.agencyCode) };
    },
    'sequence.addBlock': (input, ctx) => s.sequences.addBlock(signedIn(ctx), s.site.requireConfigured().agencyCode, input),
    'reception.storeFile': (input) => s.reception.storeFile(input),
    'reception.knownParty': (input) => s.reception.knownParty(input.kind, input.identifier),
    'reception.dueDate': (input) => s.reception.dueDate(input.procedureCode),
    'reception.check': (input) => s.reception.check(input.draft),
    'reception.accept': async (input, ctx) => {
      await s.sync.numbersForToday();
      const accepted = await s.dossierDigitization.acceptUnscanned(officerOf(ctx), input.draft);
      askRating(s, accepted.dossier, 'reception', ctx);
      return nudging(s, accepted);
    },
    'dossier.search': (input) => s.dossiers.search(input),
    'dossier.open': (input, ctx) => s.dossiers.open(officerOf(ctx), input.id),
    'dossier.openByScan': async (input, ctx) => {
      try {
        return s.dossiers.openByScan(officerOf(ctx), input.scanned);
      } catch (error) {
        // Received at another counter: the return desk finds it through the province (issue 14 §1).
        const code = error instanceof AppError && error.code === 'DOSSIER_NOT_FOUND' ? extractDossierCode(input.scanned) : null;
        if (!code) throw error;
        return s.remoteDossiers.openInstead(officerOf(ctx), code, error as AppError);
      }
    },
    'dossier.searchRemote': async (input) => {
      const found = await s.remoteDossiers.search(input.text);
      return { ...found, reason: found.online ? null : found.reason, message: found.online ? null : found.message };
    },
    'online.queue': async () => {
      const queue = await s.onlineQueue.list();
      return { ...queue, reason: queue.online ? null : queue.reason, message: queue.online ? null : queue.message };
    },
    'online.claim': (input, ctx) => s.onlineQueue.claim(officerOf(ctx), input.id),
    'online.file': async (input, ctx) => ({
      dataBase64: Buffer.from(await s.onlineQueue.file(officerOf(ctx), input.id, input.sha256)).toString('base64'),
    }),
    // Numbers first, as for any reception; pushed at once so the gateway records the acceptance (issue 15 §1).
    'online.accept': async (input, ctx) => {
      await s.sync.numbersForToday();
      return nudging(s, await s.onlineDecisions.accept(officerOf(ctx), input.id, input.draft, input.sessionId));
    },
    'online.requestSupplement': (input, ctx) => s.onlineDecisions.requestSupplement(officerOf(ctx), input.id, input.reason),
    'online.refuse': (input, ctx) => s.onlineDecisions.refuse(officerOf(ctx), input.id, input.reason),
    'dossier.openRemote': (input, ctx) => s.remoteDossiers.open(officerOf(ctx), input.code),
    'dossier.files': (input) => s.dossierFiles.list(input.dossierId),
    'dossier.remoteFile': async (input, ctx) => ({
      dataBase64: Buffer.from(await s.remoteDossiers.file(officerOf(ctx), input.dossierId, input.sha256)).toString('base64'),
    }),
    // Pushed at once when online, so a return another counter made first is refused here and now (issue 14 §1).
    'dossier.markReturned': async (input, ctx) => {
      const returned = await s.returnConflicts.returnWithResults(officerOf(ctx), input);
      askRating(s, returned, 'return', ctx);
      return nudging(s, returned);
    },
    'sync.status': () => s.sync.overview(),
    'sync.enroll': (input, ctx) => s.sync.enroll(signedIn(ctx), input),
    'sync.now': () => s.sync.syncNow(),
    'sync.retryItem': (input, ctx) => s.sync.retryItem(signedIn(ctx), input.commandId),
    'print.receipt': (input, ctx) => s.print.receipt(officerOf(ctx), input.dossierId),
    'print.reprintReceipt': (input, ctx) => s.print.reprintReceipt(officerOf(ctx), input.dossierId, input.reason),
    'print.supplementRequest': (input, ctx) => s.print.supplementRequest(officerOf(ctx), input),
    'print.refusal': (input, ctx) => s.print.refusal(officerOf(ctx), input),
    'print.apology': (input, ctx) => s.print.apology(officerOf(ctx), input),
    'dossier.history': (input) => s.lifecycle.history(input.id),
    'dossier.overdue': () => s.lifecycle.overdue(),
    'lifecycle.requestSupplement': async (input, ctx) => nudging(s, await s.lifecycle.requestSupplementAndPrint(officerOf(ctx), input)),
    'lifecycle.receiveSupplement': (input, ctx) => nudging(s, s.lifecycle.receiveSupplement(officerOf(ctx), input)),
    'lifecycle.refuse': async (input, ctx) => nudging(s, await s.lifecycle.refuseAndPrint(officerOf(ctx), input)),
    'lifecycle.withdraw': (input, ctx) => nudging(s, s.lifecycle.withdraw(officerOf(ctx), input)),
    'lifecycle.apologize': async (input, ctx) => nudging(s, await s.lifecycle.apologizeAndPrint(officerOf(ctx), input)),
    'lifecycle.stopProcessing': async (input, ctx) => nudging(s, await s.lifecycle.stopProcessingAndPrint(officerOf(ctx), input)),
    'print.controlSlip': (input, ctx) => s.print.controlSlip(officerOf(ctx), input.dossierId),
    'print.stopNotice': (input, ctx) => s.print.stopNotice(officerOf(ctx), input),
    'print.register': (input, ctx) => s.print.register(officerOf(ctx), input.fromDate, input.toDate),
    'print.outstanding': () => s.print.outstanding(),
    'screen.showDraft': (input) => {
      s.citizenScreen.showDraft(input.draft);
      return {};
    },
    'screen.clear': () => {
      s.citizenScreen.clear();
      return {};
    },
    'screen.ratings': (input) => s.citizenScreen.ratingsOf(input.dossierId),
    'screen.settings': async () => ({ settings: s.citizenScreen.settings(), displays: await s.citizenScreen.displays() }),
    'screen.updateSettings': (input, ctx) => s.citizenScreen.updateSettings(signedIn(ctx), input),
    'print.slip': (input, ctx) => s.devices.printSlip(officerOf(ctx), input.dossierId, input.kind),
    'devices.list': () => s.devices.list(),
    'devices.settings': () => s.devices.settings(),
    'devices.updateSettings': (input, ctx) => s.devices.updateSettings(signedIn(ctx), input),
    'devices.test': async (input) => {
      if (input.target === 'reader') return { target: 'reader' as const, scan: await s.devices.testRead(input.seconds) };
      if (input.target === 'receiptPrinter')
        return { target: 'receiptPrinter' as const, ...pickPrintOutcome(await s.devices.testReceiptPrinter()) };
      if (input.target === 'scanner')
        return { target: 'scanner' as const, ...(await s.digitization.testScan(input.scanner, s.scanSettings.profile(input.profileId))) };
      const printer = s.devices.settings().formPrinters[input.pageSize];
      const { printed, savedPath } = await s.print.testPage(input.pageSize, printer);
      return { target: 'formPrinter' as const, printer, printed, savedPath };
    },
    'devices.scanSettings': () => s.scanSettings.get(),
    'devices.updateScanSettings': (input, ctx) => s.scanSettings.update(signedIn(ctx), input),
    'devices.discoverScanners': () => s.scanSettings.discover(),
    'scan.scanners': async () => (await s.digitization.scanners()).map((d) => ({ kind: d.kind, id: d.id, name: d.name })),
    'scan.openSession': (input, ctx) => s.digitization.openSession(officerOf(ctx), input),
    'scan.start': (input, ctx) => s.digitization.scan(ctx.clientId, input),
    'scan.cancel': (input) => {
      s.digitization.cancelScan(input.sessionId);
      return {};
    },
    'signing.status': (input) => s.dossierSigning.status(input.dossierId),
    'signing.signDossier': async (input, ctx) =>
      nudging(s, await s.dossierSigning.signDossier(officerOf(ctx).accountId, input.dossierId, input.key)),
    'signing.moduleSuggestions': () => s.dossierSigning.moduleSuggestions(),
    'signing.backgroundStart': (input, ctx) => s.dossierSigning.background.start(officerOf(ctx).accountId, input.key),
    'signing.backgroundEnqueue': (input) => s.dossierSigning.background.enqueue(input.dossierId),
    'signing.backgroundStatus': () => s.dossierSigning.background.status(),
    'signing.backgroundStop': async () => {
      await s.dossierSigning.background.stop();
      return s.dossierSigning.background.status();
    },
    'signing.verifyStored': (input) => s.arrivals.verdict(input.sha256),
    'signing.signFiles': (input, ctx) => s.dossierSigning.signStoredFiles(officerOf(ctx).accountId, input.files, input.key, input.purpose),
    'signing.browse': (input) => s.dossierSigning.browse(input.dir, input.purpose),
    'signing.tokens': (input) => s.dossierSigning.tokens(input.modulePath),
    'signing.certificates': (input) => s.dossierSigning.certificates(input.modulePath, input.tokenLabel),
    'scan.separatorSheets': async (input) => ({
      pdfBase64: Buffer.from(await s.digitization.separatorSheets(input.procedureCode)).toString('base64'),
    }),
    'pages.list': (input) => s.digitization.pages(input.sessionId),
    'pages.image': (input) => s.digitization.pageImage(input.pageId),
    'pages.rotate': (input) => s.digitization.rotate(input.pageId, input.quarterTurns),
    'pages.reorder': (input) => s.digitization.reorder(input.sessionId, input.componentCode, input.pageIds),
    'pages.move': (input) => s.digitization.move(input.sessionId, input.pageIds, input.toComponent),
    'pages.remove': (input) => {
      s.digitization.remove(input.pageId);
      return {};
    },
    'pages.suggestions': (input) => s.digitization.suggestions(input.sessionId),
    'pages.reusable': (input) => s.dossierDigitization.reusable(input.ownerIdNumber),
    'pages.accept': async (input, ctx) => {
      await s.sync.numbersForToday();
      const accepted = await s.dossierDigitization.accept(officerOf(ctx), input);
      askRating(s, accepted.dossier, 'reception', ctx);
      return accepted;
    },
    'digitization.stats': (input) => s.dossierDigitization.statistics(input.fromDate, input.toDate),
    'reports.dossiers': (input) => s.reports.report(input.period, input.filter),
    'reports.exportXlsx': (input) => s.reports.exportXlsx(input.period, input.filter),
    'reports.print': (input) => s.reports.print(input.period, input.filter),
  };
}
