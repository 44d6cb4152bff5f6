/**
 * Problem-report triage: open reports summed up by place (most reported first), the recent
 * reports, and one place's reports — each resolvable, station reports also applicable.
 */
import { ChevronRight } from 'lucide-preact';
import { useEffect, useState } from 'preact/hooks';
import type { ReportKind } from '../../../data/catalog';
import { useApp } from '../app-context';
import { ReportItem } from '../components/report-item';
import { ErrorBox, Loading, PageHead } from '../components/ui';
import { useData } from '../hooks/use-data';
import { usePages } from '../hooks/use-pages';
import { useI18n } from '../i18n';
import type { Report, ReportTargetType } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/router';

type Status = 'open' | 'resolved';

export function ReportsScreen() {
  const { t, tk, locale } = useI18n();
  const { api } = useApp();
  const summary = useData(() => api.reportSummary(), 'report-summary');
  const kinds = (k: Partial<Record<ReportKind, number>>) =>
    Object.entries(k).map(([kind, n]) => `${tk('reportKind_', kind)} ×${n}`).join(locale === 'en' ? ', ' : '、');
  return (
    <section>
      <PageHead title={t('reportsTitle')} />
      <section aria-labelledby="reports-summary">
        <h2 id="reports-summary">{t('reportsSummary')}</h2>
        {summary.error && <ErrorBox error={summary.error} onRetry={summary.reload} />}
        {!summary.data && !summary.error && <Loading />}
        {summary.data?.length === 0 && <p class="empty">{t('reportsNone')}</p>}
        {summary.data && summary.data.length > 0 && (
          <ul class="cards">
            {summary.data.map((s) => (
              <li key={`${s.targetType}:${s.targetId}`} class="card" data-id={s.targetId}>
                <a class="card-link" href={href('report-target', { targetType: s.targetType, targetId: s.targetId })}>
                  <span class="card-title">{s.target ? s.target.name : `${s.targetId} ${t('targetGone')}`}</span>
                  <ChevronRight size={22} aria-hidden="true" class="icon" />
                </a>
                <p class="muted">{tk('target_', s.targetType)} · {s.targetId}{s.target && s.targetType === 'station' ? ` · ${tk('stationStatus_', s.target.status)}` : ''}</p>
                <p><strong>{t('reportsOpen', { n: s.open })}</strong> · {kinds(s.kinds)}</p>
                <p class="muted small">{t('reportsLast', { time: formatDateTime(s.lastAt, locale) })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ReportList title={t('reportsAll')} showTarget onChange={summary.reload} />
    </section>
  );
}

export function ReportTargetScreen({ targetType, targetId }: { targetType: string; targetId: string }) {
  const { t } = useI18n();
  const type: ReportTargetType = targetType === 'merchant' ? 'merchant' : 'station';
  const [name, setName] = useState<string | null>(null);
  return (
    <section>
      <PageHead title={t('reportsForTarget', { name: name ?? targetId })} back={href('reports')}>
        <p class="muted">{targetId}</p>
        {type === 'station' && <a class="btn btn-secondary" href={href('station', { stationId: targetId })}>{t('editStation')}</a>}
      </PageHead>
      <ReportList title={t('reportsTitle')} target={{ type, id: targetId }} onName={setName} />
    </section>
  );
}

function ReportList({ title, target, showTarget, onChange, onName }: {
  title: string; target?: { type: ReportTargetType; id: string }; showTarget?: boolean; onChange?(): void; onName?(n: string): void;
}) {
  const { t, tk } = useI18n();
  const { api } = useApp();
  const [status, setStatus] = useState<Status>('open');
  const list = usePages<Report, string>(
    (before) => api.reports({ status, before, targetType: target?.type, targetId: target?.id }),
    `${status}|${target?.type}|${target?.id}`,
  );
  const named = list.items.find((r) => r.target)?.target?.name;
  useEffect(() => void (named && onName?.(named)), [named]);
  const resolved = (r: Report, also: number) => {
    if (also > 0) list.reload();
    else list.replace((x) => x.id === r.id, r);
    onChange?.();
  };
  return (
    <section aria-labelledby="report-list-title">
      <h2 id="report-list-title">{title}</h2>
      <div class="seg seg-wide" role="radiogroup" aria-labelledby="report-list-title">
        {(['open', 'resolved'] as const).map((s) => (
          <label key={s} class="seg-opt">
            <input type="radio" name="report-status" checked={status === s} onChange={() => setStatus(s)} />
            <span>{tk('reportStatus_', s)}</span>
          </label>
        ))}
      </div>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && list.items.length === 0 && <Loading />}
      {!list.loading && list.items.length === 0 && !list.error && <p class="empty">{t(status === 'open' ? 'reportsNone' : 'auditEmpty')}</p>}
      <ul class="cards">
        {list.items.map((r) => <ReportItem key={r.id} report={r} showTarget={showTarget} onResolved={resolved} />)}
      </ul>
      {list.hasMore && <button type="button" class="btn btn-secondary btn-block" disabled={list.busy} onClick={() => void list.loadMore()}>{t('loadMore')}</button>}
    </section>
  );
}
