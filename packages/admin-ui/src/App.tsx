import { AppstoreOutlined, AuditOutlined, BarChartOutlined, FileTextOutlined, FormOutlined, GlobalOutlined, KeyOutlined, NodeIndexOutlined, SolutionOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Flex, Layout, Result, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, useEffect, useMemo, useState } from 'react';
import { ApiContext } from './api/ApiContext.js';
import { ApiClient } from './api/client.js';
import { I18nContext } from './i18n/I18nContext.js';
import type { I18n } from './i18n/I18nContext.js';
import type { Language } from './i18n/messages.js';
import { browserLanguage, format } from './i18n/messages.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { AppShell } from './shell/AppShell.js';
import type { ScreenSpec } from './shell/screenSpec.js';
import { screensFor } from './shell/screenSpec.js';
import { useMe } from './shell/useMe.js';
import { LanguageSwitch, SignOutButton } from './shell/UserBadge.js';

// Every screen loads on demand, so the sign-in form comes first and fast. The registration screen
// (the form library, ajv) is fetched while the sign-in form is on screen: a rep finds it there on
// signing in. A rep's first load (sign-in, then the registration form) has a size limit: see the
// README's "Size and speed".
const registerPage = () => import('./pages/register/RegisterPage.js');
const RegisterPage = lazy(() => registerPage().then((module) => ({ default: module.RegisterPage })));
const MyCustomersPage = lazy(() => import('./pages/customers/MyCustomersPage.js').then((module) => ({ default: module.MyCustomersPage })));
const PoolPage = lazy(() => import('./pages/pool/PoolPage.js').then((module) => ({ default: module.PoolPage })));
const AppealsPage = lazy(() => import('./pages/appeals/AppealsPage.js').then((module) => ({ default: module.AppealsPage })));
const RulesPage = lazy(() => import('./pages/rules/RulesPage.js').then((module) => ({ default: module.RulesPage })));
const TemplatesPage = lazy(() => import('./pages/templates/TemplatesPage.js').then((module) => ({ default: module.TemplatesPage })));
const QueuesPage = lazy(() => import('./pages/queues/QueuesPage.js').then((module) => ({ default: module.QueuesPage })));
const ReassignmentPage = lazy(() => import('./pages/reassignment/ReassignmentPage.js').then((module) => ({ default: module.ReassignmentPage })));
const ApiKeysPage = lazy(() => import('./pages/apiKeys/ApiKeysPage.js').then((module) => ({ default: module.ApiKeysPage })));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage.js').then((module) => ({ default: module.DashboardPage })));

/**
 * Every screen of the web app, one row each: its address (`/<key>`), its name, its section in the
 * menu and breadcrumb, who sees it, and what it shows. A role's screens come in this order, its
 * first being its home. Each is `lazy`: the first download is the sign-in form and the shell.
 */
const SCREENS: readonly ScreenSpec[] = [
  { key: 'register', label: 'register', section: 'section.customers', icon: <FormOutlined />, roles: ['rep'], render: (api) => <RegisterPage api={api} />, keep: true },
  { key: 'my-customers', label: 'myCustomers', section: 'section.customers', icon: <TeamOutlined />, roles: ['rep'], render: (api) => <MyCustomersPage api={api} /> },
  { key: 'pool', label: 'pool', section: 'section.customers', icon: <GlobalOutlined />, roles: ['rep'], render: (api) => <PoolPage api={api} /> },
  { key: 'rules', label: 'rules', section: 'section.settings', icon: <NodeIndexOutlined />, roles: ['admin'], render: (api) => <RulesPage api={api} />, keep: true },
  { key: 'templates', label: 'templates', section: 'section.settings', icon: <FileTextOutlined />, roles: ['admin'], render: (api) => <TemplatesPage api={api} /> },
  { key: 'appeals', label: 'appeals', section: 'section.review', icon: <AuditOutlined />, roles: ['manager'], render: (api) => <AppealsPage api={api} /> },
  { key: 'queues', label: 'queues', section: 'section.review', icon: <SolutionOutlined />, roles: ['admin', 'manager', 'finance', 'director'], render: (api, role) => <QueuesPage api={api} role={role} /> },
  { key: 'reassignment', label: 'reassignment', section: 'section.review', icon: <SwapOutlined />, roles: ['admin', 'manager'], render: (api) => <ReassignmentPage api={api} /> },
  { key: 'dashboard', label: 'dashboard', section: 'section.insight', icon: <BarChartOutlined />, roles: ['admin', 'manager', 'finance', 'director'], render: (api) => <DashboardPage api={api} /> },
  { key: 'api-keys', label: 'apiKeys', section: 'section.settings', icon: <KeyOutlined />, roles: ['admin'], render: (api) => <ApiKeysPage api={api} /> },
];

export function App() {
  const [language, setLanguage] = useState<Language>(() => (localStorage.getItem('crm-policy-language') as Language | null) ?? browserLanguage());
  const languageRef = useMemo(() => ({ current: language }), []);
  languageRef.current = language;
  const api = useMemo(() => new ApiClient(sessionStorage.getItem('crm-policy-token'), () => languageRef.current), [languageRef]);
  const [signedIn, setSignedIn] = useState(api.signedIn());
  const { state, retry } = useMe(api, signedIn);
  useEffect(() => {
    api.onSignedOut = () => setSignedIn(false);
  }, [api]);
  const i18n: I18n = useMemo(
    () => ({
      language,
      setLanguage: (next) => {
        localStorage.setItem('crm-policy-language', next);
        setLanguage(next);
      },
      t: (key, values) => format(language, key, values),
    }),
    [language],
  );
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    if (!signedIn) document.title = `${i18n.t('signIn')} · ${i18n.t('appName')}`;
    else if (state.status !== 'ready') document.title = i18n.t('appName');
  }, [language, signedIn, state.status, i18n]);
  useEffect(() => {
    if (!signedIn) void registerPage();
  }, [signedIn]);
  const signOut = () => {
    void api.signOut().then(() => setSignedIn(false));
  };

  let page;
  if (!signedIn) {
    page = (
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #f0f0f0', display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 16 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            <AppstoreOutlined /> {i18n.t('appName')}
          </Typography.Text>
          <LanguageSwitch />
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          <LoginPage api={api} onSignedIn={() => setSignedIn(true)} />
        </Layout.Content>
      </Layout>
    );
  } else if (state.status === 'ready') {
    page = <AppShell api={api} me={state.me} screens={screensFor(SCREENS, state.me.role)} onSignOut={signOut} />;
  } else if (state.status === 'failed') {
    page = (
      <Result
        status="warning"
        title={i18n.t('accountUnavailable')}
        subTitle={i18n.t('accountUnavailableHelp')}
        extra={[
          <Button key="retry" type="primary" onClick={retry}>
            {i18n.t('tryAgain')}
          </Button>,
          <SignOutButton key="sign-out" onSignOut={signOut} />,
        ]}
      />
    );
  } else {
    page = (
      <Flex vertical align="center" justify="center" gap={16} style={{ minHeight: '100vh' }} role="status">
        <Spin size="large" />
        <Typography.Text type="secondary">{i18n.t('loadingAccount')}</Typography.Text>
      </Flex>
    );
  }
  return (
    <ApiContext.Provider value={api}>
      <I18nContext.Provider value={i18n}>
        <ConfigProvider locale={language === 'zh' ? zhCN : enUS}>{page}</ConfigProvider>
      </I18nContext.Provider>
    </ApiContext.Provider>
  );
}
