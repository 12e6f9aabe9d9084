import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { LANGUAGES, useLanguage, useText, type Language } from '../i18n/language';
import { consoleRoutes } from '../screens';
import { usePrincipal, useSession } from '../session/session';
import { sessionText } from '../session/messages';
import { ErrorBoundary } from './feedback';
import { uiText } from './messages';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ko: '한국어', ru: 'Русский' };

/** The menu entries of the signed-in role, in the order the areas list them. */
export function useMenu() {
  const principal = usePrincipal();
  return consoleRoutes.filter((route) => route.nav && (route.nav.roles.includes(principal.role) || principal.role === 'admin'));
}

export function LanguageSwitch() {
  const { language, choose } = useLanguage();
  const t = useText(uiText);
  return (
    <label className="language-switch">
      <span>{t('LANGUAGE')}</span>
      <select value={language} onChange={(e) => choose(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The frame of every signed-in screen: the menu of the role, the language, sign-out. */
export function Layout() {
  const t = useText(uiText);
  const s = useText(sessionText);
  const { language } = useLanguage();
  const { signOut } = useSession();
  const principal = usePrincipal();
  const location = useLocation();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('SKIP_TO_CONTENT')}
      </a>
      <header className="topbar">
        <span className="brand">{t('APP_NAME')}</span>
        <span className="who">{t('SIGNED_IN_AS', { role: uiText[`ROLE_${principal.role}`][language]() })}</span>
        <LanguageSwitch />
        <button type="button" onClick={() => void signOut()}>
          {s('SIGN_OUT')}
        </button>
      </header>
      <div className="body">
        <nav aria-label={t('MAIN_NAVIGATION')} className="sidebar">
          <ul>
            {useMenu().map((route) => (
              <li key={route.path}>
                <NavLink to={`/${route.path}`}>{route.nav!.label[language](undefined)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <ErrorBoundary resetKey={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
