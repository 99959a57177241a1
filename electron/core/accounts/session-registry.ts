import type { ScreenLockCause } from '../../../shared/ipc/contract';

/**
 * Which account each connected client (an Electron window, a harness socket) is signed in as.
 * Kept in memory: a restarted core asks everyone to sign in again, which is the safe default.
 */
export interface LiveSession {
  sessionId: string;
  clientId: string;
  accountId: string;
  locked: boolean;
  /** Set with `locked`: whether the officer locked it or the idle timeout did. */
  lockCause?: ScreenLockCause;
  lastActivityAt: number;
}

export class SessionRegistry {
  private readonly byClient = new Map<string, LiveSession>();

  get(clientId: string): LiveSession | undefined {
    return this.byClient.get(clientId);
  }

  set(session: LiveSession): void {
    this.byClient.set(session.clientId, session);
  }

  delete(clientId: string): LiveSession | undefined {
    const session = this.byClient.get(clientId);
    this.byClient.delete(clientId);
    return session;
  }

  forAccount(accountId: string): LiveSession[] {
    return [...this.byClient.values()].filter((s) => s.accountId === accountId);
  }

  all(): LiveSession[] {
    return [...this.byClient.values()];
  }
}
