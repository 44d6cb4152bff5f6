/**
 * What a station offers beyond amenities, and how fresh its data is: its current notices (detail),
 * their kinds as small badges (list rows), and one honest freshness line — who checked it and
 * when, visitor confirmations, "may be out of date". Notice text is written by station staff:
 * rendered as text only.
 */
import { CircleAlert } from './icons';
import { NOTICE_KINDS } from '../../data/catalog';
import type { Confirmations } from '../../data/freshness';
import { mayBeOutdated } from '../../data/freshness';
import type { Notice } from '../../data/notices';
import type { Station } from '../../data/schema';
import { formatAgo, formatDate } from '../lib/format';
import { noticeWhen } from '../lib/notice-format';
import { useI18n } from '../i18n/context';
import { CatalogIcon } from './icon';

const KIND = new Map<string, (typeof NOTICE_KINDS)[number]>(NOTICE_KINDS.map((k) => [k.key, k]));

/** The station's current notices, soonest first (as the API and the offline copy order them). */
export function NoticeList({ notices, now, tz }: { notices: readonly Notice[]; now: Date; tz?: string }) {
  const { t, locale, label } = useI18n();
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="d-notices">
      <h3 id="d-notices">{t('detailNotices')}</h3>
      <ul class="notices">
        {notices.map((n) => {
          const kind = KIND.get(n.kind);
          const when = noticeWhen(n, now, locale, tz);
          return (
            <li key={n.id} class="notice" data-kind={n.kind}>
              <p class="notice-head">
                {kind && <span class="notice-kind"><CatalogIcon name={kind.icon} size={16} />{label(kind)}</span>}
                <strong class="notice-title">{n.title}</strong>
              </p>
              {when && <p class="notice-when">{when}</p>}
              {n.body && <p class="notice-body">{n.body}</p>}
              {n.contact && <p>{t('noticeContact', { value: n.contact })}</p>}
              {n.url && /^https?:\/\//i.test(n.url) && <p><a href={n.url} rel="noopener noreferrer nofollow" target="_blank">{t('noticeLink')}</a></p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Badges for the kinds of a station's current notices ("招聘" / "Jobs"…), for list rows. */
export function NoticeBadges({ kinds }: { kinds?: readonly string[] }) {
  const { label } = useI18n();
  if (!kinds?.length) return null;
  return (
    <span class="notice-badges">
      {kinds.map((k) => {
        const kind = KIND.get(k);
        return kind ? <span key={k} class="badge badge-notice" data-kind={k}>{label(kind)}</span> : null;
      })}
    </span>
  );
}

type Fresh = Pick<Station, 'verified_at' | 'verified_by' | 'updated_at'> & { confirmations?: Confirmations };

/** "May be out of date" when the station has not been verified for 180 days. */
export function OutdatedBadge({ station, now }: { station: Fresh; now: Date }) {
  const { t } = useI18n();
  if (!mayBeOutdated(station, now)) return null;
  return <span class="badge badge-warning"><CircleAlert size={14} aria-hidden="true" class="icon" />{t('freshOutdated')}</span>;
}

/** One line on how fresh the station's data is, and who says so. */
export function freshnessText(s: Fresh, now: Date, t: ReturnType<typeof useI18n>['t'], locale: ReturnType<typeof useI18n>['locale']): string {
  const ago = (iso: string) => formatAgo(iso, now, locale);
  const c = s.confirmations;
  const lines: string[] = [];
  if (s.verified_at && s.verified_by === 'operator') lines.push(t('freshOperator', { ago: ago(s.verified_at) }));
  else if (s.verified_at && s.verified_by === 'admin') lines.push(t('freshAdmin', { ago: ago(s.verified_at) }));
  else if (s.verified_by === 'visitors' && c?.last) lines.push(t('freshVisitors', { n: c.count, ago: ago(c.last) }));
  else if (s.verified_at) lines.push(t('freshVerified', { when: `${ago(s.verified_at)} (${formatDate(s.verified_at, locale)})` }));
  else lines.push(t('freshImported', { date: formatDate(s.updated_at, locale) }));
  if (c && c.count > 0 && s.verified_by !== 'visitors') lines.push(t('freshConfirmed', { n: c.count }));
  return lines.join(locale === 'en' ? '; ' : '；');
}
