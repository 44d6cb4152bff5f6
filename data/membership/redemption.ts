/**
 * Redemption limits: an offer may be used once per member per day, week or ever. Two uses by the
 * same card in the same period break the limit; the period is read in the shop's time zone, so
 * "today" at a Nanjing counter is Nanjing's day whatever the phone's zone. The offline verifier
 * (as far as the phone knows) and the server (for certain) ask the same question.
 */
import { localDateParts } from '../wall-time';

export const REDEEM_LIMITS = ['day', 'week', 'ever'] as const;
export type RedeemLimit = (typeof REDEEM_LIMITS)[number];

const DAY_MS = 86_400_000;


/** The period a use at `at` falls in: "day:2026-11-23", "week:2026-11-23" (its Monday), "ever"; none without a limit. */
export function redeemPeriod(limit: RedeemLimit | undefined, at: Date, timeZone = 'Asia/Shanghai'): string {
  if (!limit) return 'none';
  if (limit === 'ever') return 'ever';
  const [y, m, d] = localDateParts(at, timeZone);
  let day = Date.UTC(y, m - 1, d);
  if (limit === 'week') day -= ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS; // back to Monday
  return `${limit}:${new Date(day).toISOString().slice(0, 10)}`;
}

/** True when an earlier use by the card in the same period means this one breaks the limit. */
export function breaksLimit(limit: RedeemLimit | undefined, at: Date, earlier: readonly Date[], timeZone = 'Asia/Shanghai'): boolean {
  if (!limit) return false;
  const period = redeemPeriod(limit, at, timeZone);
  return earlier.some((e) => redeemPeriod(limit, e, timeZone) === period);
}
