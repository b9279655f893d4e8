import { HomeOutlined, MenuOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Empty, Flex, Layout, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useConfirmDiscard } from '../components/useConfirmDiscard.js';
import type { ApiClient } from '../api/client.js';
import { useI18n } from '../i18n/I18nContext.js';
import { ScreenMenu } from './ScreenMenu.js';
import { screenAt } from './screenSpec.js';
import type { Role, ScreenSpec } from './screenSpec.js';
import { useNarrowScreen } from './useNarrowScreen.js';
import { useScreenPath } from './useScreenPath.js';
import { UnsavedEditsContext } from './unsavedEdits.js';
import type { UnsavedEdits } from './unsavedEdits.js';
import type { Me } from './useMe.js';
import { LanguageSwitch, SignOutButton, UserBadge } from './UserBadge.js';

// The bell and its inbox arrive after the screen: they are not in a rep's first load.
const NotificationBell = lazy(() => import('../components/NotificationBell.js').then((module) => ({ default: module.NotificationBell })));

export interface AppShellProps {
  api: ApiClient;
  me: Me;
  /** The signed-in role's screens, its home first. */
  screens: readonly ScreenSpec[];
  onSignOut(): void;
}

const SIDER_WIDTH = 208;

// A phone's menu drawer: fetched when a phone layout mounts, never part of a desktop's first load.
const PhoneMenu = lazy(() => import('./PhoneMenu.js').then((module) => ({ default: module.PhoneMenu })));

/**
 * The signed-in layout, after Ant Design Pro: on a desktop a side menu of the
 * role's screens grouped by section, a header with the user's name and role,
 * the language switch and sign-out; on a phone a compact top bar whose button
 * opens the same menu in a drawer. Every screen has a breadcrumb, an address
 * (`/<key>`) and the page title `<screen> · <app>`.
 */
export function AppShell({ api, me, screens, onSignOut: signOut }: AppShellProps) {
  const { t } = useI18n();
  const narrow = useNarrowScreen();
  const [path, go] = useScreenPath();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const current = screenAt(screens, path);
  const [kept, setKept] = useState<readonly string[]>([]);
  const role = me.role as Role;
  // Screens with unsaved edits: signing out asks first.
  const unsaved = useRef(new Set<string>());
  const edits = useMemo<UnsavedEdits>(() => ({ mark: (screen, dirty) => void (dirty ? unsaved.current.add(screen) : unsaved.current.delete(screen)) }), []);
  const { confirmDiscard, holder } = useConfirmDiscard();
  const onSignOut = () => confirmDiscard(unsaved.current.size > 0, signOut);

  useEffect(() => {
    if (current && path !== `/${current.key}`) go(`/${current.key}`, { replace: true });
    if (current?.keep && !kept.includes(current.key)) setKept([...kept, current.key]);
  }, [current, path, go, kept]);
  useEffect(() => {
    document.title = current ? `${t(current.label)} · ${t('appName')}` : t('appName');
  }, [current, t]);

  const open = (key: string) => {
    setDrawerOpen(false);
    go(`/${key}`);
  };
  const home = screens[0];
  const breadcrumb = current && (
    <Breadcrumb
      style={{ marginBottom: narrow ? 8 : 16 }}
      items={[
        {
          title: (
            <a href={home ? `/${home.key}` : '/'} onClick={(event) => { event.preventDefault(); if (home) open(home.key); }}>
              <HomeOutlined /> {t('home')}
            </a>
          ),
        },
        { title: t(current.section) },
        { title: t(current.label) },
      ]}
    />
  );
  const loading = (
    <Flex vertical align="center" gap={12} style={{ padding: 48 }} role="status">
      <Spin />
      <Typography.Text type="secondary">{t('loadingScreen')}</Typography.Text>
    </Flex>
  );
  const body = current ? (
    <>
      {/* Each screen is a region named after it. Kept screens stay mounted while hidden; the others mount when opened. */}
      {screens
        .filter((screen) => screen.key === current.key || (screen.keep && kept.includes(screen.key)))
        .map((screen) => (
          <section key={screen.key} aria-label={t(screen.label)} hidden={screen.key !== current.key}>
            <Suspense fallback={loading}>{screen.render(api, role)}</Suspense>
          </section>
        ))}
    </>
  ) : (
    <Empty description={t('noScreens')} />
  );
  const content = (
    <Layout.Content style={{ padding: narrow ? 12 : 24, width: '100%', maxWidth: role === 'rep' ? 960 : 1320, margin: '0 auto' }}>
      {breadcrumb}
      {body}
    </Layout.Content>
  );
  const brand = (
    <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
      {t('appName')}
    </Typography.Text>
  );
  const headerStyle = { background: '#fff', borderBottom: '1px solid #f0f0f0', display: 'flex', alignItems: 'center', gap: 12 } as const;

  // One tree for both layouts, the content always in the same place: crossing the
  // breakpoint (a window resized, a tablet turned) swaps the navigation and keeps
  // what the screen holds, a half-filled form included.
  return (
    <UnsavedEditsContext.Provider value={edits}>
      {holder}
      <Layout style={{ minHeight: '100vh' }}>
        {narrow ? null : (
          <Layout.Sider width={SIDER_WIDTH} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
            <div style={{ height: 64, display: 'flex', alignItems: 'center', paddingInline: 24 }}>{brand}</div>
            <nav aria-label={t('navigation')}>
              <ScreenMenu screens={screens} current={current?.key ?? ''} onOpen={open} />
            </nav>
          </Layout.Sider>
        )}
        <Layout>
          {narrow ? (
            <Layout.Header style={{ ...headerStyle, height: 48, lineHeight: '48px', paddingInline: 8, position: 'sticky', top: 0, zIndex: 10 }}>
              <Button type="text" icon={<MenuOutlined />} aria-label={t('openMenu')} aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)} />
              <Typography.Text strong ellipsis style={{ flex: 1, fontSize: 16 }}>
                {current ? t(current.label) : t('appName')}
              </Typography.Text>
              <Suspense fallback={null}>
                <NotificationBell api={api} />
              </Suspense>
            </Layout.Header>
          ) : (
            <Layout.Header style={{ ...headerStyle, justifyContent: 'flex-end', paddingInline: 24 }}>
              <Suspense fallback={null}>
                <NotificationBell api={api} />
              </Suspense>
              <UserBadge me={me} />
              <LanguageSwitch />
              <SignOutButton onSignOut={onSignOut} />
            </Layout.Header>
          )}
          {narrow ? (
            <Suspense fallback={null}>
              <PhoneMenu open={drawerOpen} me={me} screens={screens} current={current?.key ?? ''} onOpen={open} onClose={() => setDrawerOpen(false)} onSignOut={onSignOut} />
            </Suspense>
          ) : null}
          {content}
        </Layout>
      </Layout>
    </UnsavedEditsContext.Provider>
  );
}
