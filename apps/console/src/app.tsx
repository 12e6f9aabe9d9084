import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { createBrowserRouter, Link, Navigate, RouterProvider } from 'react-router-dom';
import { callContext, ProblemError } from './api/client';
import { LanguageProvider, useLanguage, useText } from './i18n/language';
import { consoleRoutes } from './screens';
import { SessionProvider, useSession } from './session/session';
import { SignInPage } from './session/sign-in-page';
import { Loading } from './ui/feedback';
import { Layout, useMenu } from './ui/layout';
import { uiText } from './ui/messages';

const queries = new QueryClient({
  defaultOptions: {
    // A refusal (4xx) will not change by asking again; a network failure might.
    queries: { retry: (count, error) => !(error instanceof ProblemError && error.status < 500) && count < 2, staleTime: 5_000, refetchOnWindowFocus: false },
  },
});

/** The first screen of the role's menu. */
function Home() {
  const menu = useMenu();
  const t = useText(uiText);
  if (menu[0]) return <Navigate to={`/${menu[0].path}`} replace />;
  return <p>{t('WELCOME')}</p>;
}

function NotFound() {
  const t = useText(uiText);
  return (
    <section className="panel">
      <h1>{t('NOT_FOUND')}</h1>
      <Link to="/">{t('GO_HOME')}</Link>
    </section>
  );
}

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [{ index: true, element: <Home /> }, ...consoleRoutes.map(({ path, element }) => ({ path, element })), { path: '*', element: <NotFound /> }],
  },
]);

/** Keeps the API calls' Accept-Language on the language the person reads. */
function CallLanguage() {
  const { language } = useLanguage();
  useEffect(() => {
    callContext.language = language;
  }, [language]);
  callContext.language = language;
  return null;
}

function Signed() {
  const { state } = useSession();
  const profileLanguage = state.status === 'signed-in' ? (state.principal.language ?? null) : null;
  return (
    <LanguageProvider profileLanguage={profileLanguage}>
      <CallLanguage />
      {state.status === 'loading' && <Loading />}
      {state.status === 'signed-out' && <SignInPage notice={state.notice} />}
      {state.status === 'signed-in' && <RouterProvider router={router} />}
    </LanguageProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queries}>
      <SessionProvider>
        <Signed />
      </SessionProvider>
    </QueryClientProvider>
  );
}
