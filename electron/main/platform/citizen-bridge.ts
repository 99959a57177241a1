import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  CITIZEN_IPC_EVENT_CHANNEL,
  CITIZEN_IPC_PREFIX,
  citizenChannelNames,
  citizenChannels,
  type CitizenChannelName,
} from '../../../shared/ipc/citizen-contract';
import { fail, type Result } from '../../../shared/ipc/result';
import { isCitizenUrl } from './app-origin';
import { logDiagnostic } from './diagnostic-log';

export interface CitizenCore {
  invokeCitizen(channel: CitizenChannelName, input: unknown): Promise<Result<unknown>>;
  onCitizenEvent(listener: (event: string, payload: unknown) => void): () => void;
}

/**
 * The citizen window's two channels (shared/ipc/citizen-contract.ts), answered only for the citizen
 * window's own top frame showing citizen.html, and the citizen events sent to that window alone: the
 * officer's window never hears them, and the citizen's window reaches no officer channel
 * (electron/main/platform/ipc-bridge.ts refuses citizen.html).
 */
export function registerCitizenBridge(core: CitizenCore, citizenContents: () => WebContents | null) {
  const call = async (event: IpcMainInvokeEvent, channel: CitizenChannelName, input: unknown): Promise<Result<unknown>> => {
    const frame = event.senderFrame;
    const own = event.sender === citizenContents() && frame !== null && frame === event.sender.mainFrame && frame.parent === null;
    if (!own || !isCitizenUrl(frame.url)) return fail('FORBIDDEN_SENDER');
    const parsed = citizenChannels[channel].input.safeParse(input);
    if (!parsed.success) return fail('INVALID_INPUT', { details: channel });
    try {
      return await core.invokeCitizen(channel, parsed.data);
    } catch (error) {
      logDiagnostic('error', `citizen call ${channel} failed`, error);
      return fail('INTERNAL');
    }
  };
  for (const channel of citizenChannelNames) {
    ipcMain.handle(CITIZEN_IPC_PREFIX + channel, (event, input: unknown) => call(event, channel, input));
  }
  core.onCitizenEvent((event, payload) => {
    const contents = citizenContents();
    if (contents && !contents.isDestroyed()) contents.send(CITIZEN_IPC_EVENT_CHANNEL, event, payload);
  });
  return call;
}
