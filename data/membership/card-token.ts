/**
 * Member card tokens: "YZ1:" + Base45 of a COSE_Sign1 (ES256) whose payload is a CWT claims map
 * (RFC 8392) — iss (1), exp (4), iat (6) and the text-keyed cid, name (masked) and org. The EU
 * Digital COVID Certificate's recipe: an alphanumeric QR anyone holding the public keys can check
 * offline. `verifyCardToken` is the one verifier: POST /api/membership/verify and the merchant's
 * phone run this same function with their keys, revocation set and clock.
 */
import { encode } from 'cborg';
import { base45Decode, base45Encode } from './base45';
import { base64urlDecode, base64urlEncode } from './base64url';
import { ALG_ES256, decodeCbor, parseSign1, sigStructure, signSign1, type Sign } from './cose';

export const TOKEN_PREFIX = 'YZ1:';
/** The longest a card token may be valid (seconds): 31 days. */
export const MAX_CARD_VALIDITY_S = 31 * 86_400;
const CLAIM = { iss: 1, exp: 4, iat: 6 } as const;

/** What a card says about its holder (never a phone, ID number or employer). */
export interface CardClaims {
  iss: string;
  /** seconds since the epoch */
  iat: number;
  exp: number;
  /** card id (the card number) */
  cid: string;
  /** masked name, e.g. 王*明 */
  name: string;
  /** the issuing union */
  org: string;
}

/** A public key as published in the JWKS (RFC 7517): P-256, never with `d`. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg?: 'ES256';
  use?: 'sig';
}

/** The little of WebCrypto's SubtleCrypto the verifier needs (browser crypto.subtle, node webcrypto.subtle). */
export interface VerifySubtle {
  importKey(format: 'jwk', keyData: any, algorithm: any, extractable: boolean, keyUsages: any): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  verify(algorithm: any, key: any, signature: any, data: any): Promise<boolean>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type VerifyReason = 'malformed' | 'bad_signature' | 'unknown_key' | 'expired' | 'revoked';

/** A verified card as a merchant sees it. */
export interface CardView {
  id: string;
  name: string;
  org: string;
  iss: string;
  issuedAt: string;
  expiresAt: string;
  kid: string;
}

/** The verdict; expired and revoked cards are genuine, so they still name the card. */
export type Verdict =
  | { valid: true; card: CardView }
  | { valid: false; reason: VerifyReason; card?: CardView };

export interface VerifyContext {
  keys: readonly PublicJwk[];
  /** revoked card ids (a Set, or a lookup in the server's store) */
  revoked: { has(cardId: string): boolean | Promise<boolean> };
  /** the verifier's clock, ms since the epoch */
  now: number;
  subtle: VerifySubtle;
}

/** Signs card claims into a token with the key `kid` (base64url of the key id bytes). */
export async function issueCardToken(claims: CardClaims, kid: string, sign: Sign): Promise<string> {
  checkValidity(claims);
  const payload = encode(new Map<number | string, unknown>([
    [CLAIM.iss, claims.iss], [CLAIM.exp, claims.exp], [CLAIM.iat, claims.iat],
    ['cid', claims.cid], ['name', claims.name], ['org', claims.org],
  ]));
  return TOKEN_PREFIX + base45Encode(await signSign1(payload, base64urlDecode(kid), sign));
}

function checkValidity(c: CardClaims) {
  if (!(c.exp > c.iat) || c.exp - c.iat > MAX_CARD_VALIDITY_S) throw new Error('a card is valid for at most 31 days');
}

/** The claims map of a payload, or undefined when it is not one a card could carry. */
export function parseClaims(payload: Uint8Array): CardClaims | undefined {
  const map = decodeCbor(payload);
  if (!(map instanceof Map)) return undefined;
  const claims = {
    iss: map.get(CLAIM.iss), exp: map.get(CLAIM.exp), iat: map.get(CLAIM.iat),
    cid: map.get('cid'), name: map.get('name'), org: map.get('org'),
  };
  const texts = [claims.iss, claims.cid, claims.name, claims.org].every((v) => typeof v === 'string' && v.length > 0);
  const times = [claims.exp, claims.iat].every((v) => Number.isSafeInteger(v));
  return texts && times ? (claims as CardClaims) : undefined;
}

/**
 * A scanned or typed token as the issuer wrote it: leading blanks and trailing line breaks go, but
 * not trailing spaces — a space is a Base45 character, and a token may end with one.
 */
export function normalizeToken(text: string): string {
  return text.replace(/^\s+/, '').replace(/[\r\n\t]+$/, '');
}

const iso = (s: number) => new Date(s * 1000).toISOString();

/** Checks a card token offline: structure, issuer key, signature, revocation, expiry — in that order. */
export async function verifyCardToken(token: unknown, ctx: VerifyContext): Promise<Verdict> {
  const text = typeof token === 'string' ? normalizeToken(token) : '';
  if (!text.startsWith(TOKEN_PREFIX)) return { valid: false, reason: 'malformed' };
  let sign1;
  try {
    sign1 = parseSign1(base45Decode(text.slice(TOKEN_PREFIX.length)));
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  if (sign1.alg !== ALG_ES256 || sign1.signature.length !== 64) return { valid: false, reason: 'malformed' };
  const kid = base64urlEncode(sign1.kid);
  const jwk = ctx.keys.find((k) => k.kid === kid);
  if (!jwk) return { valid: false, reason: 'unknown_key' };
  let ok = false;
  try {
    const key = await ctx.subtle.importKey('jwk', publicPart(jwk), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    ok = await ctx.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sign1.signature, sigStructure(sign1.protectedBytes, sign1.payload));
  } catch {
    return { valid: false, reason: 'unknown_key' }; // a published key that cannot be used
  }
  if (!ok) return { valid: false, reason: 'bad_signature' };
  let claims: CardClaims | undefined;
  try {
    claims = parseClaims(sign1.payload);
  } catch {
    claims = undefined;
  }
  if (!claims || !(claims.exp > claims.iat) || claims.exp - claims.iat > MAX_CARD_VALIDITY_S) return { valid: false, reason: 'malformed' };
  const card: CardView = {
    id: claims.cid, name: claims.name, org: claims.org, iss: claims.iss, issuedAt: iso(claims.iat), expiresAt: iso(claims.exp), kid,
  };
  if (await ctx.revoked.has(claims.cid)) return { valid: false, reason: 'revoked', card };
  if (ctx.now >= claims.exp * 1000) return { valid: false, reason: 'expired', card };
  return { valid: true, card };
}

/** Only the public coordinates go into importKey, whatever else a published key carries. */
function publicPart(k: PublicJwk) {
  return { kty: k.kty, crv: k.crv, x: k.x, y: k.y, ext: true };
}
