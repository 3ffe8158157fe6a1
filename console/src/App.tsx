// The console's frame: the sign-in gate, the menu each role sees, and the screens.

import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Provider as UrqlProvider } from 'urql';
import { createApiClient } from './api';
import { SessionContext } from './auth';
import { homePath, loadSession, setSignInNotice, storeSession, type Role, type Session } from './session';
import { ROLE } from './labels';
import { SignInPage } from './pages/SignIn';
import { IntakePage } from './pages/Intake';
import { CaseListPage } from './pages/CaseList';
import { MyCasesPage } from './pages/MyCases';
import { CasePage } from './pages/CasePage';
import { NoticePrintPage } from './pages/notice/NoticePrint';
import { WorkbenchPage } from './pages/Workbench';
import { RegisterListPage } from './pages/Register';
import { HouseholdPage } from './pages/RegisterHousehold';
import { ImportsPage } from './pages/Imports';
import { ImportPage } from './pages/ImportPage';
import { ReviewsPage } from './pages/Reviews';
import { SupervisionPage } from './pages/Supervision';
import { readsRegister, writesRegister } from './access';

// ECharts is large and only the supervisor needs it: the dashboard loads as its own chunk.
const DashboardPage = lazy(() => import('./pages/Dashboard'));

const DAY_MS = 24 * 60 * 60 * 1000;

interface Screen {
  path: string;
  label: string;
  roles: readonly Role[];
  /** Within those roles, who else must be true of the user (the register: civil affairs among departments). */
  only?: (session: Session) => boolean;
  element: React.ReactNode;
  /** Pages reached from this screen (not in the menu), open to the same users. */
  pages?: readonly { path: string; element: React.ReactNode }[];
}

const SCREENS: readonly Screen[] = [
  { path: '/intake', label: '受理', roles: ['CLERK'], element: <IntakePage /> },
  { path: '/mine', label: '我负责的案件', roles: ['CLERK'], element: <MyCasesPage /> },
  { path: '/workbench', label: '部门工作台', roles: ['DEPARTMENT'], element: <WorkbenchPage /> },
  { path: '/cases', label: '案件', roles: ['CLERK', 'DEPARTMENT', 'DASHBOARD', 'ADMIN'], element: <CaseListPage /> },
  {
    path: '/register',
    label: '低收入人口',
    roles: ['CLERK', 'DEPARTMENT', 'DASHBOARD', 'ADMIN'],
    only: readsRegister,
    element: <RegisterListPage />,
    pages: [{ path: '/register/:id', element: <HouseholdPage /> }],
  },
  { path: '/reviews', label: '复核', roles: ['CLERK', 'DEPARTMENT', 'DASHBOARD', 'ADMIN'], only: readsRegister, element: <ReviewsPage /> },
  {
    path: '/imports',
    label: '导入',
    roles: ['DEPARTMENT', 'ADMIN'],
    only: writesRegister,
    element: <ImportsPage />,
    pages: [{ path: '/imports/:id', element: <ImportPage /> }],
  },
  { path: '/dashboard', label: '督办', roles: ['DASHBOARD', 'ADMIN'], element: <DashboardPage /> },
  { path: '/supervision', label: '督办单', roles: ['DASHBOARD', 'ADMIN'], element: <SupervisionPage /> },
];

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const navigate = useNavigate();

  const signOut = useCallback(
    (message?: string) => {
      if (message) setSignInNotice(message);
      storeSession(null);
      setSession(null);
      navigate('/sign-in', { replace: true });
    },
    [navigate],
  );
  const signIn = useCallback(
    (next: Session) => {
      storeSession(next);
      setSession(next);
      navigate(homePath(next.role), { replace: true });
    },
    [navigate],
  );

  // A token runs out while the user works: back to sign-in when it does, not on the next click.
  // setTimeout fires at once for delays over 2^31 ms (24.8 days): a long-lived token re-arms daily.
  const [rearm, setRearm] = useState(0);
  useEffect(() => {
    if (!session?.expiresAt) return;
    const left = session.expiresAt - Date.now();
    const timer = left > DAY_MS ? setTimeout(() => setRearm((n) => n + 1), DAY_MS) : setTimeout(() => signOut('登录已过期，请重新登录。'), Math.max(0, left));
    return () => clearTimeout(timer);
  }, [session, signOut, rearm]);

  const client = useMemo(() => (session ? createApiClient(session, signOut) : null), [session, signOut]);

  if (!session || !client) {
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage onSignedIn={signIn} />} />
        <Route path="*" element={<Navigate to="/sign-in" replace />} />
      </Routes>
    );
  }
  const screens = SCREENS.filter((s) => s.roles.includes(session.role) && (s.only?.(session) ?? true));
  return (
    <SessionContext.Provider value={{ session, signOut }}>
      <UrqlProvider value={client}>
        <Frame session={session} screens={screens} onSignOut={() => signOut()}>
          <Suspense fallback={<Spin tip="加载中…" />}>
            <Routes>
              {/* The menu and the routes come from one list: a role reaches only the screens it sees. */}
              {screens.flatMap((s) => [
                <Route key={s.path} path={s.path} element={s.element} />,
                ...(s.pages ?? []).map((p) => <Route key={p.path} path={p.path} element={p.element} />),
              ])}
              <Route path="/cases/:id" element={<CasePage />} />
              <Route path="/cases/:id/notice/:referralId" element={<NoticePrintPage />} />
              <Route path="*" element={<Navigate to={homePath(session.role)} replace />} />
            </Routes>
          </Suspense>
        </Frame>
      </UrqlProvider>
    </SessionContext.Provider>
  );
}

function Frame({ session, screens, onSignOut, children }: { session: Session; screens: readonly Screen[]; onSignOut(): void; children: React.ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const current = screens.find((s) => location.pathname.startsWith(s.path))?.path;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="no-print" style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          一门受理 · 协同办理
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={current ? [current] : []}
          items={screens.map((s) => ({ key: s.path, label: s.label }))}
          onClick={({ key }) => navigate(key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space>
          <Typography.Text style={{ color: '#e5e7eb' }}>
            {/* A demo user's label already names the role. */}
            {session.label === session.userId ? `${ROLE[session.role]} · ${session.userId}` : session.label}
          </Typography.Text>
          {session.source === 'token' && (
            <Button size="small" onClick={onSignOut}>
              退出
            </Button>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1600, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
    </Layout>
  );
}
