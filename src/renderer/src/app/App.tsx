import { Suspense, useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { HashRouter } from 'react-router';
import { i18n } from '../i18n';
import { Boot } from './Boot';
import { ShellWarmup } from './ShellWarmup';
import { theme } from './theme';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Calls go to a local process, not a network: a failure is a real answer, so do not hammer it. Nothing
      // is re-read by itself (focus, reconnect): only 'poll' channels may be (ChannelSpec.activity), since
      // main counts every other call as the user's activity and it would hold off the idle lock.
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}

/** antd (and its dates) follow the i18next language. */
function LocalizedApp() {
  const { i18n: active, t } = useTranslation();
  const locale = active.language === 'en' ? enUS : zhCN;
  const title = t('app.title');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    // Button text stays as written ('登录', not '登 录'); lists are not virtual, so every option is a
    // real, visible role="option" for screen readers and keyboard users (our lists are short or paged).
    <ConfigProvider locale={locale} theme={theme} button={{ autoInsertSpace: false }} virtual={false}>
      <AntApp>
        <HashRouter>
          {/* The setup wizard, recovery and the signed-in desk load their screens on first use. */}
          <Suspense fallback={<Spin fullscreen size="large" description={t('app.loading')} />}>
            <Boot />
          </Suspense>
          {/* The shell's and the 工作台's antd styles, written while the sign-in screen is idle. */}
          <ShellWarmup />
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <LocalizedApp />
      </I18nextProvider>
    </QueryClientProvider>
  );
}
