/**
 * The verifier's offline copy: the issuer's public keys and the revocation list, fetched together
 * when online (revocations as a delta since the version held) and kept in IndexedDB with their
 * age. Verdicts come from data/'s verifyCardToken over this copy — the code the API runs.
 */
import { verifyCardToken, type Verdict } from '../../data/membership/card-token';
import type { MembershipApi } from './membership-api';
import { readVerifier, writeVerifier, type VerifierData } from './membership-store';

/** Older keys and list than this and the verifier will not say "valid" (days). */
export const VERIFIER_MAX_AGE_DAYS = 3;

/** Fetches keys and revocations and stores them; resolves to the new copy (throws when offline). */
export async function refreshVerifier(api: MembershipApi, held: VerifierData | undefined, now = Date.now()): Promise<VerifierData> {
  const [keys, list] = await Promise.all([api.keys(), api.revocations(held?.version ?? 0)]);
  const revoked = list.reset || !held ? list.revoked : [...new Set([...held.revoked, ...list.revoked])];
  const data: VerifierData = { keys, revoked, version: list.version, fetchedAt: now };
  await writeVerifier(data);
  return data;
}

/** The copy on this device, if any. */
export const loadVerifier = () => readVerifier().catch(() => undefined);

/** A verdict, or 'stale' when the card checks out but the copy is too old to vouch for it. */
export type LocalVerdict = Verdict | { valid: false; reason: 'stale'; card: Extract<Verdict, { valid: true }>['card'] };

/** Verifies a token on this device against the copy. */
export async function verifyHere(token: string, data: VerifierData, now = Date.now()): Promise<LocalVerdict> {
  const verdict = await verifyCardToken(token, { keys: data.keys, revoked: new Set(data.revoked), now, subtle: crypto.subtle });
  if (verdict.valid && now - data.fetchedAt > VERIFIER_MAX_AGE_DAYS * 86_400_000) return { valid: false, reason: 'stale', card: verdict.card };
  return verdict;
}
