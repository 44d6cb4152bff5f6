/**
 * An independent, hand-written CBOR encoder and ES256 signer (node:crypto, IEEE P1363 r||s) for the
 * member-card tests: vectors made without the code under test (cborg, cose.ts, card-token.ts).
 */
import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export type Cbor = number | string | Uint8Array | Cbor[] | { map: [Cbor, Cbor][] } | { tag: number; value: Cbor };

function head(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 0x100) return [(major << 5) | 24, n];
  if (n < 0x10000) return [(major << 5) | 25, n >> 8, n & 0xff];
  if (n < 0x100000000) return [(major << 5) | 26, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  throw new Error('the oracle encodes only values below 2^32');
}

/** Canonical-enough CBOR (shortest heads; ints below 2^32). */
export function cbor(v: Cbor): Uint8Array {
  const out: number[] = [];
  const put = (x: Cbor) => {
    if (typeof x === 'number') out.push(...(x >= 0 ? head(0, x) : head(1, -1 - x)));
    else if (typeof x === 'string') {
      const b = Buffer.from(x, 'utf8');
      out.push(...head(3, b.length), ...b);
    } else if (x instanceof Uint8Array) out.push(...head(2, x.length), ...x);
    else if (Array.isArray(x)) {
      out.push(...head(4, x.length));
      x.forEach(put);
    } else if ('map' in x) {
      out.push(...head(5, x.map.length));
      for (const [k, val] of x.map) { put(k); put(val); }
    } else {
      out.push(...head(6, x.tag));
      put(x.value);
    }
  };
  put(v);
  return Uint8Array.from(out);
}

export interface TestKey {
  kid: string;
  kidBytes: Uint8Array;
  privateKey: KeyObject;
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid: string };
}

/** A fresh P-256 key with an 8-byte key id. */
export function makeKey(kidSeed: number): TestKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = createPublicKey(privateKey).export({ format: 'jwk' }) as { x: string; y: string };
  const kidBytes = Uint8Array.from([0x59, 0x5a, kidSeed, 1, 2, 3, 4, 5]);
  const kid = Buffer.from(kidBytes).toString('base64url');
  return { kid, kidBytes, privateKey, jwk: { kty: 'EC', crv: 'P-256', x: pub.x, y: pub.y, kid } };
}

/** ES256 over the COSE Sig_structure, the independent way. */
export function es256(key: KeyObject, protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  const toSign = cbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
  return new Uint8Array(sign('sha256', toSign, { key, dsaEncoding: 'ieee-p1363' }));
}

export interface RawCard {
  iss?: string; iat: number; exp: number; cid: string; name: string; org: string;
}

/** A COSE_Sign1 (bytes) of a card, built and signed without the code under test. */
export function independentCard(key: TestKey, c: RawCard, opts: { tag?: boolean; alg?: number } = {}) {
  const protectedBytes = cbor({ map: [[1, opts.alg ?? -7], [4, key.kidBytes]] });
  const payload = cbor({ map: [[1, c.iss ?? 'yizhan'], [4, c.exp], [6, c.iat], ['cid', c.cid], ['name', c.name], ['org', c.org]] });
  const signature = es256(key.privateKey, protectedBytes, payload);
  const sign1: Cbor = [protectedBytes, { map: [] }, payload, signature];
  return { protectedBytes, payload, signature, bytes: cbor(opts.tag === false ? sign1 : { tag: 18, value: sign1 }) };
}
