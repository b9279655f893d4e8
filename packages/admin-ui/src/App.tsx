import { Button, ConfigProvider, Layout, Space, Tabs, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { ApiContext } from './api/ApiContext.js';
import { ApiClient } from './api/client.js';
import { I18nContext } from './i18n/I18nContext.js';
import type { I18n } from './i18n/I18nContext.js';
import type { Language } from './i18n/messages.js';
import { browserLanguage, format } from './i18n/messages.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { MyCustomersPage } from './pages/customers/MyCustomersPage.js';
import { RegisterPage } from './pages/register/RegisterPage.js';

// Admin-only screens load on demand: a rep's first load never carries them.
const AppealsPage = lazy(() => import('./pages/appeals/AppealsPage.js').then((module) => ({ default: module.AppealsPage })));
const RulesPage = lazy(() => import('./pages/rules/RulesPage.js').then((module) => ({ default: module.RulesPage })));

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
              <Button size="small" onClick={() => i18n.setLanguage(language === 'zh' ? 'en' : 'zh')}>
                {i18n.t('language')}
              </Button>
              {signedIn && (
                <Button size="small" onClick={() => { api.logout(); setSignedIn(false); }}>
                  {i18n.t('signOut')}
                </Button>
              )}
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 16, maxWidth: 880, width: '100%', margin: '0 auto' }}>
            {!signedIn ? <LoginPage api={api} onSignedIn={() => setSignedIn(true)} /> : role === 'admin' ? (
              <Suspense fallback={null}>
                <RulesPage api={api} />
              </Suspense>
            ) : role === 'manager' ? (
              <Suspense fallback={null}>
                <AppealsPage api={api} />
              </Suspense>
            ) : role ? (
              <Tabs
                items={[
                  { key: 'register', label: i18n.t('register'), children: <RegisterPage api={api} /> },
                  { key: 'mine', label: i18n.t('myCustomers'), children: <MyCustomersPage api={api} />, destroyOnHidden: true },
                ]}
              />
            ) : null}
          </Layout.Content>
        </Layout>
      </ConfigProvider>
    </I18nContext.Provider>
    </ApiContext.Provider>
  );
}
