/**
 * Membership for union admins: the applications (pending first; approve, or reject with the
 * reason the applicant will read) and revoking a card by its number. Applicants' text is rendered
 * as text; their phone and employer are shown here and nowhere else in the app.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { ErrorBox, Loading, PageHead } from '../components/ui';
import { useAction } from '../hooks/use-action';
import { useData } from '../hooks/use-data';
import { useI18n } from '../i18n';
import type { AdminApplication } from '../lib/api';
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
