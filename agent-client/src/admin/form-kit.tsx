import { languages, type Language, type LocalizedText } from '@etapiste/shared';
import type { MessageKey } from '@etapiste/shared/i18n';
import { useTranslate } from '@etapiste/shared/react';
import { useId, type ReactNode } from 'react';

/** Field path (as the API reports it, e.g. `openingHours.0.to`) → message shown at that field. */
export type Problems = Record<string, string>;

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A label, one control and its hint and error, tied together with `aria-describedby`. */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['admin-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <p id={hintId ?? undefined} className="admin-field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId ?? undefined} className="admin-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface InputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  type?: 'text' | 'date' | 'time' | 'number' | 'password';
  testId?: string;
  required?: boolean;
  disabled?: boolean;
  className?: string;
}

export function TextInput({ label, value, onChange, error, hint, type = 'text', testId, required, disabled, className }: InputProps) {
  return (
    <Field label={label} error={error} hint={hint} {...(className ? { className } : {})}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={value}
          required={required}
          disabled={disabled}
          data-testid={testId}
          onChange={(event) => onChange(event.target.value)}
          {...(type === 'time' ? { step: 300 } : {})}
        />
      )}
    </Field>
  );
}

export function NumberInput(props: Omit<InputProps, 'value' | 'onChange' | 'type'> & { value: number; onChange: (value: number) => void }) {
  return <TextInput {...props} type="number" value={String(props.value)} onChange={(text) => props.onChange(text === '' ? Number.NaN : Number(text))} />;
}

export interface SelectInputProps {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  error?: string | undefined;
  testId?: string;
  disabled?: boolean;
  /** Shown as an empty first option. */
  placeholder?: string;
}

export function SelectInput({ label, value, options, onChange, error, testId, disabled, placeholder }: SelectInputProps) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <select {...control} value={value} disabled={disabled} data-testid={testId} onChange={(event) => onChange(event.target.value)}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox({ label, checked, onChange, testId, disabled }: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId?: string; disabled?: boolean }) {
  return (
    <label className="admin-check">
      <input type="checkbox" checked={checked} disabled={disabled} data-testid={testId} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}

export interface FieldsetProps {
  legend: string;
  error?: string | undefined;
  className?: string;
  children: ReactNode;
}

/** A group of controls with a legend; a group-level error is announced with the group. */
export function Fieldset({ legend, error, className, children }: FieldsetProps) {
  const id = useId();
  return (
    <fieldset className={['admin-fieldset', className].filter(Boolean).join(' ')} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {children}
      {error ? (
        <p id={`${id}-error`} className="admin-field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The same text in Finnish, Swedish and English. `path` is its field path, for errors. */
export function LocalizedTextFields(props: {
  legend: string;
  value: LocalizedText;
  onChange: (value: LocalizedText) => void;
  problems: Problems;
  path: string;
  testId: string;
  multiline?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslate();
  const { value, onChange, problems, path } = props;
  return (
    <Fieldset legend={props.legend} error={problems[path]}>
      {languages.map((language: Language) => (
        <Field key={language} label={t(`language.${language}`)} error={problems[`${path}.${language}`]}>
          {(control) =>
            props.multiline ? (
              <textarea
                {...control}
                lang={language}
                rows={2}
                value={value[language]}
                disabled={props.disabled}
                data-testid={`${props.testId}-${language}`}
                onChange={(event) => onChange({ ...value, [language]: event.target.value })}
              />
            ) : (
              <input
                {...control}
                lang={language}
                value={value[language]}
                disabled={props.disabled}
                data-testid={`${props.testId}-${language}`}
                onChange={(event) => onChange({ ...value, [language]: event.target.value })}
              />
            )
          }
        </Field>
      ))}
    </Fieldset>
  );
}

/** The form-level outcome: a summary of what to fix, or that it was saved. */
export function FormStatus({ summary, saved }: { summary: string | null; saved?: string | null }) {
  if (summary) {
    return (
      <p className="admin-form__error" role="alert" data-testid="form-error">
        {summary}
      </p>
    );
  }
  return (
    <p className="admin-form__saved" role="status" data-testid="form-saved">
      {saved ?? ''}
    </p>
  );
}

export const emptyText = (): LocalizedText => ({ fi: '', sv: '', en: '' });

/** The heading of an admin screen (the main landmark is labelled by it). */
export function ScreenHeading({ label }: { label: MessageKey }) {
  const { t } = useTranslate();
  return <h2 id="admin-heading">{t(label)}</h2>;
}
