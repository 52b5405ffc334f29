import { useEffect, useLayoutEffect, useState } from 'react';
import { App, Button, Result, Spin } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { onSessionChange, useStatus } from '../api';
import { applyLanguage } from '../i18n';
import { LockScreen, LoginScreen, RecoverScreen } from '../auth';
import { SetupWizard } from '../setup';
import { clearIntakeDraft } from '../cases';
import { whenIdle } from '../components';
import { prefetchHome, preloadHomePage } from '../dashboard';
import { SignedIn } from './SignedIn';

/**
 * Routes by the desk's phase (app.status): setup → wizard, locked → lock or login, unlocked → the desk.
 * A wizard or recovery that has issued a recovery code stays on screen until the code is confirmed,
 * even though main already reports 'unlocked'.
 */
export function Boot() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const status = useStatus();
  const [sticky, setSticky] = useState<'setup' | 'recover' | null>(null);
  const [authMode, setAuthMode] = useState<'login' | 'recover' | null>(null);
  const phase = status.data?.phase;
  const language = status.data?.language;

  // Before paint, so the first frame is already in the desk's language.
  useLayoutEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);

  // Main locked us (idle, or a call answered LOCKED): re-read the phase and show the lock screen.
  useEffect(
    () => onSessionChange(() => void client.invalidateQueries({ queryKey: ['app.status'] })),
    [client],
  );

  // While someone signs in, the 工作台's screen loads: it is what they see next.
  useEffect(() => (phase === 'locked' ? whenIdle(preloadHomePage) : undefined), [phase]);

  // Nothing read or typed while signed in (caches, an unfinished intake) stays in memory once the desk is
  // locked or signed out.
  useEffect(() => {
    if (phase && phase !== 'unlocked') {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'app.status' });
      client.getMutationCache().clear();
      clearIntakeDraft();
      message.destroy();
    }
  }, [client, message, phase]);

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['app.status'] });
  };
  const finishFlow = async () => {
    await refresh();
    setSticky(null);
    setAuthMode(null);
    void navigate('/', { replace: true });
  };

  if (status.isPending) {
    return <Spin fullscreen size="large" description={t('app.loading')} />;
  }
  if (status.isError) {
    return (
      <Result
        status="error"
        title={t('app.bootFailed')}
        subTitle={status.error.message}
        extra={
          <Button type="primary" onClick={() => void status.refetch()}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }

  const s = status.data;
  const office = s.office?.centreName ?? null;

  if (sticky === 'setup' || s.phase === 'setup') {
    return (
      <SetupWizard
        initialLanguage={s.language}
        onCreated={() => setSticky('setup')}
        onFinished={() => void finishFlow()}
      />
    );
  }
  if (sticky === 'recover' || (s.phase === 'locked' && authMode === 'recover')) {
    return (
      <RecoverScreen
        office={office}
        onIssued={() => setSticky('recover')}
        onFinished={() => void finishFlow()}
        onBack={() => setAuthMode('login')}
      />
    );
  }
  if (s.phase === 'locked') {
    if (s.lockedUser && authMode !== 'login') {
      return (
        <LockScreen
          office={office}
          lockedUser={s.lockedUser}
          onUnlocked={() => void refresh()}
          onSwitchUser={() => setAuthMode('login')}
        />
      );
    }
    return (
      <LoginScreen
        office={office}
        onForgot={() => setAuthMode('recover')}
        onSignedIn={(user) => {
          // Someone new signing in starts on the home page, not on the last user's page.
          setAuthMode(null);
          void navigate('/', { replace: true });
          void refresh();
          // Its answers are asked for now, while the desk is drawn (not once the 工作台 is).
          prefetchHome(client, user);
        }}
      />
    );
  }
  return <SignedIn status={s} onFlowFinished={() => void finishFlow()} />;
}
