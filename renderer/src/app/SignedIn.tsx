import { App } from 'antd';
import { useState } from 'react';
import type { ScreenLockCause, SessionInfo } from '../../../shared/ipc/contract';
import { api } from '../api';
import { ChangePasswordPage } from '../features/change-password/ChangePasswordPage';
import { LockOverlay } from '../features/idle-lock/LockOverlay';
import { useIdleLock } from '../features/idle-lock/useIdleLock';
import { Workspace } from '../features/workspace/Workspace';

/**
 * Everything behind sign-in. The lock overlay sits beside the work, never instead of it, so
 * locking and unlocking leaves every screen and half-typed form exactly as it was.
 */
export function SignedIn({
  session,
  onSessionChange,
  onLocked,
  onSignedOut,
  onSessionMayHaveChanged,
}: {
  session: SessionInfo;
  onSessionChange: (session: SessionInfo) => void;
  onLocked: (cause: ScreenLockCause) => void;
  onSignedOut: () => void;
  onSessionMayHaveChanged: () => void;
}) {
  const { message } = App.useApp();
  // A session restored already locked has no work to preserve, and its screens could not load
  // their data anyway, so nothing is mounted beneath the lock until the first unlock.
  const [workStarted, setWorkStarted] = useState(!session.locked);
  if (!workStarted && !session.locked) setWorkStarted(true);

  function lockNow(cause: ScreenLockCause) {
    onLocked(cause);
    void api.auth.lockScreen({ cause });
  }

  async function signOut() {
    const result = await api.auth.signOut();
    if (result.ok) onSignedOut();
    else message.error(result.error.message);
  }

  useIdleLock({
    active: !session.locked,
    idleLockMinutes: session.idleLockMinutes,
    onIdle: () => lockNow('idle'),
    onHeartbeat: () => {
      void api.auth.heartbeat().then((result) => {
        if (result.ok && result.value.locked) onLocked(result.value.lockCause ?? 'idle');
      });
    },
  });

  return (
    <>
      <div inert={session.locked}>
        {workStarted &&
          (session.account.mustChangePassword ? (
            <ChangePasswordPage session={session} onChanged={onSessionChange} onSignOut={() => void signOut()} />
          ) : (
            <Workspace
              session={session}
              locked={session.locked}
              onLockNow={() => lockNow('manual')}
              onSignOut={() => void signOut()}
              onSessionMayHaveChanged={onSessionMayHaveChanged}
            />
          ))}
      </div>
      <LockOverlay session={session} onUnlocked={onSessionChange} onSignOut={() => void signOut()} />
    </>
  );
}
