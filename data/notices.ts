/**
 * Station notices ("what is on here": a job fair on Saturday, a lawyer on Wednesday afternoons,
 * winter relief): the stored shape, the write body, and the rules of when a notice is current.
 * Start and end are wall-clock times in the station's own time zone ("YYYY-MM-DDTHH:mm", or a
 * bare date: a start at 00:00, an end at the end of that day); a notice is current until its end
 * has passed — at the instant given, never the device's zone — and then vanishes by itself.
 */
import { z } from 'zod';
import { NOTICE_KIND_KEYS, type NoticeKind } from './catalog';
import { DEFAULT_TZ } from './hours';
import { instantOf, wallEnd, wallFields, wallStart } from './wall-time';

const wallTime = z
  .string({ error: 'must be a date "YYYY-MM-DD" or a local date-time "YYYY-MM-DDTHH:mm"' })
  .trim()
  .refine((s) => wallFields(s) !== undefined, 'must be a date "YYYY-MM-DD" or a local date-time "YYYY-MM-DDTHH:mm" (station time, no offset)');
const optText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional();

/** A notice as stored in its station's document. */
export const noticeSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(NOTICE_KIND_KEYS),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().max(2000),
  starts: wallTime.optional(),
  ends: wallTime.optional(),
  contact: optText(120),
  url: optText(500),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

const httpUrl = z
  .string()
  .trim()
  .max(500, 'at most 500 characters')
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s), 'must be an http(s) link');

/** The fields an admin or operator sends (POST; PATCH sends any of them, null clears an optional one). */
const noticeFields = {
  kind: z.enum(NOTICE_KIND_KEYS, { error: `kind must be one of ${NOTICE_KIND_KEYS.join(', ')}` }),
  title: z.string({ error: 'title is required' }).trim().min(1, 'title must not be empty').max(120, 'at most 120 characters'),
  body: z.string({ error: 'body must be text' }).trim().max(2000, 'at most 2000 characters'),
  starts: wallTime,
  ends: wallTime,
  contact: z.string().trim().max(120, 'at most 120 characters'),
  url: httpUrl,
};
/** False only when both times are valid and the end is not after the start (bad times are their fields' errors). */
const endsAfterStarts = (b: { starts?: string | null; ends?: string | null }) =>
  !b.starts || !b.ends || !wallFields(b.starts) || !wallFields(b.ends) || wallEnd(b.ends) > wallStart(b.starts);
const ORDER = { path: ['ends'], error: 'ends must be after starts' };

export const noticeCreateBody = z
  .strictObject({
    kind: noticeFields.kind,
    title: noticeFields.title,
    body: noticeFields.body.default(''),
    starts: noticeFields.starts.optional(),
    ends: noticeFields.ends.optional(),
    contact: noticeFields.contact.optional(),
    url: noticeFields.url.optional(),
  })
  .refine(endsAfterStarts, ORDER);
export type NoticeCreate = z.output<typeof noticeCreateBody>;

export const noticePatchBody = z
  .strictObject({
    kind: noticeFields.kind.optional(),
    title: noticeFields.title.optional(),
    body: noticeFields.body.optional(),
    starts: noticeFields.starts.nullable().optional(),
    ends: noticeFields.ends.nullable().optional(),
    contact: noticeFields.contact.nullable().optional(),
    url: noticeFields.url.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change');
export type NoticePatch = z.output<typeof noticePatchBody>;

/** A notice after a patch (null clears), or an error message when its times no longer fit. */
export function patchNotice(n: Notice, p: NoticePatch, now: string): Notice | string {
  const next: Record<string, unknown> = { ...n, updated_at: now };
  for (const [k, v] of Object.entries(p)) {
    if (v === null || v === '') delete next[k];
    else if (v !== undefined) next[k] = v;
  }
  const out = next as Notice;
  return endsAfterStarts(out) ? out : ORDER.error;
}

/** What the indexes keep of a notice: kind and its window as instants (ms since the epoch). */
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
