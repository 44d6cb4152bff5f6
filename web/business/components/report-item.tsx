/**
 * One problem report: what was reported (kind, amenity, the reporter's note — as text), when, and
 * its state. An open report can be resolved with an optional note; a station's "closed",
 * "temporarily closed" (with an optional last day), "amenity missing" (marked out of order) or
 * "confirmed" report can also be applied to the station in the same step.
 */
import { Check } from 'lucide-preact';
import { useRef, useState } from 'preact/hooks';
import { AMENITIES, type ReportKind } from '../../../data/catalog';
import { useApp } from '../app-context';
import { useAction } from '../hooks/use-action';
import { useI18n, type MessageKey } from '../i18n';
import type { Report } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/router';
import { ClosedUntilField } from './closed-until-field';
import { ErrorBox } from './ui';

/** Report kinds that can be written to their station (api/routes/admin-reports.ts APPLY). */
export const APPLICABLE: readonly ReportKind[] = ['closed', 'temporarily_closed', 'amenity_missing', 'confirmed'];

export function ReportItem({ report, showTarget, onResolved }: { report: Report; showTarget?: boolean; onResolved(r: Report, also: number): void }) {
  const { t, tk, label, locale } = useI18n();
  const { api, announce } = useApp();
  const [note, setNote] = useState('');
  const [until, setUntil] = useState('');
  const { busy, error, run } = useAction();
  const amenity = report.amenity ? AMENITIES.find((a) => a.key === report.amenity) : undefined;
  const canApply = report.status === 'open' && report.targetType === 'station' && report.target !== null && APPLICABLE.includes(report.kind)
    && (report.kind !== 'amenity_missing' || amenity !== undefined); // an amenity report without its amenity has nothing to apply
  const nid = `note-${report.id}`;
  const li = useRef<HTMLLIElement>(null);

  const resolve = async (apply: boolean) => {
    await run(async () => {
      const end = apply && report.kind === 'temporarily_closed' && until ? { closed_until: until } : {};
      const r = await api.resolveReport(report.id, { apply, ...(note.trim() ? { note: note.trim() } : {}), ...end });
      announce(r.resolvedAlso ? t('resolvedAlso', { n: r.resolvedAlso }) : t('resolvedDone'));
      onResolved({ ...r.report, target: r.report.target ?? report.target }, r.resolvedAlso);
      setTimeout(() => li.current?.focus(), 0);
    });
  };

  return (
    <li class="card report-card" data-id={report.id} ref={li} tabIndex={-1}>
      <p class="report-head">
        <strong>{amenity ? t('labelled', { label: tk('reportKind_', report.kind), value: label(amenity) }) : tk('reportKind_', report.kind)}</strong>
        <span class={`badge badge-report-${report.status}`}>{tk('reportStatus_', report.status)}</span>
      </p>
      {showTarget && (
        <p>
          {tk('target_', report.targetType)} ·{' '}
          <a href={href('report-target', { targetType: report.targetType, targetId: report.targetId })}>
            {report.target ? report.target.name : `${report.targetId} ${t('targetGone')}`}
          </a>
        </p>
      )}
      {report.note && <p class="report-note">{t('reportNote', { note: report.note })}</p>}
      <p class="muted small">{t('reportAt', { time: formatDateTime(report.createdAt, locale) })}</p>
      {report.resolution && (
        <p class="muted">
          {t('resolvedBy', { who: report.resolution.byName ?? report.resolution.byEmail ?? report.resolution.by, time: formatDateTime(report.resolution.at, locale) })}
          {report.resolution.applied && ` · ${t('resolvedApplied')}`}
          {report.resolution.note && ` · ${report.resolution.note}`}
        </p>
      )}
      {error && <ErrorBox error={error} />}
      {report.status === 'open' && (
        <div class="resolve-box">
          <label for={nid}>{t('resolveNote')}</label>
          <input id={nid} value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
          {canApply && report.kind === 'temporarily_closed' && <ClosedUntilField id={`until-${report.id}`} value={until} onValue={setUntil} />}
          <div class="card-actions">
            {canApply && (
              <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void resolve(true)}>
                {t(`apply_${report.kind}` as MessageKey)}
              </button>
            )}
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => void resolve(false)}>
              <Check size={20} aria-hidden="true" class="icon" />{t('resolve')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
