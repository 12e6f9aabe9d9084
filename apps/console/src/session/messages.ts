import { defineMessages, registerCatalogue } from '@exchange/platform/messages';

export const sessionText = registerCatalogue(
  'console.session',
  defineMessages({
    SIGN_IN_TITLE: { en: () => 'Sign in to the Startup Exchange console', ko: () => '스타트업 교류 콘솔 로그인', ru: () => 'Вход в консоль Startup Exchange' },
    API_KEY: { en: () => 'Your API key', ko: () => 'API 키', ru: () => 'Ваш API-ключ' },
    API_KEY_HELP: {
      en: () => 'Paste the key your administrator issued. It stays on the console server and is never kept in this browser.',
      ko: () => '관리자가 발급한 키를 붙여 넣으세요. 키는 콘솔 서버에만 보관되며 이 브라우저에는 저장되지 않습니다.',
      ru: () => 'Вставьте ключ, выданный администратором. Он хранится только на сервере консоли и никогда — в этом браузере.',
    },
    SIGN_IN: { en: () => 'Sign in', ko: () => '로그인', ru: () => 'Войти' },
    SIGNING_IN: { en: () => 'Signing in…', ko: () => '로그인 중…', ru: () => 'Вход…' },
    SIGN_OUT: { en: () => 'Sign out', ko: () => '로그아웃', ru: () => 'Выйти' },
    SIGNED_OUT: { en: () => 'You have signed out.', ko: () => '로그아웃했습니다.', ru: () => 'Вы вышли из консоли.' },
    LOADING: { en: () => 'Loading…', ko: () => '불러오는 중…', ru: () => 'Загрузка…' },
    KEY_REQUIRED: { en: () => 'Paste an API key first.', ko: () => '먼저 API 키를 붙여 넣으세요.', ru: () => 'Сначала вставьте API-ключ.' },
  }),
);
