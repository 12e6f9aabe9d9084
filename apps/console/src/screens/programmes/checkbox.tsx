import { useId } from 'react';

/**
 * A labelled checkbox with an optional hint and the API's error beside it (ui/forms.tsx has the
 * text fields; this is its counterpart and could move there).
 */
export function Checkbox({ label, hint, error, checked, onChange }: { label: string; hint?: string; error?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field checkbox-field field-invalid' : 'field checkbox-field'}>
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} aria-invalid={Boolean(error)} aria-describedby={described} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
