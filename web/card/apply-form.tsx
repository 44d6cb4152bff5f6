/**
 * The membership application: name, mobile, employer, occupation, region, union. Field errors
 * from the server are shown beside their field; the phone and employer are said to stay private.
 */
import { useState } from 'preact/hooks';
import { OCCUPATIONS } from '../../data/membership/kinds';
import type { MembershipApplication } from '../../data/membership/application';
import { MembershipError, type MembershipApi } from '../lib/membership-api';
import type { CardKey, CardT } from './messages';

const FIELDS = ['name', 'phone', 'employer', 'province', 'city', 'union'] as const;

export function ApplyForm({ api, t, onSent }: { api: MembershipApi; t: CardT; onSent: (a: MembershipApplication) => void }) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const body = {
      name: v('name'), phone: v('phone'), occupation: v('occupation') as (typeof OCCUPATIONS)[number],
      region: [v('province'), v('city')].filter(Boolean).join(' '),
      ...(v('employer') ? { employer: v('employer') } : {}), ...(v('union') ? { union: v('union') } : {}),
    };
    setBusy(true);
    setErrors({});
    setError('');
    try {
      onSent(await api.apply(body));
    } catch (err) {
      const fields = err instanceof MembershipError ? err.fields : [];
      setErrors(Object.fromEntries(fields.map((p) => [p.name.split('.')[0] === 'region' ? 'province' : p.name, p.reason])));
      setError(err instanceof MembershipError && err.status === 0 ? t('offline') : fields.length ? '' : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const field = (name: (typeof FIELDS)[number], extra: Record<string, unknown> = {}) => (
    <label>
      {t(name as CardKey)}
      <input name={name} aria-invalid={errors[name] ? 'true' : undefined} {...extra} />
      {errors[name] && <span class="card-field-error">{errors[name]}</span>}
    </label>
  );
  return (
    <form class="card-form" onSubmit={submit}>
      <h2>{t('applyTitle')}</h2>
      <p>{t('applyIntro')}</p>
      {field('name', { required: true, maxLength: 40, autocomplete: 'name' })}
      {field('phone', { required: true, type: 'tel', inputMode: 'tel', autocomplete: 'tel' })}
      {field('employer', { maxLength: 80 })}
      <label>
        {t('occupation')}
        <select name="occupation" required>
          {OCCUPATIONS.map((o) => <option key={o} value={o}>{t(`occ_${o}` as CardKey)}</option>)}
        </select>
        {errors.occupation && <span class="card-field-error">{errors.occupation}</span>}
      </label>
      {field('province', { required: true, maxLength: 30 })}
      {field('city', { maxLength: 30 })}
      {field('union', { maxLength: 80 })}
      {error && <p class="card-error" role="alert">{error}</p>}
      <button class="btn btn-primary btn-block" disabled={busy}>{busy ? t('submitting') : t('submit')}</button>
    </form>
  );
}
