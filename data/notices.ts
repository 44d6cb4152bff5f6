/**
 * Station notices ("what is on here": a job fair on Saturday, a lawyer on Wednesday afternoons,
 * winter relief): the rules of when a notice is current (the stored shape and the write bodies are
 * in notice-bodies.ts, so the offline copy and the service worker load these rules without zod).
 * Start and end are wall-clock times in the station's own time zone ("YYYY-MM-DDTHH:mm", or a
 * bare date: a start at 00:00, an end at the end of that day); a notice is current until its end
 * has passed — at the instant given, never the device's zone — and then vanishes by itself.
 */
import { NOTICE_KIND_KEYS, type NoticeKind } from './catalog';
import type { Notice } from './notice-bodies';
import { DEFAULT_TZ } from './time-zone';
import { instantOf, wallEnd, wallStart } from './wall-time';

export type { Notice };

export interface NoticeSpan {
  kind: NoticeKind;
  starts?: number;
  ends?: number;
}

/** A notice's kind and window in instants, for a station in zone `tz`. */
export function noticeSpan(n: Pick<Notice, 'kind' | 'starts' | 'ends'>, tz: string = DEFAULT_TZ): NoticeSpan {
  return {
    kind: n.kind,
    ...(n.starts ? { starts: instantOf(wallStart(n.starts), tz) } : {}),
    ...(n.ends ? { ends: instantOf(wallEnd(n.ends), tz) } : {}),
  };
}

/** True until the notice's end has passed (an upcoming notice is current: it says what is coming). */
export const spanIsCurrent = (s: NoticeSpan, at: number) => s.ends === undefined || s.ends > at;

/** The current notices of a station, soonest first (running or undated ones, then by start), newest first on ties. */
export function currentNotices(notices: readonly Notice[] | undefined, tz: string | undefined, at: Date): Notice[] {
  const t = at.getTime();
  const zone = tz ?? DEFAULT_TZ;
  return (notices ?? [])
    .map((n) => ({ n, s: noticeSpan(n, zone) }))
    .filter((x) => spanIsCurrent(x.s, t))
    .sort((a, b) => Math.max(a.s.starts ?? 0, t) - Math.max(b.s.starts ?? 0, t) || b.n.created_at.localeCompare(a.n.created_at))
    .map((x) => x.n);
}

/** The kinds with a current notice among spans, in catalogue order. */
export function currentKinds(spans: readonly NoticeSpan[] | null | undefined, at: number): NoticeKind[] {
  if (!spans || spans.length === 0) return [];
  return NOTICE_KIND_KEYS.filter((k) => spans.some((s) => s.kind === k && spanIsCurrent(s, at)));
}

/**
 * When the current kinds of these spans next change after `at` (the soonest end still ahead), or
 * Infinity: a cached answer that depends on notices stays right until then.
 */
export function nextNoticeChange(spans: readonly NoticeSpan[], at: number): number {
  let next = Infinity;
  for (const s of spans) if (s.ends !== undefined && s.ends > at && s.ends < next) next = s.ends;
  return next;
}
