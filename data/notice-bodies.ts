/**
 * Station notices as stored in a station's document, and the bodies an admin or operator writes
 * them with (zod: the API validates with these; the rules of when a notice is current are in
 * notices.ts). Start and end are wall-clock times in the station's own time zone.
 */
import { z } from 'zod';
import { NOTICE_KIND_KEYS } from './catalog';
import { wallEnd, wallFields, wallStart } from './wall-time';

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
