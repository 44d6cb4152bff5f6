/**
 * The outbox of problem reports (IndexedDB), flushed to POST /api/reports by the page (on start,
 * when the network returns, right after a report is made) and by the service worker (Background
 * Sync). Each report carries its clientId from the moment it is made, and the server stores a
 * clientId once, so sending again after a reload, a crash or from both page and worker never
 * makes a second report; an item leaves the outbox only once the server has answered for it.
 *   2xx → sent · 429 → wait Retry-After · other 4xx → refused (final, the user is told) ·
 *   5xx or no network → try again later, with back-off.
 */
import { outboxItems, putOutboxItem, updateOutboxItem, type Db, type OutboxItem, type ReportBody } from './db';
import { sender, problemOf, type Send, type HttpDeps } from './http';

export interface FlushDeps extends HttpDeps {
  db: Db;
  /** ms since epoch */
  now?: () => number;
}

export interface FlushResult {
  /** items that changed state in this flush (sent or refused) */
  settled: OutboxItem[];
  /** items still waiting */
  pending: number;
}

/** Background Sync tag the page registers and the worker answers. */
export const OUTBOX_SYNC_TAG = 'yizhan-outbox';
const KEEP_SENT_MS = 7 * 86_400_000; // sent reports are remembered a week (the detail says "sent")
const BACKOFF = { firstMs: 5_000, maxMs: 10 * 60_000 }; // after a failed try: 5 s, 10 s, 20 s … 10 min
const RETRY_AFTER_DEFAULT_S = 60;

/** Puts a new report in the outbox. */
export async function enqueueReport(db: Db, body: ReportBody, targetName: string, now = Date.now()): Promise<OutboxItem> {
  const item: OutboxItem = { clientId: body.clientId, body, targetName, state: 'pending', createdAt: now, attempts: 0, notBefore: 0 };
  await putOutboxItem(db, item);
  return item;
}

/** Sends every waiting report that is due; one flush at a time per browser (Web Locks where there are). */
export function flushOutbox(deps: FlushDeps): Promise<FlushResult> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request('yizhan-outbox', () => flush(deps)) : flush(deps);
}

async function flush({ db, now = Date.now, ...deps }: FlushDeps): Promise<FlushResult> {
  const post = sender(deps);
  const settled: OutboxItem[] = [];
  let pending = 0;
  let stop = false;
  for (const item of await outboxItems(db)) {
    if (item.state !== 'pending') {
      if (item.state === 'sent' && now() - (item.sentAt ?? 0) > KEEP_SENT_MS) await updateOutboxItem(db, item.clientId, () => null);
      continue;
    }
    if (stop || item.notBefore > now()) {
      pending++;
      continue;
    }
    const outcome = await send(post, item.body);
    const next = nextState(item, outcome, now());
    await updateOutboxItem(db, item.clientId, (stored) => (stored && stored.state === 'pending' ? next : stored));
    if (next.state === 'pending') {
      pending++;
      stop = outcome.kind !== 'server'; // no network or rate-limited: the rest would fare the same
    } else settled.push(next);
  }
  return { settled, pending };
}

type Outcome =
  | { kind: 'sent'; reportId: string }
  | { kind: 'refused'; error: string }
  | { kind: 'wait'; seconds: number }
  | { kind: 'server' }
  | { kind: 'network' };

async function send(post: Send, body: ReportBody): Promise<Outcome> {
  let res: Response;
  try {
    res = await post('/api/reports', { json: body, headers: { accept: 'application/json' } });
  } catch {
    return { kind: 'network' };
  }
  if (res.ok) {
    const json = (await res.json().catch(() => ({}))) as { report?: { id?: string } };
    return { kind: 'sent', reportId: json.report?.id ?? '' };
  }
  if (res.status === 429) return { kind: 'wait', seconds: Number(res.headers.get('retry-after')) || RETRY_AFTER_DEFAULT_S };
  if (res.status >= 500 || res.status === 408) return { kind: 'server' };
  const problem = await problemOf(res);
  return { kind: 'refused', error: problem.detail ?? `HTTP ${res.status}` };
}

function nextState(item: OutboxItem, o: Outcome, now: number): OutboxItem {
  const attempts = item.attempts + 1;
  switch (o.kind) {
    case 'sent':
      return { ...item, attempts, state: 'sent', sentAt: now, reportId: o.reportId, told: false };
    case 'refused':
      return { ...item, attempts, state: 'refused', error: o.error, told: false };
    case 'wait':
      return { ...item, attempts, notBefore: now + o.seconds * 1000, rateLimited: true };
    default:
      return { ...item, attempts, notBefore: now + Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** (attempts - 1)), rateLimited: false };
  }
}

/** Marks items whose final state the user has now been told about; refused ones then leave the outbox. */
export async function markTold(db: Db, clientIds: string[]): Promise<void> {
  for (const id of clientIds) {
    await updateOutboxItem(db, id, (item) => (!item ? undefined : item.state === 'refused' ? null : { ...item, told: true }));
  }
}

/** Forgets the back-off of waiting reports (the network just came back); a server's Retry-After stays. */
export async function retrySoon(db: Db): Promise<void> {
  for (const item of await outboxItems(db)) {
    if (item.state === 'pending' && item.notBefore > 0 && !item.rateLimited) {
      await updateOutboxItem(db, item.clientId, (s) => s && { ...s, notBefore: 0 });
    }
  }
}
