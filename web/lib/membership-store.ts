/**
 * IndexedDB records of membership: the member's card (so /card opens offline) and a verifier's
 * public keys and revocation list (so a merchant's phone checks cards offline), each with when it
 * was fetched — the screens show that age.
 */
import type { MemberCard } from '../../data/membership/application';
import type { PublicJwk } from '../../data/membership/card-token';
import { openDb } from './db';

/** A card as kept on the phone, with when the server last handed it over. */
export interface StoredCard extends MemberCard {
  /** ms since epoch */
  savedAt: number;
  /** the union benefits reaching the member when it was saved */
  benefits?: MemberBenefit[];
  /** the member's latest uses of offers */
  uses?: { id: string; offerTitle: string | null; merchantName: string | null; at: string }[];
}

/** A union benefit as the card screen lists it. */
export interface MemberBenefit {
  id: string;
  title: string;
  description?: string;
  validTo: string;
  used: boolean;
}

/** What a verifier needs offline. */
export interface VerifierData {
  keys: PublicJwk[];
  /** revoked card ids */
  revoked: string[];
  /** the revocation list version the copy is at */
  version: number;
  /** ms since epoch: when keys and list were last fetched together */
  fetchedAt: number;
}

const CARD = 'card';
const VERIFIER = 'verifier';

/** The card kept on this phone, if any. */
export const readCard = async () => (await openDb()).get('membership', CARD) as Promise<StoredCard | undefined>;
/** Keeps the card for offline use (or forgets it: null). */
export async function writeCard(card: StoredCard | null): Promise<void> {
  const db = await openDb();
  await (card ? db.put('membership', card, CARD) : db.delete('membership', CARD));
}
/** The verifier's cached keys and revocations, if any. */
export const readVerifier = async () => (await openDb()).get('membership', VERIFIER) as Promise<VerifierData | undefined>;
/** Replaces the verifier's cache. */
export const writeVerifier = async (data: VerifierData) => void (await (await openDb()).put('membership', data, VERIFIER));
