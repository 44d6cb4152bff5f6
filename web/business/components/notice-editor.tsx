/**
 * A station's notices for the staff who run it: every notice (ended ones marked), edit and remove,
 * and the form to post one. Start and end are the station's wall-clock times (datetime-local
 * gives exactly the API's "YYYY-MM-DDTHH:mm"). Titles and texts are shown as text.
 */
import { useState } from 'preact/hooks';
import { NOTICE_KINDS, NOTICE_KIND_KEYS } from '../../../data/catalog';
import { noticeSpan } from '../../../data/notices';
import { useApp } from '../app-context';
import { useAction } from '../hooks/use-action';
import { useI18n } from '../i18n';
import { formatWall } from '../lib/format';
import type { Notice } from '../lib/station-ops-api';
import { DateEcho, Field, SelectField, TextField } from './fields';
import { ErrorBox } from './ui';

type Draft = { kind: string; title: string; body: string; starts: string; ends: string; contact: string; url: string };
const EMPTY: Draft = { kind: 'job', title: '', body: '', starts: '', ends: '', contact: '', url: '' };
const draftOf = (n: Notice): Draft => ({ kind: n.kind, title: n.title, body: n.body, starts: n.starts ?? '', ends: n.ends ?? '', contact: n.contact ?? '', url: n.url ?? '' });

/** The body to send: empty optional fields left out (new) or cleared with null (edit). */
function bodyOf(d: Draft, editing: boolean) {
  const opt = (v: string) => (v.trim() ? v.trim() : editing ? null : undefined);
  return { kind: d.kind, title: d.title, body: d.body, starts: opt(d.starts), ends: opt(d.ends), contact: opt(d.contact), url: opt(d.url) };
}

export function NoticeEditor({ stationId, tz, notices, onChange }: { stationId: string; tz?: string; notices: Notice[]; onChange(n: Notice[]): void }) {
  const { t, label, locale } = useI18n();
  const { api, announce } = useApp();
  const { busy, error, run } = useAction();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const now = Date.now();
  const kindLabel = (k: string) => label(NOTICE_KINDS.find((x) => x.key === k) ?? { zh: k, en: k });
  const open = (n: Notice | null) => (setDraft(n ? draftOf(n) : EMPTY), setEditing(n ? n.id : 'new'));
  const save = () => run(async () => {
    if (editing === 'new') {
      const n = await api.createNotice(stationId, bodyOf(draft, false));
      onChange([...notices, n]);
      announce(t('noticePosted'));
    } else if (editing) {
      const n = await api.updateNotice(stationId, editing, bodyOf(draft, true));
      onChange(notices.map((x) => (x.id === n.id ? n : x)));
      announce(t('noticeUpdated'));
    }
    setEditing(null);
  });
  const remove = (n: Notice) => confirm(t('noticeRemoveConfirm')) && run(async () => {
    await api.deleteNotice(stationId, n.id);
    onChange(notices.filter((x) => x.id !== n.id));
    announce(t('noticeRemoved'));
  });
  const set = (k: keyof Draft) => (v: string) => setDraft({ ...draft, [k]: v });
  return (
    <section aria-labelledby="notices-title">
      <h2 id="notices-title">{t('noticesTitle')}</h2>
      <p class="help">{t('noticesHelp')}</p>
      {error && <ErrorBox error={error} />}
      <ul class="cards">
        {notices.map((n) => {
          const span = noticeSpan(n, tz);
          return (
            <li key={n.id} class="card" data-id={n.id}>
              <p><strong>{kindLabel(n.kind)}</strong> · <span class="card-title">{n.title}</span>
                {span.ends !== undefined && span.ends <= now && <span class="badge badge-hidden">{t('noticeEnded')}</span>}</p>
              <p class="muted">{[n.starts, n.ends].filter((x): x is string => !!x).map((x) => formatWall(x, locale)).join(' – ') || t('noticeWhenNone')}</p>
              {n.body && <p class="notice-text">{n.body}</p>}
              <div class="card-actions">
                <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => open(n)}>{t('noticeEdit')}</button>
                <button type="button" class="btn btn-danger" disabled={busy} onClick={() => void remove(n)}>{t('noticeRemove')}</button>
              </div>
            </li>
          );
        })}
      </ul>
      {editing === null ? (
        <button type="button" class="btn btn-primary" onClick={() => open(null)}>{t('noticeAdd')}</button>
      ) : (
        <form class="form" onSubmit={(e) => (e.preventDefault(), void save())}>
          <SelectField id="n-kind" label={t('noticeKind')} value={draft.kind} onValue={set('kind')} options={NOTICE_KIND_KEYS.map((k) => ({ value: k, label: kindLabel(k) }))} />
          <TextField id="n-title" label={t('noticeTitle')} value={draft.title} onValue={set('title')} maxLength={120} />
          <TextField id="n-body" label={t('noticeBody')} value={draft.body} onValue={set('body')} maxLength={2000} multiline optional />
          {(['starts', 'ends'] as const).map((k) => (
            <Field key={k} id={`n-${k}`} label={t(k === 'starts' ? 'noticeStarts' : 'noticeEnds')} optional>
              {(a) => <><input {...a} type="datetime-local" value={draft[k]} onInput={(e) => set(k)(e.currentTarget.value)} />{draft[k] && <DateEcho value={formatWall(draft[k], locale)} />}</>}
            </Field>
          ))}
          <TextField id="n-contact" label={t('noticeContact')} value={draft.contact} onValue={set('contact')} maxLength={120} optional />
          <TextField id="n-url" label={t('noticeUrl')} value={draft.url} onValue={set('url')} maxLength={500} optional />
          <div class="card-actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>{editing === 'new' ? t('noticeAdd') : t('opSave')}</button>
            <button type="button" class="btn btn-secondary" onClick={() => setEditing(null)}>{t('noticeCancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
