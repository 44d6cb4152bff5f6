/**
 * Membership for union admins: the applications (pending first; approve, or reject with the
 * reason the applicant will read), revoking a card by its number, and the union's benefits (issued
 * to all members or those of an occupation or region, for some days). Applicants' text is rendered
 * as text; their phone and employer are shown here and nowhere else in the app.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { ErrorBox, Loading, PageHead } from '../components/ui';
import { useAction } from '../hooks/use-action';
import { useData } from '../hooks/use-data';
import { useI18n } from '../i18n';
import type { AdminApplication, BenefitInput } from '../lib/api';
import { OCCUPATIONS, type Occupation } from '../../../data/membership/kinds';
import { localDate } from '../../../data/wall-time';
import { formatDateTime } from '../lib/format';
import { membersT, type MembersKey } from './members-messages';

type Status = 'pending' | 'approved' | 'rejected';
const STATUSES: Status[] = ['pending', 'approved', 'rejected'];

export function MembersScreen() {
  const { locale } = useI18n();
  const m = membersT(locale);
  const { api } = useApp();
  const [status, setStatus] = useState<Status>('pending');
  const list = useData(() => api.applications(status), `applications-${status}`);
  const drop = (id: string) => list.set((list.data ?? []).filter((a) => a.id !== id));
  return (
    <section>
      <PageHead title={m('title')} />
      <p class="muted">{m('privacy')}</p>
      <div role="group" class="chips">
        {STATUSES.map((s) => (
          <button type="button" key={s} class="btn btn-secondary" aria-pressed={status === s} onClick={() => setStatus(s)}>{m(s)}</button>
        ))}
      </div>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data?.length === 0 && <p class="empty">{m('empty')}</p>}
      <ul class="cards">
        {list.data?.map((a) => <ApplicationCard key={a.id} a={a} m={m} onDone={drop} />)}
      </ul>
      <RevokeForm m={m} />
      <Benefits m={m} />
    </section>
  );
}

function ApplicationCard({ a, m, onDone }: { a: AdminApplication; m: ReturnType<typeof membersT>; onDone: (id: string) => void }) {
  const { api, announce } = useApp();
  const { locale } = useI18n();
  const action = useAction();
  const [reason, setReason] = useState('');
  const decide = (decision: 'approve' | 'reject') => action.run(async () => {
    await api.reviewApplication(a.id, decision, reason.trim() || undefined);
    announce(m(decision === 'approve' ? 'approved_ok' : 'rejected_ok', { name: a.name }));
    onDone(a.id);
  });
  const facts: [MembersKey, string | undefined][] = [
    ['phone', a.phone], ['employer', a.employer], ['occupation', m(`occ_${a.occupation}` as MembersKey)],
    ['region', a.region], ['union', a.union], ['account', a.email],
  ];
  return (
    <li class="card" data-application={a.id}>
      <h3 class="card-title">{a.name}</h3>
      <p class="muted">{m('submitted', { time: formatDateTime(a.createdAt, locale) })}</p>
      <dl class="facts">{facts.filter(([, v]) => v).map(([k, v]) => <div key={k}><dt>{m(k)}</dt><dd>{v}</dd></div>)}</dl>
      {a.reason && <p>{a.reason}</p>}
      {a.status === 'pending' && (
        <div class="review-actions">
          <label>{m('reason')}<input value={reason} maxLength={500} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} /></label>
          <button type="button" class="btn btn-primary" disabled={action.busy} onClick={() => void decide('approve')}>{m('approve')}</button>
          <button type="button" class="btn btn-secondary" disabled={action.busy || !reason.trim()} onClick={() => void decide('reject')}>{m('reject')}</button>
        </div>
      )}
      {action.error && <ErrorBox error={action.error} />}
    </li>
  );
}

function RevokeForm({ m }: { m: ReturnType<typeof membersT> }) {
  const { api, announce } = useApp();
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const cardId = String(f.get('cardId') ?? '').replace(/\s/g, '');
    void action.run(async () => {
      await api.revokeCard(cardId, String(f.get('reason') ?? '').trim(), f.get('end') === 'on');
      announce(m('revoked_ok', { id: cardId }));
      form.reset();
    });
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby="revoke-title">
      <h2 id="revoke-title">{m('revokeTitle')}</h2>
      <p class="muted">{m('revokeIntro')}</p>
      <label>{m('cardNumber')}<input name="cardId" required inputMode="numeric" pattern="[0-9 ]{16,19}" /></label>
      <label>{m('revokeReason')}<input name="reason" required maxLength={500} /></label>
      <label class="check"><input type="checkbox" name="end" /> {m('endMembership')}</label>
      <button class="btn btn-primary" disabled={action.busy}>{m('revoke')}</button>
      {action.error && <ErrorBox error={action.error} />}
    </form>
  );
}

/** The benefits issued so far, and a form to issue one (the server checks it: errors come back by field). */
function Benefits({ m }: { m: ReturnType<typeof membersT> }) {
  const { api, announce } = useApp();
  const action = useAction();
  const list = useData(() => api.benefits(), 'benefits');
  const today = localDate(new Date()); // the union's day, as the server reads the benefit's dates
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const body: BenefitInput = {
      title: text('title'), validFrom: text('validFrom'), validTo: text('validTo'),
      ...(text('description') && { description: text('description') }),
      ...(text('occupation') && { occupation: text('occupation') as Occupation }),
      ...(text('region') && { region: text('region') }),
    };
    void action.run(async () => {
      const b = await api.issueBenefit(body);
      announce(m('issued_ok', { title: b.title }));
      list.set([...(list.data ?? []), b]);
      form.reset();
    });
  };
  return (
    <section aria-labelledby="benefits-title">
      <h2 id="benefits-title">{m('benefitsTitle')}</h2>
      <p class="muted">{m('benefitsIntro')}</p>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.data?.length === 0 && <p class="empty">{m('benefitsNone')}</p>}
      <ul class="cards">
        {list.data?.map((b) => (
          <li class="card" key={b.id} data-benefit={b.id}>
            <h3 class="card-title">{b.title}</h3>
            <p class="muted">{m('benefitRange', { from: b.validFrom, to: b.validTo })} · {[b.occupation && m(`occ_${b.occupation}` as MembersKey), b.region].filter(Boolean).join(' · ') || m('benefitAll')}</p>
            {b.description && <p>{b.description}</p>}
          </li>
        ))}
      </ul>
      <form class="form" onSubmit={submit}>
        <label>{m('benefitTitle')}<input name="title" required maxLength={120} /></label>
        <label>{m('benefitDescription')}<input name="description" maxLength={1000} /></label>
        <label>{m('validFrom')}<input name="validFrom" type="date" required defaultValue={today} /></label>
        <label>{m('validTo')}<input name="validTo" type="date" required defaultValue={today} /></label>
        <label>{m('benefitFor')}
          <select name="occupation">
            <option value="">{m('everyone')}</option>
            {OCCUPATIONS.map((o) => <option key={o} value={o}>{m(`occ_${o}` as MembersKey)}</option>)}
          </select>
        </label>
        <label>{m('benefitRegion')}<input name="region" maxLength={60} /></label>
        <button class="btn btn-primary" disabled={action.busy}>{m('issue')}</button>
        {action.error && <ErrorBox error={action.error} />}
      </form>
    </section>
  );
}
