import { Button, ConfigProvider, Layout, Space, Tabs, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiContext } from './api/ApiContext.js';
import { ApiClient } from './api/client.js';
import { I18nContext } from './i18n/I18nContext.js';
import type { I18n } from './i18n/I18nContext.js';
import type { Language, MessageKey } from './i18n/messages.js';
import { browserLanguage, format } from './i18n/messages.js';
import { NotificationBell } from './components/NotificationBell.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { MyCustomersPage } from './pages/customers/MyCustomersPage.js';
import { PoolPage } from './pages/pool/PoolPage.js';
import { RegisterPage } from './pages/register/RegisterPage.js';

// Admin-only screens load on demand: a rep's first load never carries them.
const AppealsPage = lazy(() => import('./pages/appeals/AppealsPage.js').then((module) => ({ default: module.AppealsPage })));
const RulesPage = lazy(() => import('./pages/rules/RulesPage.js').then((module) => ({ default: module.RulesPage })));
const TemplatesPage = lazy(() => import('./pages/templates/TemplatesPage.js').then((module) => ({ default: module.TemplatesPage })));
const QueuesPage = lazy(() => import('./pages/queues/QueuesPage.js').then((module) => ({ default: module.QueuesPage })));
const ReassignmentPage = lazy(() => import('./pages/reassignment/ReassignmentPage.js').then((module) => ({ default: module.ReassignmentPage })));
const ApiKeysPage = lazy(() => import('./pages/apiKeys/ApiKeysPage.js').then((module) => ({ default: module.ApiKeysPage })));
const OrganisationPage = lazy(() => import('./pages/organisation/OrganisationPage.js').then((module) => ({ default: module.OrganisationPage })));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage.js').then((module) => ({ default: module.DashboardPage })));

type Screen = { key: string; label: MessageKey; render(api: ApiClient, role: string): ReactNode; keep?: boolean };

// Each role's screens, in tab order. Only a rep's two screens are in the first download.
const SCREENS: Record<string, Screen[]> = {
  admin: [
    { key: 'rules', label: 'rules', render: (api) => <RulesPage api={api} />, keep: true },
    { key: 'templates', label: 'templates', render: (api) => <TemplatesPage api={api} /> },
    { key: 'organisation', label: 'organisation', render: (api) => <OrganisationPage api={api} /> },
    { key: 'queues', label: 'queues', render: (api, role) => <QueuesPage api={api} role={role} /> },
    { key: 'reassignment', label: 'reassignment', render: (api) => <ReassignmentPage api={api} /> },
    { key: 'dashboard', label: 'dashboard', render: (api) => <DashboardPage api={api} /> },
    { key: 'api-keys', label: 'apiKeys', render: (api) => <ApiKeysPage api={api} /> },
  ],
  manager: [
    { key: 'appeals', label: 'appeals', render: (api) => <AppealsPage api={api} /> },
    { key: 'queues', label: 'queues', render: (api, role) => <QueuesPage api={api} role={role} /> },
    { key: 'reassignment', label: 'reassignment', render: (api) => <ReassignmentPage api={api} /> },
    { key: 'dashboard', label: 'dashboard', render: (api) => <DashboardPage api={api} /> },
  ],
  finance: [
    { key: 'queues', label: 'queues', render: (api, role) => <QueuesPage api={api} role={role} /> },
    { key: 'dashboard', label: 'dashboard', render: (api) => <DashboardPage api={api} /> },
  ],
  rep: [
    { key: 'register', label: 'register', render: (api) => <RegisterPage api={api} />, keep: true },
    { key: 'mine', label: 'myCustomers', render: (api) => <MyCustomersPage api={api} /> },
    { key: 'pool', label: 'pool', render: (api) => <PoolPage api={api} /> },
  ],
};
SCREENS['director'] = SCREENS['finance']!;

export function App() {
  const [language, setLanguage] = useState<Language>(() => (localStorage.getItem('crm-policy-language') as Language | null) ?? browserLanguage());
  const languageRef = useMemo(() => ({ current: language }), []);
  languageRef.current = language;
  const api = useMemo(() => new ApiClient(sessionStorage.getItem('crm-policy-token'), () => languageRef.current), [languageRef]);
  const [signedIn, setSignedIn] = useState(api.signedIn());
  const [role, setRole] = useState<string>();
  useEffect(() => {
    api.onSignedOut = () => setSignedIn(false);
  }, [api]);
  useEffect(() => {
    if (!signedIn) return setRole(undefined);
    api.call<{ role: string }>('GET', '/api/me').then((me) => setRole(me.role), () => setSignedIn(false));
  }, [api, signedIn]);
  const i18n: I18n = {
    language,
    setLanguage: (next) => {
      localStorage.setItem('crm-policy-language', next);
      setLanguage(next);
    },
    t: (key, values) => format(language, key, values),
  };
  return (
    <ApiContext.Provider value={api}>
    <I18nContext.Provider value={i18n}>
      <ConfigProvider locale={language === 'zh' ? zhCN : enUS}>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 16 }}>
            <Typography.Text style={{ color: '#fff', fontWeight: 600 }}>{i18n.t('appName')}</Typography.Text>
            <Space>
              {signedIn && <NotificationBell api={api} />}
              <Button size="small" onClick={() => i18n.setLanguage(language === 'zh' ? 'en' : 'zh')}>
                {i18n.t('language')}
              </Button>
              {signedIn && (
                <Button size="small" onClick={() => { void api.signOut().then(() => setSignedIn(false)); }}>
                  {i18n.t('signOut')}
                </Button>
              )}
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 16, maxWidth: role && role !== 'rep' ? 1280 : 880, width: '100%', margin: '0 auto' }}>
            {!signedIn ? (
              <LoginPage api={api} onSignedIn={() => setSignedIn(true)} />
            ) : role ? (
              <Suspense fallback={null}>
                <Tabs items={(SCREENS[role] ?? SCREENS['rep']!).map((screen) => ({ key: screen.key, label: i18n.t(screen.label), children: screen.render(api, role), destroyOnHidden: !screen.keep }))} />
              </Suspense>
            ) : null}
          </Layout.Content>
        </Layout>
      </ConfigProvider>
    </I18nContext.Provider>
    </ApiContext.Provider>
  );
}
