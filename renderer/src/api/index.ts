import { createApi, type Api, type Transport } from '../../../shared/ipc/create-api';
import type { AppErrorData } from '../../../shared/ipc/result';
import { HARNESS_SECRET_FRAGMENT, HARNESS_SOCKET_PATH } from '../../../shared/ipc/wire';
import { createWebSocketTransport } from './websocket-transport';

/** Playwright bindings carry calls only; the core's pushes cannot travel back through them. */
function bindingTransport(invoke: NonNullable<Window['__quayInvoke']>): Transport {
  return {
    invoke: (channel, input) => invoke(channel, input),
    subscribe: () => () => {},
  };
}

function harnessSocketUrl(): string {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const secret = fragment.get(HARNESS_SECRET_FRAGMENT) ?? '';
  return `ws://${location.host}${HARNESS_SOCKET_PATH}?secret=${encodeURIComponent(secret)}`;
}

function pickApi(): Api {
  if (window.api) return window.api;
  if (window.__quayInvoke) return createApi(bindingTransport(window.__quayInvoke));
  return createApi(createWebSocketTransport(harnessSocketUrl()));
}

const failureListeners = new Set<(error: AppErrorData) => void>();

/**
 * Every failed call is reported here as well as to its caller, so the session-wide consequences
 * (the core locked the screen or ended the session behind our back) are handled in one place
 * instead of in every screen.
 */
export function onCallFailed(listener: (error: AppErrorData) => void): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

function observeFailures(inner: Api): Api {
  const observed: Record<string, unknown> = { on: inner.on };
  for (const [namespace, group] of Object.entries(inner)) {
    if (typeof group !== 'object' || group === null) continue;
    const methods: Record<string, unknown> = {};
    for (const [method, call] of Object.entries(group as Record<string, (input?: unknown) => Promise<unknown>>)) {
      methods[method] = async (input?: unknown) => {
        const result = (await call(input)) as { ok: boolean; error?: AppErrorData };
        if (!result.ok && result.error) for (const listener of failureListeners) listener(result.error);
        return result;
      };
    }
    observed[namespace] = methods;
  }
  return observed as Api;
}

export const api: Api = observeFailures(pickApi());
