import { useEffect, useRef } from 'react';
import { isIdleExpired } from '../../../../shared/auth/lockout-policy';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'wheel', 'keydown', 'touchstart'] as const;
/** Often enough that the lock comes within seconds of the deadline, rarely enough to cost nothing. */
const IDLE_CHECK_INTERVAL_MS = 5_000;
/** The core only needs to know the session is alive, not every keystroke. */
const HEARTBEAT_INTERVAL_MS = 60_000;

/**
 * Watches the user's activity while the screen is unlocked: calls `onIdle` once the idle limit
 * passes without any, and `onHeartbeat` at most once a minute while there is some.
 */
export function useIdleLock({
  active,
  idleLockMinutes,
  onIdle,
  onHeartbeat,
}: {
  active: boolean;
  idleLockMinutes: number;
  onIdle: () => void;
  onHeartbeat: () => void;
}) {
  const callbacks = useRef({ onIdle, onHeartbeat });
  callbacks.current = { onIdle, onHeartbeat };

  useEffect(() => {
    if (!active) return;
    let lastActivity = Date.now();
    let lastHeartbeat = lastActivity;

    const noteActivity = () => {
      lastActivity = Date.now();
      if (lastActivity - lastHeartbeat >= HEARTBEAT_INTERVAL_MS) {
        lastHeartbeat = lastActivity;
        callbacks.current.onHeartbeat();
      }
    };
    const options = { capture: true, passive: true };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, noteActivity, options);
    const timer = window.setInterval(() => {
      if (isIdleExpired(lastActivity, Date.now(), idleLockMinutes)) callbacks.current.onIdle();
    }, IDLE_CHECK_INTERVAL_MS);

    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, noteActivity, options);
      window.clearInterval(timer);
    };
  }, [active, idleLockMinutes]);
}
