import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useText } from '../../i18n/language';
import { webhooksText } from './messages';

/**
 * A signing secret the service shows only in this answer: the warning that it will not be shown again,
 * a copy button, and a button to put it away once stored.
 */
export function SecretOnce({ title, secret, onDismiss, level = 2, children }: { title: string; secret: string; onDismiss: () => void; level?: 2 | 3; children?: ReactNode }) {
  const t = useText(webhooksText);
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const Heading = level === 2 ? 'h2' : 'h3';
  // The secret appears after a form was sent: bring the person to it.
  useEffect(() => heading.current?.focus(), []);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </Heading>
      <p className="notice notice-warning" role="alert">
        {t('SECRET_ONCE')}
      </p>
      <p className="secret">
        {secret}
      </p>
      {children}
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('COPY_SECRET')}
        </button>
        <button type="button" onClick={onDismiss}>
          {t('SECRET_STORED')}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {copied === 'yes' ? t('COPIED') : copied === 'failed' ? t('COPY_FAILED') : ''}
      </p>
    </section>
  );
}
