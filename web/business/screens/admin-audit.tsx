/**
 * The audit log: every admin action, newest first — who, what, when, on which record — with the
 * fields it changed (before → after, as text). Filter by record type and id; page with "Load more".
 */
import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { ErrorBox, Loading, PageHead } from '../components/ui';
import { usePages } from '../hooks/use-pages';
import { useI18n } from '../i18n';
import type { AuditEntry } from '../lib/api';
import { auditChanges } from '../lib/audit';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/router';

const TYPES = ['merchant', 'offer', 'station', 'import', 'export', 'report'] as const;

export function AuditScreen({ query }: { query: Record<string, string> }) {
  const { t, tk } = useI18n();
  const { api, navigate } = useApp();
  const targetType = (TYPES as readonly string[]).includes(query.type) ? query.type : undefined;
  const targetId = query.id?.trim() || undefined;
  const [type, setType] = useState(targetType ?? '');
  const [id, setId] = useState(targetId ?? '');
  const list = usePages<AuditEntry, number>((before) => api.audit({ before, targetType, targetId }), `${targetType}|${targetId}`);
  const filter = (e: Event) => {
    e.preventDefault();
    navigate(href('audit', {}, { type: type || undefined, id: id.trim() || undefined }));
  };
  return (
    <section>
      <PageHead title={t('auditTitle')} />
      <form class="form filter-form" onSubmit={filter}>
        <div class="field">
          <label for="audit-type">{t('auditType')}</label>
          <select id="audit-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="">{t('auditAll')}</option>
            {TYPES.map((x) => <option key={x} value={x}>{tk('target_', x)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="audit-id">{t('auditTargetId')}</label>
          <input id="audit-id" value={id} maxLength={64} autoComplete="off" spellcheck={false} onInput={(e) => setId(e.currentTarget.value)} />
        </div>
        <button type="submit" class="btn btn-primary">{t('auditFilter')}</button>
      </form>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && list.items.length === 0 && <Loading />}
      {!list.loading && !list.error && list.items.length === 0 && <p class="empty">{t('auditEmpty')}</p>}
      <ol class="cards audit-list">
        {list.items.map((e) => <AuditItem key={e.id} entry={e} />)}
      </ol>
      {list.hasMore && <button type="button" class="btn btn-secondary btn-block" disabled={list.busy} onClick={() => void list.loadMore()}>{t('loadMore')}</button>}
    </section>
  );
}

function AuditItem({ entry }: { entry: AuditEntry }) {
  const { t, tk, locale } = useI18n();
  const changes = auditChanges(entry.before, entry.after);
  return (
    <li class="card" data-id={entry.id}>
      <p class="report-head">
        <strong>{tk('act_', entry.action.replace(/\./g, '_'))}</strong>
        <span class="muted mono small">{entry.action}</span>
      </p>
      <p>
        {tk('target_', entry.target_type)}
        {entry.target_id && ' · '}
        {entry.target_id && entry.target_type === 'station' ? <a href={href('station', { stationId: entry.target_id })}>{entry.target_id}</a> : entry.target_id}
      </p>
      <p class="muted small">{formatDateTime(entry.at, locale)} · {entry.actor_email ?? (entry.actor_id === 'system' ? t('auditSystem') : entry.actor_id)}</p>
      {changes.length > 0 && (
        <details>
          <summary>{t('auditChanges', { n: changes.length })}</summary>
          <div class="table-wrap">
            <table class="report-table">
              <thead><tr><th scope="col">{t('auditField')}</th><th scope="col">{t('auditBefore')}</th><th scope="col">{t('auditAfter')}</th></tr></thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.field}><th scope="row" class="mono">{c.field}</th><td>{c.before}</td><td>{c.after}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </li>
  );
}
