import { defineMessages, registerCatalogue } from '@exchange/platform/messages';

export const uiText = registerCatalogue(
  'console.ui',
  defineMessages({
    APP_NAME: { en: () => 'Startup Exchange', ko: () => '스타트업 교류', ru: () => 'Обмен стартапами' },
    SKIP_TO_CONTENT: { en: () => 'Skip to the content', ko: () => '본문으로 건너뛰기', ru: () => 'Перейти к содержимому' },
    MAIN_NAVIGATION: { en: () => 'Main navigation', ko: () => '주 메뉴', ru: () => 'Главное меню' },
    LANGUAGE: { en: () => 'Language', ko: () => '언어', ru: () => 'Язык' },
    SIGNED_IN_AS: {
      en: (p: { role: string }) => `Signed in as ${p.role}`,
      ko: (p) => `${p.role}(으)로 로그인함`,
      ru: (p) => `Вы вошли как: ${p.role}`,
    },
    ROLE_admin: { en: () => 'administrator', ko: () => '관리자', ru: () => 'администратор' },
    ROLE_programme_manager: { en: () => 'programme manager', ko: () => '프로그램 매니저', ru: () => 'менеджер программы' },
    ROLE_reviewer: { en: () => 'reviewer', ko: () => '심사위원', ru: () => 'эксперт' },
    ROLE_host: { en: () => 'host coordinator', ko: () => '호스트 담당자', ru: () => 'координатор площадки' },
    ROLE_partner_agency: { en: () => 'partner liaison', ko: () => '파트너 기관 담당자', ru: () => 'представитель партнёра' },
    ROLE_startup: { en: () => 'startup', ko: () => '스타트업', ru: () => 'стартап' },
    LOADING: { en: () => 'Loading…', ko: () => '불러오는 중…', ru: () => 'Загрузка…' },
    WORKING: { en: () => 'Working…', ko: () => '처리 중…', ru: () => 'Выполняется…' },
    LOAD_MORE: { en: () => 'Show more', ko: () => '더 보기', ru: () => 'Показать ещё' },
    NOTHING_YET: { en: () => 'Nothing here yet.', ko: () => '아직 항목이 없습니다.', ru: () => 'Здесь пока ничего нет.' },
    SHOWN_COUNT: {
      en: (p: { count: number }) => `${p.count} shown`,
      ko: (p) => `${p.count}개 표시`,
      ru: (p) => `Показано: ${p.count}`,
    },
    ERROR_TITLE: { en: () => 'Something went wrong', ko: () => '문제가 발생했습니다', ru: () => 'Что-то пошло не так' },
    ERROR_UNEXPECTED: {
      en: () => 'The console could not show this page. Try again; if it keeps happening, tell your administrator.',
      ko: () => '이 페이지를 표시할 수 없습니다. 다시 시도하고, 계속되면 관리자에게 알려 주세요.',
      ru: () => 'Консоль не смогла показать эту страницу. Попробуйте ещё раз; если ошибка повторяется, сообщите администратору.',
    },
    ERROR_NETWORK: {
      en: () => 'The console server did not answer. Check your connection and try again.',
      ko: () => '콘솔 서버가 응답하지 않습니다. 연결을 확인하고 다시 시도하세요.',
      ru: () => 'Сервер консоли не ответил. Проверьте соединение и попробуйте снова.',
    },
    TRY_AGAIN: { en: () => 'Try again', ko: () => '다시 시도', ru: () => 'Повторить' },
    NOT_FOUND: { en: () => 'There is no such page.', ko: () => '해당 페이지가 없습니다.', ru: () => 'Такой страницы нет.' },
    GO_HOME: { en: () => 'Go to the start page', ko: () => '시작 페이지로', ru: () => 'На начальную страницу' },
    FORM_HAS_ERRORS: {
      en: () => 'Some fields need attention.',
      ko: () => '확인이 필요한 항목이 있습니다.',
      ru: () => 'Некоторые поля нужно исправить.',
    },
    UNKNOWN_NAME: { en: () => 'Name not available', ko: () => '이름을 불러올 수 없음', ru: () => 'Название недоступно' },
    SAVE: { en: () => 'Save', ko: () => '저장', ru: () => 'Сохранить' },
    CANCEL: { en: () => 'Cancel', ko: () => '취소', ru: () => 'Отмена' },
    DONE: { en: () => 'Done.', ko: () => '완료했습니다.', ru: () => 'Готово.' },
    WELCOME: {
      en: () => 'Choose what to work on in the menu.',
      ko: () => '메뉴에서 작업할 항목을 고르세요.',
      ru: () => 'Выберите в меню, с чем работать.',
    },
  }),
);
