/**
 * Member cards on the server: a member's active card (a card number made on approval, or anew
 * after a revocation) and its signed token, renewed when it comes within a week of expiring so a
 * phone that syncs now and then always holds a valid one.
 */
import { randomInt } from 'node:crypto';
import type { MemberCard } from '../../data/membership/application';
import { issueCardToken } from '../../data/membership/card-token';
import type { AppDeps } from '../env';
import type { Store } from '../store/port';
import { signingKey } from './keys';

export const CARD = {
  validityS: 30 * 86_400, // each token is valid 30 days (the verifier accepts at most 31)
  renewBeforeS: 7 * 86_400, // a token with less than a week left is replaced on the next visit
};

/** A new 16-digit card number (8 and 15 random digits): easy to read out and type. */
export function newCardNumber(): string {
  let n = '8';
  for (let i = 0; i < 15; i++) n += String(randomInt(10));
  return n;
}

/** Ensures the account has an active card row (a member only); returns its id. */
export async function ensureCard(store: Store, userId: string, now: Date): Promise<string> {
  const existing = await store.activeCard(userId);
  if (existing) return existing.id;
  const id = newCardNumber();
  if (!(await store.insertCard({ id, userId, createdAt: now.toISOString() }))) return (await store.activeCard(userId))!.id;
  return id;
}

/**
 * The member's card with a token valid for at least a week, signing a new one when needed;
 * undefined for a non-member. Throws NoSigningKeyError when a token is needed and no key exists.
 */
export async function currentCard(deps: Required<AppDeps>, userId: string): Promise<MemberCard | undefined> {
  const { store, clock, config } = deps;
  const member = await store.member(userId);
  if (!member || member.status !== 'active') return undefined;
  const card = (await store.cardById(await ensureCard(store, userId, clock())))!;
  const nowS = Math.floor(clock().getTime() / 1000);
  const view = (token: string, issuedAt: string, expiresAt: string): MemberCard =>
    ({ id: card.id, token, name: member.name, org: member.org, issuedAt, expiresAt });
  if (card.token && card.expiresAt && Date.parse(card.expiresAt) / 1000 - nowS > CARD.renewBeforeS) {
    return view(card.token, card.issuedAt!, card.expiresAt);
  }
  const key = signingKey(config.membershipKeyPath);
  const claims = { iss: config.membershipIssuer, iat: nowS, exp: nowS + CARD.validityS, cid: card.id, name: member.name, org: member.org };
  const token = await issueCardToken(claims, key.kid, key.sign);
  const issuedAt = new Date(claims.iat * 1000).toISOString();
  const expiresAt = new Date(claims.exp * 1000).toISOString();
  await store.setCardToken(card.id, { token, issuedAt, expiresAt });
  return view(token, issuedAt, expiresAt);
}
