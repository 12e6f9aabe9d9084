import { useCallback, useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { ProblemError } from '../api/client';
import { useText } from '../i18n/language';
import { ErrorNotice, Loading } from './feedback';
import { uiText } from './messages';

/**
 * An action a form or button runs: `pending` while it runs, and the API's problem after a refusal,
 * with each invalid field's message for the field that shows it (`fieldError('title')`).
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setPending(true);
      setProblem(null);
      try {
        return await action(...args);
      } catch (error) {
        setProblem(error);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [action],
  );
  const fieldError = useCallback(
    (field: string): string | undefined => {
      if (!(problem instanceof ProblemError)) return undefined;
      const hits = problem.fields.filter((f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`));
      return hits.length ? hits.map((f) => f.message).join(' ') : undefined;
    },
    [problem],
  );
  return { run, pending, problem, fieldError, clear: () => setProblem(null) };
}

/** The problem of a form above its fields: the title and detail, and a pointer to the fields below. */
export function FormProblem({ problem }: { problem: unknown }) {
  const t = useText(uiText);
  if (!problem) return null;
  const withFields = problem instanceof ProblemError && problem.fields.length > 0;
  return (
    <>
      <ErrorNotice error={problem} />
      {withFields && <p className="field-summary">{t('FORM_HAS_ERRORS')}</p>}
    </>
  );
}

export interface FieldControl {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

/** A labelled control with its hint and the API's error beside it; `children` renders the control. */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: (control: FieldControl) => ReactNode }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = { label: string; hint?: string; error?: string; value: string; onChange: (value: string) => void } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'id'
>;

export function TextField({ label, hint, error, value, onChange, ...input }: InputProps) {
  return <Field label={label} hint={hint} error={error}>{(control) => <input {...input} {...control} value={value} onChange={(e) => onChange(e.target.value)} />}</Field>;
}

export function TextArea({ label, hint, error, value, onChange, rows = 4 }: { label: string; hint?: string; error?: string; value: string; onChange: (value: string) => void; rows?: number }) {
  return <Field label={label} hint={hint} error={error}>{(control) => <textarea {...control} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />}</Field>;
}

export function SelectField<V extends string>({
  label,
  hint,
  error,
  value,
  onChange,
  options,
}: {
  label: string;
  hint?: string;
  error?: string;
  value: V;
  onChange: (value: V) => void;
  options: ReadonlyArray<{ value: V; label: string }>;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value as V)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A submit button that shows progress and cannot be pressed twice. */
export function SubmitButton({ pending, children, className }: { pending: boolean; children: ReactNode; className?: string }) {
  const t = useText(uiText);
  return (
    <button type="submit" className={className ?? 'primary'} disabled={pending} aria-busy={pending}>
      {pending ? t('WORKING') : children}
    </button>
  );
}

/** A button that runs an action at once (accept, approve…), with progress and the problem beside it. */
export function ActionButton({ action, children, className }: { action: () => Promise<unknown>; children: ReactNode; className?: string }) {
  const { run, pending, problem } = useAction(action);
  return (
    <span className="action">
      <button type="button" className={className} disabled={pending} aria-busy={pending} onClick={() => void run()}>
        {children}
      </button>
      {pending && <Loading />}
      {Boolean(problem) && <ErrorNotice error={problem} />}
    </span>
  );
}
