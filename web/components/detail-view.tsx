/**
 * The detail sheet of one station or merchant. Opened from the list it shows at once (the list
 * item is the whole record); opened from the map or a shared link it loads the record.
 */
import { useEffect, useRef } from 'preact/hooks';
import { ArrowLeft } from 'lucide-preact';
import type { ReportKind } from '../../data/catalog';
import type { Api } from '../lib/api';
import { useLoad } from '../hooks/use-load';
import type { Target } from '../hooks/use-place-url';
import type { HoursModule } from '../hooks/use-hours';
import { useI18n } from '../i18n/context';
import type { RowPlace } from './place-row';
import { PlaceDetail, type DetailPlace } from './place-detail';
import { ErrorNote, SkeletonRows } from './status';

interface Props {
  target: Target;
  preview: RowPlace | null;
  api: Api;
  pos: [number, number] | null;
  /** the rider's own position, where a navigation hand-off may start (null when only a city is known) */
  here: [number, number] | null;
  hours: HoursModule | null;
  now: Date;
  onBack(): void;
  onLoaded(p: DetailPlace): void;
  /** the record could not be loaded (not found, or no network and no copy of it) */
  onFailed(): void;
  onShare(p: DetailPlace): void;
  onReport?(p: DetailPlace): void;
  /** the user's reports about this place */
  mine?: readonly { kind: ReportKind; state: 'pending' | 'sent' | 'refused' }[];
}

/** Whether a list's place is a whole record: a merchant, or a station with its confirmations (nearest items have none). */
const isWhole = (p: RowPlace): p is RowPlace & DetailPlace => p.kind === 'merchant' || 'confirmations' in p;

export function DetailView({ target, preview, api, pos, here, hours, now, onBack, onLoaded, onFailed, onShare, onReport, mine }: Props) {
  const { t } = useI18n();
  const have = preview && preview.kind === target.kind && preview.id === target.id ? preview : null;
  // a whole station record (search, routes) lacks only its notices (it carries their kinds): then the
  // record is loaded too; a nearest item (data/list-item.ts: no confirmations, address…) always is
  const complete = have && isWhole(have) && !(have.kind === 'station' && have.noticeKinds?.length) ? have : null;
  const load = useLoad<DetailPlace>(
    complete
      ? null
      : (signal) =>
          target.kind === 'station'
            ? api.station(target.id, signal).then((a) => ({ ...a, data: { ...a.data, kind: 'station' as const } }))
            : api.merchant(target.id, signal).then((a) => ({ ...a, data: { ...a.data, kind: 'merchant' as const } })),
    `${target.kind}:${target.id}`,
  );
  const loaded = load.data && load.data.kind === target.kind && load.data.id === target.id ? load.data : null;
  const place: DetailPlace | null = loaded ?? complete ?? load.data;
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (place) onLoaded(place);
  }, [place?.id]);
  useEffect(() => {
    if (load.status === 'error') onFailed();
  }, [load.status]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [place?.id]);

  return (
    <article class="detail" aria-labelledby="detail-title" onKeyDown={(e) => e.key === 'Escape' && !e.defaultPrevented && onBack()}>
      <div class="detail-head">
        <button type="button" class="btn btn-quiet btn-back" onClick={onBack}>
          <ArrowLeft size={22} aria-hidden="true" class="icon" />
          {t('detailBack')}
        </button>
      </div>
      {place ? (
        <PlaceDetail place={place} pos={pos} here={here} hours={hours} now={now} headingRef={heading} onShare={() => onShare(place)}
          onReport={onReport && (() => onReport(place))} mine={mine} />
      ) : load.status === 'error' ? (
        <ErrorNote error={load.error} onRetry={load.retry} />
      ) : (
        <SkeletonRows count={3} label={t('detailLoading')} />
      )}
    </article>
  );
}
