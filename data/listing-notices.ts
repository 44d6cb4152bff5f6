/**
 * A listing's notice windows: which records have a current notice of which kinds at an instant,
 * for the `notices=` filter of nearest, the map and corridors, and the `noticeKinds` of list items.
 * Few stations have notices, so they are kept as a short list and searched directly (exact: the
 * same order as the nearest trees, by haversine metres then index).
 */
import { NOTICE_KIND_KEYS, type NoticeKind } from './catalog';
import { haversine } from './geo/haversine';
import type { NearestHit, NearestQuery } from './geo/nearest';
import type { TypedPointColumns } from './geo/points';
import type { ViewportFilter } from './geo/viewport';
import { currentKinds, nextNoticeChange, spanIsCurrent, type NoticeSpan } from './notices';

/** Each record's notice windows (null or absent when it has none). */
export type NoticeColumn = ArrayLike<readonly NoticeSpan[] | null | undefined>;

export interface NoticeFilter {
  /** Kinds of record i's current notices at `at`. */
  kinds(i: number, at: Date): NoticeKind[];
  /** "Has a current notice of one of these kinds at `at`". */
  test(kinds: readonly string[], at: Date): (i: number) => boolean;
  /** Nearest hits among the records with such a notice, with the query's other filters. */
  nearest(points: TypedPointColumns, q: NearestQuery, kinds: readonly string[], at: Date): NearestHit[];
  /** The map filter narrowed to such records; its key names the kinds and when the answer next changes. */
  mapFilter(base: ViewportFilter, kinds: readonly string[] | undefined, at: Date): ViewportFilter;
  /** Takes in the column's new values for the records `changed`. */
  update(changed: readonly number[]): void;
}

/** The notice side of a listing over its column (absent: a listing without notices). */
export function noticeFilter(col: NoticeColumn | undefined, size: number): NoticeFilter {
  const withNotices: number[] = [];
  if (col) for (let i = 0; i < size; i++) if (col[i]?.length) withNotices.push(i);

  const test = (kinds: readonly string[], at: Date) => {
    const t = at.getTime();
    return (i: number) => !!col?.[i]?.some((s) => kinds.includes(s.kind) && spanIsCurrent(s, t));
  };

  return {
    kinds: (i, at) => currentKinds(col?.[i], at.getTime()),
    test,
    nearest(points, q, kinds, at) {
      const has = test(kinds, at);
      const all = q.all ?? 0;
      const max = q.maxDistance ?? Infinity;
      const hits: NearestHit[] = [];
      for (const i of withNotices) {
        if ((points.all[i] & all) !== all || (q.any && !(points.any[i] & q.any)) || (q.only24h && !points.is24h[i])) continue;
        if (!has(i)) continue;
        const distance = haversine(q.lng, q.lat, points.lng[i], points.lat[i]);
        if (distance > max || (q.predicate && !q.predicate(i))) continue;
        hits.push({ i, distance });
      }
      return hits.sort((a, b) => a.distance - b.distance || a.i - b.i).slice(0, q.limit);
    },
    mapFilter(base, kinds, at) {
      if (!kinds?.length) return base;
      const has = test(kinds, at);
      const t = at.getTime();
      let until = Infinity;
      for (const i of withNotices) until = Math.min(until, nextNoticeChange(col![i]!, t));
      const key = `${base.key}-n${NOTICE_KIND_KEYS.filter((k) => kinds.includes(k)).join('.')}@${until}`;
      return { key, test: base.test ? (i) => base.test!(i) && has(i) : has };
    },
    update(changed) {
      for (const i of changed) {
        let at = 0; // where i is or goes in the ascending list
        for (let hi = withNotices.length; at < hi;) {
          const mid = (at + hi) >> 1;
          if (withNotices[mid] < i) at = mid + 1;
          else hi = mid;
        }
        const held = withNotices[at] === i, has = !!col?.[i]?.length;
        if (held && !has) withNotices.splice(at, 1);
        else if (has && !held) withNotices.splice(at, 0, i);
      }
    },
  };
}
