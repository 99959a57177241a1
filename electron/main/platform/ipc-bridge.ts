import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { z } from 'zod';
import { channelNames, channels, IPC_EVENT_CHANNEL, IPC_PREFIX, isChannelName } from '../../../shared/ipc/contract';
import { fail, type Result } from '../../../shared/ipc/result';
import { isAppUrl, isCitizenUrl } from './app-origin';
import type { CoreClient } from './core-process';
import { logDiagnostic } from './diagnostic-log';

export type ApiCallHandler = (event: IpcMainInvokeEvent, channel: string, input: unknown) => Promise<Result<unknown>>;

/**
 * Only the app's own page may call the core: an iframe, a page that slipped past the navigation
 * guard, or a frame that has gone away since it sent the message are refused.
 */
function isOwnTopFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  // The citizen-facing window shows an app page too, but has its own two channels (citizen-bridge.ts) and none of these.
  return frame !== null && frame === event.sender.mainFrame && frame.parent === null && isAppUrl(frame.url) && !isCitizenUrl(frame.url);
}

/** Field paths only: zod's own texts are English and this message reaches the officer. */
function invalidInputDetails(channel: string, error: z.ZodError): string {
  const paths = [...new Set(error.issues.map((issue) => issue.path.map(String).join('.')).filter(Boolean))];
  return paths.length > 0 ? paths.join(', ') : channel;
}

/**
 * Registers one `ipcMain.handle` per contract channel and relays core events to the windows that
 * called in. Returns the single checked entry point all channel handlers go through.
 */
export function registerIpcBridge(core: Pick<CoreClient, 'invoke' | 'clientClosed' | 'onEvent'>): ApiCallHandler {
  const clients = new Map<string, WebContents>();

  const track = (sender: WebContents): string => {
    const clientId = `webContents-${sender.id}`;
    if (!clients.has(clientId)) {
      clients.set(clientId, sender);
      sender.once('destroyed', () => {
        clients.delete(clientId);
        core.clientClosed(clientId);
      });
    }
    return clientId;
  };

  const call: ApiCallHandler = async (event, channel, input) => {
    if (!isChannelName(channel)) return fail('UNKNOWN_CHANNEL');
    if (!isOwnTopFrame(event)) return fail('FORBIDDEN_SENDER');
    const parsed = channels[channel].input.safeParse(input);
    if (!parsed.success) return fail('INVALID_INPUT', { details: invalidInputDetails(channel, parsed.error) });
    try {
      return await core.invoke(track(event.sender), channel, parsed.data);
    } catch (error) {
      logDiagnostic('error', `IPC call ${channel} failed`, error);
      return fail('INTERNAL');
    }
  };

  for (const channel of channelNames) {
    ipcMain.handle(IPC_PREFIX + channel, (event, input: unknown) => call(event, channel, input));
  }

  core.onEvent((clientId, event, payload) => {
    const targets = clientId === null ? [...clients.values()] : [clients.get(clientId)];
    for (const contents of targets) {
      if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event, payload);
    }
  });

  return call;
}
