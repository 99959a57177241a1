import { Button, Flex, Result as ResultView, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ScreenLockCause, SessionInfo } from '../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../shared/i18n/vi';
import { api, onCallFailed } from '../api';
import { useKeyboardFirst } from '../common/keyboard-first';
import { FirstRunPage } from '../features/first-run/FirstRunPage';
import { SignInPage, type SignInNotice } from '../features/sign-in/SignInPage';
import { SignedIn } from './SignedIn';

type Stage =
  | { kind: 'starting' }
  | { kind: 'startupFailed'; message: string }
  | { kind: 'firstRun' }
  | { kind: 'signIn'; notice: SignInNotice | null; username: string }
  | { kind: 'signedIn'; session: SessionInfo };

const signInStage = (notice: SignInNotice | null = null, username = ''): Stage => ({ kind: 'signIn', notice, username });

export function AppRoot() {
  const [stage, setStage] = useState<Stage>({ kind: 'starting' });
  useKeyboardFirst();

  const start = useCallback(async () => {
    setStage({ kind: 'starting' });
    const status = await api.app.firstRunStatus();
    if (!status.ok) return setStage({ kind: 'startupFailed', message: status.error.message });
    if (status.value.needsFirstAdmin) return setStage({ kind: 'firstRun' });
    const session = await api.auth.session();
    if (!session.ok) return setStage({ kind: 'startupFailed', message: session.error.message });
    setStage(session.value ? { kind: 'signedIn', session: session.value } : signInStage());
  }, []);

  /** Ends the signed-in stage only; a late failure must not yank the sign-in screen around. */
  const endSession = useCallback((noticeText: string) => {
    setStage((current) =>
      current.kind === 'signedIn' ? signInStage({ type: 'warning', text: noticeText }, current.session.account.username) : current,
    );
  }, []);

  /** Anything but the officer's own lock button is the idle timeout (the renderer's or the core's). */
  const showLock = useCallback((lockCause: ScreenLockCause = 'idle') => {
    setStage((current) =>
      current.kind === 'signedIn' && !current.session.locked
        ? { kind: 'signedIn', session: { ...current.session, locked: true, lockCause } }
        : current,
    );
  }, []);

  const refreshSession = useCallback(async () => {
    const result = await api.auth.session();
    if (!result.ok) return;
    const session = result.value;
    if (session) setStage((current) => (current.kind === 'signedIn' ? { kind: 'signedIn', session } : current));
    else endSession(uiText.signIn.sessionEnded);
  }, [endSession]);

  useEffect(() => {
    void start();
  }, [start]);

  useEffect(
    () =>
      api.on('session.changed', ({ state, reason }) => {
        if (state === 'locked') showLock('idle');
        else endSession(reason === 'accountLocked' ? uiText.signIn.accountLockedNotice : uiText.signIn.sessionEnded);
      }),
    [showLock, endSession],
  );

  useEffect(
    () =>
      onCallFailed((error) => {
        if (error.code === 'SESSION_LOCKED') showLock('idle');
        if (error.code === 'NOT_SIGNED_IN') endSession(uiText.signIn.sessionEnded);
        // Wrong passwords at unlock or password change count too; the fifth ends the session.
        if (error.code.startsWith('AUTH_ACCOUNT_LOCKED')) endSession(error.message);
      }),
    [showLock, endSession],
  );

  switch (stage.kind) {
    case 'starting':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
          <Spin size="large" description={uiText.common.loading} />
        </Flex>
      );
    case 'startupFailed':
      return (
        <ResultView
          status="error"
          title={uiText.startup.failedTitle}
          subTitle={stage.message}
          extra={
            <Button type="primary" onClick={() => void start()}>
              {uiText.common.retry}
            </Button>
          }
        />
      );
    case 'firstRun':
      return (
        <FirstRunPage
          onCreated={(username) =>
            setStage(signInStage({ type: 'success', text: formatMessage(uiText.firstRun.created, { username }) }, username))
          }
        />
      );
    case 'signIn':
      return (
        <SignInPage notice={stage.notice} username={stage.username} onSignedIn={(session) => setStage({ kind: 'signedIn', session })} />
      );
    case 'signedIn':
      return (
        <SignedIn
          session={stage.session}
          onSessionChange={(session) => setStage({ kind: 'signedIn', session })}
          onLocked={showLock}
          onSignedOut={() => setStage(signInStage())}
          onSessionMayHaveChanged={() => void refreshSession()}
        />
      );
  }
}
