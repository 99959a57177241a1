import { PlugWatcher } from './plug-watcher';
import type { HostFormPrint } from '../printing/form-printers/form-printer';
import type { DossierRepository } from '../../../db/repositories/dossier-repository';
import type { PrintJobRepository, PrintJobRow } from '../../../db/repositories/print-job-repository';
import type { SettingsRepository } from '../../../db/repositories/settings-repository';
import { deviceSettingsSchema, type DeviceSettings, type ReaderSettings } from '../../../shared/devices/device-settings';
import { utcToVietnamLocal } from '../../../shared/forms/format';
import { AppError } from '../../../shared/ipc/result';
import { receivedSlip, returnedSlip, testSlip, type SlipBlock } from '../../../shared/printing/slip-layout';
import { inventory, type DeviceInventory } from './device-inventory';
import type { DevicePorts } from './device-ports';
import { HidPosReader } from './readers/hid-pos-reader';
import type { BarcodeReader, ReaderState } from './readers/reader';
import { ReaderRouter, type RoutedScan } from './readers/reader-router';
import { SerialReader } from './readers/serial-reader';
import { createReceiptPrinter, type SlipPrintResult } from '../printing';
import type { Clock } from '../platform/clock';
import type { OwedSlip } from '../printing/slip-debt';
import type { AuditActor, AuditService } from '../audit/audit-service';
import type { Officer } from '../reception/reception-service';
import type { SiteService } from '../site/site-service';

const SETTINGS_KEY = 'devices';
export type SlipKind = 'slip_received' | 'slip_returned';

export interface DeviceList extends DeviceInventory {
  readers: { id: string; kind: ReaderSettings['kind']; state: ReaderState; detail: string | null }[];
  receiptPrinter: { configured: boolean; lastOutcome: string | null; lastError: string | null };
  recentScans: RoutedScan[];
}

export interface SlipJobResult {
  jobId: string;
  outcome: SlipPrintResult['outcome'];
  paperNearEnd: boolean;
}

export interface DeviceServiceDeps extends DevicePorts {
  settings: SettingsRepository;
  dossiers: DossierRepository;
  printJobs: PrintJobRepository;
  site: SiteService;
  audit: AuditService;
  clock: Clock;
  newId: () => string;
  transaction: <T>(work: () => T) => T;
  resourcesDir: string;
  /** The app's silent print, for receipt printers installed with a vendor driver; absent in the CLI and harness. */
  hostPrint?: HostFormPrint;
  /** How often plugged-in devices are compared while a window shows them; null turns it off (tests, CLI). */
  plugWatchMs?: number | null;
  /** `reader.scanned` and `devices.status` to every window. */
  emit: (event: 'reader.scanned' | 'devices.status', payload: unknown) => void;
}

/** Plugging a reader in shows up in the settings screen within this. */
const PLUG_WATCH_MS = 3000;
/** The watch ends this long after the settings screen last asked for the lists. */
const PLUG_WATCH_WINDOW_MS = 5 * 60_000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

/**
 * The counter's devices: their settings (kept in the database, so they survive restarts and
 * updates), what is plugged in, Test actions, thermal slips as persisted print jobs, and the
 * HID-POS and serial readers whose scans go to the windows as `reader.scanned`.
 */
export class DeviceService {
  private readonly router: ReaderRouter;
  private readers: BarcodeReader[] = [];
  private readonly readerStates = new Map<string, { state: ReaderState; detail: string | null }>();
  private lastSlip: { outcome: string | null; error: string | null } = { outcome: null, error: null };
  private readonly scanWaiters = new Set<(scan: RoutedScan) => void>();
  private readonly plugs: PlugWatcher | null;

  constructor(private readonly deps: DeviceServiceDeps) {
    this.router = new ReaderRouter((scan) => {
      deps.emit('reader.scanned', scan);
      for (const waiter of this.scanWaiters) waiter(scan);
    }, deps.clock);
    const intervalMs = deps.plugWatchMs === undefined ? PLUG_WATCH_MS : deps.plugWatchMs;
    this.plugs =
      intervalMs === null
        ? null
        : new PlugWatcher({
            inventory: () => inventory(deps),
            onChange: () => deps.emit('devices.status', { plugged: true }),
            intervalMs,
            windowMs: PLUG_WATCH_WINDOW_MS,
            now: () => Date.now(),
          });
  }

  settings(): DeviceSettings {
    const parsed = deviceSettingsSchema.safeParse(this.deps.settings.get(SETTINGS_KEY) ?? {});
    // Settings edited by hand into something invalid fall back to none rather than breaking start-up.
    return parsed.success ? parsed.data : deviceSettingsSchema.parse({});
  }

  async updateSettings(actor: AuditActor, input: unknown): Promise<DeviceSettings> {
    const parsed = deviceSettingsSchema.safeParse(input);
    if (!parsed.success)
      throw new AppError('DEVICE_SETTINGS_INVALID', { details: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
    const ids = parsed.data.readers.map((r) => r.id);
    if (new Set(ids).size !== ids.length) throw new AppError('DEVICE_SETTINGS_INVALID', { details: 'readers.id' });
    if (parsed.data.receiptPrinter)
      createReceiptPrinter(parsed.data.receiptPrinter, {
        resourcesDir: this.deps.resourcesDir,
        usb: this.deps.usb,
        hostPrint: this.deps.hostPrint,
      });
    this.deps.transaction(() => {
      this.deps.settings.set(SETTINGS_KEY, parsed.data, this.deps.clock.now().toISOString());
      this.deps.audit.record(actor, 'admin.devicesChanged', null, {
        receiptPrinter: parsed.data.receiptPrinter?.transport.kind ?? null,
        readers: parsed.data.readers.length,
      });
    });
    await this.startReaders();
    return parsed.data;
  }

  /** True when a thermal slip is owed with each accepted or returned dossier. */
  slipOwed(): boolean {
    return this.settings().receiptPrinter !== null;
  }

  async list(): Promise<DeviceList> {
    const found = await inventory(this.deps);
    this.plugs?.watch(found);
    const settings = this.settings();
    return {
      ...found,
      readers: settings.readers.map((r) => ({
        id: r.id,
        kind: r.kind,
        ...(this.readerStates.get(r.id) ?? { state: 'disconnected' as const, detail: null }),
      })),
      receiptPrinter: { configured: settings.receiptPrinter !== null, lastOutcome: this.lastSlip.outcome, lastError: this.lastSlip.error },
      recentScans: this.router.recent(),
    };
  }

  private receiptPrinter() {
    const config = this.settings().receiptPrinter;
    if (!config) throw new AppError('SLIP_PRINTER_NOT_SET');
    return createReceiptPrinter(config, { resourcesDir: this.deps.resourcesDir, usb: this.deps.usb, hostPrint: this.deps.hostPrint });
  }

  private async printBlocks(blocks: (paper: '58mm' | '80mm') => SlipBlock[]): Promise<SlipPrintResult> {
    const printer = this.receiptPrinter();
    try {
      const result = await printer.print(blocks(printer.paper));
      this.lastSlip = { outcome: result.outcome, error: null };
      return result;
    } catch (error) {
      this.lastSlip = { outcome: null, error: messageOf(error) };
      throw error;
    } finally {
      this.deps.emit('devices.status', { receiptPrinter: this.lastSlip });
    }
  }

  /** The settings Test button: a slip with the Vietnamese pangram and a QR. */
  async testReceiptPrinter(): Promise<SlipPrintResult> {
    const site = this.deps.site.get();
    const local = utcToVietnamLocal(this.deps.clock.now().toISOString()).replace('T', ' ').slice(0, 16);
    const label = this.settings().receiptPrinter?.transport.kind ?? '';
    return this.printBlocks(() => testSlip(site, label, local));
  }

  /** Waits for the next scan from any reader (the Test read button); recent scans do not count. */
  testRead(seconds = 15): Promise<RoutedScan> {
    return new Promise((resolve, reject) => {
      const waiter = (scan: RoutedScan) => {
        clearTimeout(timer);
        this.scanWaiters.delete(waiter);
        resolve(scan);
      };
      const timer = setTimeout(() => {
        this.scanWaiters.delete(waiter);
        reject(new AppError('READER_TEST_TIMEOUT', { seconds }));
      }, seconds * 1000);
      this.scanWaiters.add(waiter);
    });
  }

  private slipJob(dossierId: string, kind: SlipKind, requestedBy: string, at: string): PrintJobRow {
    return {
      id: this.deps.newId(),
      dossierId,
      formKey: kind,
      copies: 1,
      status: 'pending',
      reprintNumber: 0,
      reason: null,
      requestedBy,
      createdAt: at,
      finishedAt: null,
      outputPath: null,
      lastError: null,
    };
  }

  /**
   * Called inside the accept / return transaction: when a receipt printer is set up, the slip is
   * owed from that moment, so a crash before it prints leaves it in the outstanding jobs.
   */
  oweSlip(job: OwedSlip): void {
    if (this.slipOwed()) this.deps.printJobs.insert(this.slipJob(job.dossierId, job.kind, job.requestedBy, job.at));
  }

  /**
   * Prints a dossier's slip: the job owed since accept/return, or a new one. The job is finished as
   * printed only when the printer confirmed it; a spooler hand-over is `saved`; a failure stays
   * owed with its Vietnamese reason, to be offered again.
   */
  async printSlip(officer: Officer, dossierId: string, kind: SlipKind): Promise<SlipJobResult> {
    const row = this.deps.dossiers.findById(dossierId);
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code: dossierId.slice(0, 40) });
    const dossier = row.view;
    const owed = this.deps.printJobs.outstanding().find((j) => j.dossierId === dossierId && j.formKey === kind);
    const job = owed ?? this.slipJob(dossierId, kind, officer.username, this.deps.clock.now().toISOString());
    if (!owed) this.deps.printJobs.insert(job);
    const site = this.deps.site.get();
    try {
      const result = await this.printBlocks((paper) =>
        kind === 'slip_received' ? receivedSlip(site, dossier, paper) : returnedSlip(site, dossier, paper),
      );
      this.deps.transaction(() => {
        this.deps.printJobs.finish(job.id, {
          status: result.outcome === 'printed' ? 'printed' : 'saved',
          finishedAt: this.deps.clock.now().toISOString(),
          outputPath: null,
          lastError: null,
        });
        this.deps.audit.record({ accountId: officer.accountId, username: officer.username }, 'print.slipPrinted', dossier.code, {
          form: kind,
          outcome: result.outcome,
        });
      });
      return { jobId: job.id, outcome: result.outcome, paperNearEnd: result.paperNearEnd };
    } catch (error) {
      this.deps.printJobs.finish(job.id, {
        status: 'failed',
        finishedAt: this.deps.clock.now().toISOString(),
        outputPath: null,
        lastError: messageOf(error),
      });
      throw error;
    }
  }

  /** (Re)starts the configured HID-POS and serial readers; one that cannot open is reported, not fatal. */
  async startReaders(): Promise<void> {
    // Read before the first await: the core may be closed again before this resumes (CLI, tests).
    const configured = this.settings().readers;
    await this.stopReaders();
    const callbacks = {
      onScan: (scan: Parameters<ReaderRouter['handle']>[0]) => this.router.handle(scan),
      onState: (id: string, state: ReaderState, detail?: string) => {
        this.readerStates.set(id, { state, detail: detail ?? null });
        this.deps.emit('devices.status', { reader: { id, state } });
      },
    };
    this.readers = configured.map((r) =>
      r.kind === 'hid'
        ? new HidPosReader(r.id, r.path, this.deps.hid, callbacks)
        : new SerialReader(r.id, { path: r.path, baudRate: r.baudRate, terminator: r.terminator }, callbacks),
    );
    await Promise.all(
      this.readers.map((reader) =>
        reader.start().catch((error: unknown) => callbacks.onState(reader.id, 'disconnected', messageOf(error))),
      ),
    );
  }

  /** Stops the readers and the plug watch: the core is closing. */
  async close(): Promise<void> {
    this.plugs?.stop();
    await this.stopReaders();
  }

  async stopReaders(): Promise<void> {
    const readers = this.readers;
    this.readers = [];
    await Promise.all(readers.map((r) => r.stop().catch(() => undefined)));
  }
}
