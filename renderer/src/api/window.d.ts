import type { Api } from '../../../shared/ipc/create-api';
import type { Result } from '../../../shared/ipc/result';

declare global {
  interface Window {
    /** Exposed by the Electron preload, already built over ipcRenderer. */
    api?: Api;
    /** Installed by Playwright's `page.exposeBinding` when a test drives the core directly. */
    __quayInvoke?: (channel: string, input: unknown) => Promise<Result<unknown>>;
  }
}
