import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPublicKey, sign, verify } from 'node:crypto';
import { base45Decode, base45Encode } from '../../data/membership/base45';
import { parseSign1 } from '../../data/membership/cose';
import {
  MAX_CARD_VALIDITY_S, TOKEN_PREFIX, issueCardToken, verifyCardToken, type VerifyContext,
} from '../../data/membership/card-token';
import { cbor, es256, independentCard, makeKey, type RawCard, type TestKey } from './membership-cbor-oracle';

const T0 = Date.UTC(2026, 10, 23, 2) / 1000; // seconds
const CARD: RawCard = { iat: T0, exp: T0 + 30 * 86_400, cid: '8000123412341234', name: '王*明', org: '南京市总工会' };
const keyA = makeKey(1);
const keyB = makeKey(2);
const ctx = (over: Partial<VerifyContext> = {}): VerifyContext => ({
  keys: [keyA.jwk, keyB.jwk], revoked: new Set(), now: (T0 + 60) * 1000, subtle: webcrypto.subtle, ...over,
});
const token = (bytes: Uint8Array) => TOKEN_PREFIX + base45Encode(bytes);
/** Signs with node's crypto (the test's own signer for issueCardToken). */
const nodeSigner = (key: TestKey) => async (data: Uint8Array) =>
  new Uint8Array(sign('sha256', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' }));

describe('verifyCardToken on independently made cards', () => {
  it('accepts a card signed outside the code under test, tagged or not', async () => {
    for (const tag of [true, false]) {
      const v = await verifyCardToken(token(independentCard(keyA, CARD, { tag }).bytes), ctx());
      expect(v).toEqual({
        valid: true,
        card: { id: CARD.cid, name: '王*明', org: '南京市总工会', iss: 'yizhan', kid: keyA.kid,
          issuedAt: new Date(T0 * 1000).toISOString(), expiresAt: new Date(CARD.exp * 1000).toISOString() },
      });
    }
  });
  it('expires exactly at exp (RFC 8392: on or after)', async () => {
    const t = token(independentCard(keyA, CARD).bytes);
    expect((await verifyCardToken(t, ctx({ now: CARD.exp * 1000 - 1 }))).valid).toBe(true);
    expect(await verifyCardToken(t, ctx({ now: CARD.exp * 1000 }))).toMatchObject({ valid: false, reason: 'expired', card: { id: CARD.cid } });
  });
  it('says revoked for a revoked card id, expired or not', async () => {
    const t = token(independentCard(keyA, CARD).bytes);
    expect(await verifyCardToken(t, ctx({ revoked: new Set([CARD.cid]) }))).toMatchObject({ valid: false, reason: 'revoked' });
    expect(await verifyCardToken(t, ctx({ revoked: new Set(['other']) }))).toMatchObject({ valid: true });
  });
  it('refuses a card valid for longer than 31 days even when well signed', async () => {
    const t = token(independentCard(keyA, { ...CARD, exp: CARD.iat + MAX_CARD_VALIDITY_S + 1 }).bytes);
    expect(await verifyCardToken(t, ctx())).toEqual({ valid: false, reason: 'malformed' });
    const ok = token(independentCard(keyA, { ...CARD, exp: CARD.iat + MAX_CARD_VALIDITY_S }).bytes);
    expect((await verifyCardToken(ok, ctx())).valid).toBe(true);
  });
  it('unknown kid, and key rotation: old cards verify while the old key is published', async () => {
    const byA = token(independentCard(keyA, CARD).bytes);
    const byB = token(independentCard(keyB, CARD).bytes);
    expect((await verifyCardToken(byA, ctx())).valid).toBe(true);
    expect((await verifyCardToken(byB, ctx())).valid).toBe(true);
    expect(await verifyCardToken(byA, ctx({ keys: [keyB.jwk] }))).toEqual({ valid: false, reason: 'unknown_key' });
    // the same kid with another key's coordinates: the signature cannot check out
    expect(await verifyCardToken(byA, ctx({ keys: [{ ...keyB.jwk, kid: keyA.kid }] }))).toEqual({ valid: false, reason: 'bad_signature' });
    expect(await verifyCardToken(byA, ctx({ keys: [{ ...keyA.jwk, x: 'AAAA' }] }))).toEqual({ valid: false, reason: 'unknown_key' });
  });
  it('refuses other algorithms and claims maps missing a claim', async () => {
    expect(await verifyCardToken(token(independentCard(keyA, CARD, { alg: -35 }).bytes), ctx())).toEqual({ valid: false, reason: 'malformed' });
    const protectedBytes = cbor({ map: [[1, -7], [4, keyA.kidBytes]] });
    const payload = cbor({ map: [[1, 'yizhan'], [4, CARD.exp], [6, CARD.iat], ['cid', CARD.cid], ['name', CARD.name]] });
    const bytes = cbor({ tag: 18, value: [protectedBytes, { map: [] }, payload, es256(keyA.privateKey, protectedBytes, payload)] });
    expect(await verifyCardToken(token(bytes), ctx())).toEqual({ valid: false, reason: 'malformed' });
  });
});

describe('tampering with every part', () => {
  const card = independentCard(keyA, CARD);
  const rebuild = (p: Uint8Array, u: { map: [number, Uint8Array][] }, pl: Uint8Array, s: Uint8Array) => token(cbor({ tag: 18, value: [p, u, pl, s] }));
  const flip = (b: Uint8Array, i: number) => { const c = b.slice(); c[i] ^= 1; return c; };
  const verdict = async (t: string) => verifyCardToken(t, ctx());

  it('payload (a changed name or date)', async () => {
    const forged = cbor({ map: [[1, 'yizhan'], [4, CARD.exp + 86_400], [6, CARD.iat], ['cid', CARD.cid], ['name', '李*四'], ['org', CARD.org]] });
    expect(await verdict(rebuild(card.protectedBytes, { map: [] }, forged, card.signature))).toEqual({ valid: false, reason: 'bad_signature' });
    for (const i of [0, 5, card.payload.length - 1]) {
      expect((await verdict(rebuild(card.protectedBytes, { map: [] }, flip(card.payload, i), card.signature))).valid).toBe(false);
    }
  });
  it('signature, every byte', async () => {
    for (let i = 0; i < 64; i += 7) {
      expect(await verdict(rebuild(card.protectedBytes, { map: [] }, card.payload, flip(card.signature, i)))).toEqual({ valid: false, reason: 'bad_signature' });
    }
    expect(await verdict(rebuild(card.protectedBytes, { map: [] }, card.payload, card.signature.slice(0, 63)))).toEqual({ valid: false, reason: 'malformed' });
  });
  it('protected header: kid swapped, alg changed', async () => {
    const swapped = cbor({ map: [[1, -7], [4, keyB.kidBytes]] });
    expect(await verdict(rebuild(swapped, { map: [] }, card.payload, card.signature))).toEqual({ valid: false, reason: 'bad_signature' });
    const alg = cbor({ map: [[1, -35], [4, keyA.kidBytes]] });
    expect(await verdict(rebuild(alg, { map: [] }, card.payload, card.signature))).toEqual({ valid: false, reason: 'malformed' });
  });
  it('unprotected header is ignored: a kid there cannot redirect verification', async () => {
    expect((await verdict(rebuild(card.protectedBytes, { map: [[4, keyB.kidBytes]] }, card.payload, card.signature))).valid).toBe(true);
  });
  it('envelope, encoding and prefix', async () => {
    const t = token(card.bytes);
    expect(await verdict(t.slice(0, -3))).toEqual({ valid: false, reason: 'malformed' }); // truncated
    expect(await verdict(token(Uint8Array.from([...card.bytes, 0])))).toEqual({ valid: false, reason: 'malformed' }); // trailing byte
    expect(await verdict(token(cbor({ tag: 17, value: [card.protectedBytes, { map: [] }, card.payload, card.signature] })))).toEqual({ valid: false, reason: 'malformed' });
    expect(await verdict('YZ2:' + t.slice(4))).toEqual({ valid: false, reason: 'malformed' });
    expect(await verdict(t.slice(0, 10) + 'a' + t.slice(11))).toEqual({ valid: false, reason: 'malformed' });
    expect((await verdict(` ${t}\n`)).valid).toBe(true); // a scanner's stray whitespace
  });
  it('garbage of any shape is malformed, never a throw', async () => {
    for (const g of [null, 42, {}, '', 'YZ1:', 'YZ1:%%%', TOKEN_PREFIX + base45Encode(cbor([1, 2, 3, 4]))]) {
      expect(await verifyCardToken(g, ctx())).toEqual({ valid: false, reason: 'malformed' });
    }
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (b) => {
      expect((await verifyCardToken(token(b), ctx())).valid).toBe(false);
    }), { numRuns: 200 });
  });
});

describe('issueCardToken, checked independently', () => {
  it('makes a token node verifies over the Sig_structure, with kid in the protected header', async () => {
    const claims = { iss: 'yizhan', ...CARD };
    const t = await issueCardToken(claims, keyA.kid, nodeSigner(keyA));
    expect(t.startsWith('YZ1:')).toBe(true);
    expect(/^YZ1:[0-9A-Z $%*+\-./:]+$/.test(t)).toBe(true); // QR alphanumeric mode
    const parts = parseSign1(base45Decode(t.slice(4)));
    expect(parts.protectedBytes).toEqual(cbor({ map: [[1, -7], [4, keyA.kidBytes]] }));
    const toSign = cbor(['Signature1', parts.protectedBytes, new Uint8Array(0), parts.payload]);
    expect(verify('sha256', toSign, { key: createPublicKey(keyA.privateKey), dsaEncoding: 'ieee-p1363' }, parts.signature)).toBe(true);
    // cborg writes map keys in canonical (length-first) order: 1, 4, 6, "cid", "org", "name"
    expect(parts.payload).toEqual(cbor({ map: [[1, 'yizhan'], [4, CARD.exp], [6, CARD.iat], ['cid', CARD.cid], ['org', CARD.org], ['name', CARD.name]] }));
    expect((await verifyCardToken(t, ctx())).valid).toBe(true);
  });
  it('refuses a validity over 31 days or an exp not after iat', async () => {
    await expect(issueCardToken({ iss: 'y', ...CARD, exp: CARD.iat + MAX_CARD_VALIDITY_S + 1 }, keyA.kid, nodeSigner(keyA))).rejects.toThrow(/31 days/);
    await expect(issueCardToken({ iss: 'y', ...CARD, exp: CARD.iat }, keyA.kid, nodeSigner(keyA))).rejects.toThrow(/31 days/);
  });
});
