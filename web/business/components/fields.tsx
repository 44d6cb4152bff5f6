/**
 * Labelled form fields: the label is always visible, help and the field's problem are tied to the
 * input with aria-describedby, and a problem marks the input aria-invalid. Values are text.
 */
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useI18n } from '../i18n';
import type { BizError } from '../lib/api-client';
import type { Issue } from '../lib/drafts';
import { formatDate } from '../lib/format';
import { ErrorBox } from './ui';

export interface A11y {
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

interface FieldProps {
  id: string;
  label: string;
  help?: string;
  /** an Issue key (worded here) or a sentence from the server */
  error?: string;
  optional?: boolean;
  children: (a: A11y) => ComponentChildren;
}

/** The words for a field problem: a known Issue key, else the server's own sentence. */
export function useIssueText() {
  const { tk } = useI18n();
  return (e: string | undefined) => (e ? tk('issue_', e) : undefined);
}

export function Field({ id, label, help, error, optional, children }: FieldProps) {
  const { t } = useI18n();
  const issue = useIssueText()(error);
  const described = [help && `${id}-help`, issue && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${issue ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        {optional && <span class="muted">{t('optional')}</span>}
      </label>
      {help && <p id={`${id}-help`} class="help">{help}</p>}
      {children({ id, 'aria-invalid': issue ? true : undefined, 'aria-describedby': described })}
      {issue && <p id={`${id}-error`} class="field-error">{issue}</p>}
    </div>
  );
}

/** The input attributes the forms use. */
interface InputProps {
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number' | 'search';
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'tel';
  autoComplete?: string;
  autoCapitalize?: 'none' | 'off' | 'on' | 'sentences' | 'words' | 'characters';
  spellcheck?: boolean;
  maxLength?: number;
  min?: number | string;
  max?: number | string;
  step?: string;
  placeholder?: string;
}

/** A text-like input (text, email, password, tel, date, number…) bound to a string. */
export function TextField(p: { id: string; label: string; value: string; onValue(v: string): void; help?: string; error?: Issue | string; optional?: boolean; multiline?: boolean } & InputProps) {
  const { id, label, value, onValue, help, error, optional, multiline, ...rest } = p;
  const { locale } = useI18n();
  return (
    <Field id={id} label={label} help={help} error={error} optional={optional}>
      {(a) =>
        multiline ? (
          <textarea {...a} rows={3} value={value} onInput={(e) => onValue(e.currentTarget.value)} maxLength={rest.maxLength} placeholder={rest.placeholder} />
        ) : (
          <>
            <input {...({ type: 'text', ...rest, ...a } as InputHTMLAttributes)} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
            {rest.type === 'date' && value && <DateEcho value={formatDate(value, locale)} />}
          </>
        )
      }
    </Field>
  );
}

/**
 * A date input's value written out in full ("2026年5月9日"): the browser draws the input in the
 * device's own pattern (05/09/2026 on an American phone), which could be read either way.
 */
export function DateEcho({ value }: { value: string }) {
  return <p class="help date-echo">{value}</p>;
}

/** A select of keys with labels. */
export function SelectField(p: { id: string; label: string; value: string; onValue(v: string): void; options: { value: string; label: string }[]; placeholder?: string; error?: string; help?: string }) {
  return (
    <Field id={p.id} label={p.label} error={p.error} help={p.help}>
      {(a) => (
        <select {...a} value={p.value} onChange={(e) => p.onValue(e.currentTarget.value)}>
          {p.placeholder !== undefined && <option value="" disabled>{p.placeholder}</option>}
          {p.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}

/**
 * Above a form after a failed submit: the list of its problems, each a link to its field (the
 * usual pattern for screen-reader and keyboard users), and a failed call. The box takes the focus.
 */
export function FormStatus({ issues, labels, error, boxRef }: {
  issues: Record<string, string | undefined>;
  /** field → [input id, label] */
  labels: Record<string, [string, string]>;
  error: BizError | null;
  boxRef: { current: HTMLDivElement | null };
}) {
  const { t } = useI18n();
  const word = useIssueText();
  const items = Object.entries(issues).filter(([k, v]) => v && labels[k]).map(([k, v]) => ({ id: labels[k][0], label: labels[k][1], text: word(v)! }));
  return (
    <div class="form-status" tabIndex={-1} ref={boxRef}>
      {items.length > 0 && (
        <div class="problems" role="alert">
          <p>{t('formProblems', { n: items.length })}</p>
          <ul>
            {items.map((i) => (
              <li key={i.id}>
                <a href={`#${i.id}`} onClick={(e) => (e.preventDefault(), document.getElementById(i.id)?.focus())}>{t('labelled', { label: i.label, value: i.text })}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && <ErrorBox error={error} />}
    </div>
  );
}
