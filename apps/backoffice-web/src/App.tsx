import { ReactElement, useCallback, useEffect, useState } from 'react';
import { api, session, Staff, UNAUTHORIZED_EVENT } from './api';
import { Loading } from './components';
import { Link, matchRoute, navigate, Redirect, useLocation } from './router';
import { StaffContext } from './session';
import { LoginPage } from './pages/LoginPage';
import { CustomerListPage } from './pages/CustomerListPage';
import { CustomerPage } from './pages/CustomerPage';
import { CustomerFormPage } from './pages/CustomerFormPage';
import { AddressFormPage } from './pages/AddressFormPage';
import { GroupListPage } from './pages/GroupListPage';
import { GroupPage } from './pages/GroupPage';
import { AccessPage } from './pages/AccessPage';
import { UsersPage } from './pages/UsersPage';

/** Screens by URL; the back-office app serves index.html for each of these paths. */
const ROUTES: [string, (p: Record<string, string>) => ReactElement][] = [
  ['/customers', () => <CustomerListPage />],
  ['/customers/new', () => <CustomerFormPage />],
  ['/customers/:reference', (p) => <CustomerPage reference={p.reference} />],
  ['/customers/:reference/edit', (p) => <CustomerFormPage reference={p.reference} />],
  ['/customers/:reference/addresses/new', (p) => <AddressFormPage reference={p.reference} />],
  ['/customers/:reference/addresses/:uuid', (p) => <AddressFormPage reference={p.reference} uuid={p.uuid} />],
  ['/groups', () => <GroupListPage />],
  ['/groups/new', () => <GroupPage />],
  ['/groups/:id', (p) => <GroupPage id={Number(p.id)} />],
  ['/access', () => <AccessPage />],
  ['/users', () => <UsersPage />],
];

export const App = () => {
  const { path } = useLocation();
  const [staff, setStaff] = useState<Staff | null | undefined>(session.token ? undefined : null);

  useEffect(() => {
    if (staff !== undefined) return;
    api.get<Staff>('/api/auth/me').then(setStaff, () => {
      session.clear();
      setStaff(null);
    });
  }, [staff]);

  useEffect(() => {
    const signedOut = () => setStaff(null);
    window.addEventListener(UNAUTHORIZED_EVENT, signedOut);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, signedOut);
  }, []);

  const signIn = useCallback((token: string, user: Staff) => {
    session.set(token);
    setStaff(user);
    const back = new URLSearchParams(location.search).get('next');
    navigate(back && back.startsWith('/') && !back.startsWith('//') ? back : '/customers', { replace: true });
  }, []);

  const signOut = () => {
    // Ends this session (the token is sent) and forgets the dashboard's cookie; goes on if the API cannot be reached.
    void api.post('/api/auth/logout').catch(() => undefined);
    session.clear();
    setStaff(null);
    navigate('/login');
  };

  if (staff === undefined) return <Loading label="Signing in…" />;
  if (staff === null) {
    if (path !== '/login') {
      const next = path === '/' ? '' : `?next=${encodeURIComponent(path + location.search)}`;
      return <Redirect to={`/login${next}`} />;
    }
    return <LoginPage onSignedIn={signIn} />;
  }
  if (path === '/' || path === '/login') {
    return <Redirect to="/customers" />;
  }

  let screen: ReactElement = <NotFound />;
  for (const [pattern, render] of ROUTES) {
    const params = matchRoute(pattern, path);
    if (params) {
      screen = render(params);
      break;
    }
  }

  const section = path.split('/')[1];
  return (
    <StaffContext.Provider value={staff}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/customers" className="brand">
          Patron <span>back office</span>
        </Link>
        <nav aria-label="Main">
          <Link href="/customers" aria-current={section === 'customers' ? 'page' : undefined}>
            Customers
          </Link>
          <Link href="/groups" aria-current={section === 'groups' ? 'page' : undefined}>
            Groups
          </Link>
          <Link href="/access" aria-current={section === 'access' ? 'page' : undefined}>
            Guest access
          </Link>
          {staff.role === 'admin' && (
            <Link href="/users" aria-current={section === 'users' ? 'page' : undefined}>
              Staff
            </Link>
          )}
          {staff.role === 'admin' && <a href="/admin/queues">Queues</a>}
        </nav>
        <div className="who">
          <span>
            {staff.name} <small>({staff.role})</small>
          </span>
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" key={path}>
        {screen}
      </main>
    </StaffContext.Provider>
  );
};

const NotFound = () => (
  <section>
    <h1>Page not found</h1>
    <p>
      <Link href="/customers">Back to the customers</Link>
    </p>
  </section>
);
