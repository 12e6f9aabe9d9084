import { useState, type FormEvent } from 'react';
import { useText } from '../i18n/language';
import { FormProblem, TextField, SubmitButton, useAction } from '../ui/forms';
import { LanguageSwitch } from '../ui/layout';
import { uiText } from '../ui/messages';
import { sessionText } from './messages';
import { useSession, type SignedOutNotice } from './session';

/** "Paste your API key" once: the key goes to the console server and the field is emptied. */
export function SignInPage({ notice }: { notice: SignedOutNotice | null }) {
  const t = useText(sessionText);
  const ui = useText(uiText);
  const { signIn } = useSession();
  const [apiKey, setApiKey] = useState('');
  const [empty, setEmpty] = useState(false);
  const action = useAction(async (key: string) => {
    try {
      await signIn(key);
    } finally {
      setApiKey('');
    }
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setEmpty(apiKey.trim() === '');
    if (apiKey.trim() !== '') void action.run(apiKey.trim());
  };
  return (
    <div className="sign-in">
      <header className="topbar">
        <span className="brand">{ui('APP_NAME')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="panel narrow">
        <h1>{t('SIGN_IN_TITLE')}</h1>
        {notice?.kind === 'signed-out' && (
          <p className="notice notice-success" role="status">
            {t('SIGNED_OUT')}
          </p>
        )}
        {notice?.kind === 'ended' && (
          <p className="notice notice-error" role="alert">
            {notice.message}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <FormProblem problem={action.problem} />
          <TextField
            label={t('API_KEY')}
            hint={t('API_KEY_HELP')}
            type="password"
            name="apiKey"
            autoComplete="off"
            spellCheck={false}
            value={apiKey}
            onChange={setApiKey}
            error={empty ? t('KEY_REQUIRED') : action.fieldError('apiKey')}
          />
          <SubmitButton pending={action.pending}>{t('SIGN_IN')}</SubmitButton>
        </form>
      </main>
    </div>
  );
}
