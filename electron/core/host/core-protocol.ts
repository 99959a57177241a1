import type { PageSize } from '../../../shared/forms';
import type { Result } from '../../../shared/ipc/result';
import type { HostFormPrint, HostPageSize } from '../printing/form-printers/form-printer';
import type { PdfRenderer } from '../platform/pdf-renderer';
import type { SystemPrinter, SystemPrinters } from '../printing/form-printers/system-printers';
import type { DeviceCredential } from '../sync/credential-store';
import type { DisplayInfo } from '../../../shared/citizen-screen/citizen-screen-settings';
import type { CitizenWindowHost } from '../citizen-screen/citizen-screen-service';

/**
 * Messages between Electron main and the core host over a MessagePort. Main never interprets
 * results; it only relays them, so the core stays the single owner of behaviour.
 */
export interface CoreInit {
  type: 'init';
  dataDir: string;
  appVersion: string;
  /** Folder holding db/migrations (extraResources in a packaged app, the checkout in development). */
  resourcesDir: string;
  /**
   * Present when main keeps the device credential with the OS key store: the credential it
   * decrypted (null: not enrolled). Absent: the core keeps it in a 0600 file itself.
   */
  credential?: DeviceCredential | null;
  /**
   * Present when main keeps the at-rest secret with the OS key store (issue 17 finding 7), hex. Absent: the core keeps
   * it in a 0600 file under keys/.
   */
  dataAtRestSecret?: string;
}

export type MainToCore =
  | { type: 'invoke'; id: number; clientId: string; channel: string; input: unknown }
  | { type: 'clientClosed'; clientId: string }
  /** Main's answer to a `renderPdf` request; `error` is main's technical description. */
  | { type: 'renderPdfResult'; id: number; ok: true; pdf: Uint8Array }
  | { type: 'renderPdfResult'; id: number; ok: false; error: string }
  /** Main's answer to a `printForm` request: the job was spooled, or why not. */
  | { type: 'printFormResult'; id: number; ok: true }
  | { type: 'printFormResult'; id: number; ok: false; error: string }
  /** Main's answer to `listPrinters`: the OS printers Electron sees (the spooler on Windows). */
  | { type: 'listPrintersResult'; id: number; ok: true; printers: SystemPrinter[] }
  | { type: 'listPrintersResult'; id: number; ok: false; error: string }
  /** A call from the citizen-facing window, for the citizen contract only (shared/ipc/citizen-contract.ts). */
  | { type: 'citizenInvoke'; id: number; channel: string; input: unknown }
  /** Main's answer to `listDisplays`: the monitors Electron's screen module sees. */
  | { type: 'listDisplaysResult'; id: number; ok: true; displays: DisplayInfo[] }
  | { type: 'listDisplaysResult'; id: number; ok: false; error: string };

export type CoreToMain =
  | { type: 'ready' }
  | { type: 'startupFailed'; error: { code: string; message: string } }
  | { type: 'result'; id: number; result: Result<unknown> }
  /** `clientId: null` means every client. */
  | { type: 'event'; clientId: string | null; event: string; payload: unknown }
  /**
   * The one platform service the core asks main for: printToPDF needs a Chromium renderer, which
   * only main can create. Ids are the core's own, separate from main's invoke ids.
   */
  | { type: 'renderPdf'; id: number; html: string; pageSize: PageSize }
  /** Silent printing of a form to a named system printer: only main's webContents.print can do it. */
  | { type: 'printForm'; id: number; html: string; pageSize: HostPageSize; deviceName: string }
  | { type: 'listPrinters'; id: number }
  /** Main stores (or forgets) the device credential with the OS key store, which only it can reach. */
  | { type: 'credentialSave'; credential: DeviceCredential }
  | { type: 'credentialClear' }
  /** What the citizen-facing window shows; main sends it to that window only. */
  | { type: 'citizenEvent'; event: string; payload: unknown }
  | { type: 'listDisplays'; id: number }
  /** Opens, moves or closes the citizen-facing window (null: none). */
  | { type: 'placeCitizenWindow'; displayId: number | null };

/** Platform services a host hands the core as ports (docs/architecture.md §2); the core never imports electron. */
export interface CorePlatform {
  pdfRenderer: PdfRenderer;
  formPrint?: HostFormPrint;
  devices?: { systemPrinters: SystemPrinters };
  citizenWindow?: CitizenWindowHost;
}

/** What any host (utilityProcess, harness, CLI, tests) needs from a running core. */
export interface CoreHandle {
  dispatch(clientId: string, channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (clientId: string | null, event: string, payload: unknown) => void): () => void;
  clientClosed(clientId: string): void;
  /** The citizen window's narrow entry (shared/ipc/citizen-contract.ts): its own calls and its own events. */
  citizen?: {
    dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
    onEvent(listener: (event: string, payload: unknown) => void): () => void;
  };
  /** Settles once the sync engine has stopped and the database is closed. */
  close(): Promise<void>;
}
