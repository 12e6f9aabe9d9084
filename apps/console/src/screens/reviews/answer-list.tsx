import { Fragment } from 'react';
import { useText } from '../../i18n/language';
import { reviewsText } from './messages';

/** An answer as text: strings as written, anything structured as indented JSON. */
function answerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

/** An application's free-form answers, each under the key the programme asked it by. */
export function AnswerList({ answers }: { answers: Record<string, unknown> }) {
  const t = useText(reviewsText);
  const entries = Object.entries(answers);
  if (entries.length === 0) return <p className="empty">{t('NO_ANSWERS')}</p>;
  return (
    <dl className="facts">
      {entries.map(([key, value]) => (
        <Fragment key={key}>
          <dt>{key}</dt>
          <dd style={{ whiteSpace: 'pre-wrap' }}>{answerText(value)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
