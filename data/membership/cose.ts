/**
 * COSE_Sign1 (RFC 9052) with ES256: the envelope of a member card. The protected header carries
 * the algorithm (label 1 = -7, ES256) and the key id (label 4, bytes); the signature is raw r||s
 * (64 bytes, as WebCrypto's ECDSA makes it) over Sig_structure ["Signature1", protected, h'', payload].
 * Signing and checking are injected, so this module needs no crypto API of its own.
 */
import { Tagged, decode, encode } from 'cborg';

export const COSE_SIGN1_TAG = 18;
export const ALG_ES256 = -7;
const HEADER = { alg: 1, kid: 4 } as const;

/** A COSE_Sign1 taken apart (not yet verified). */
export interface Sign1 {
  /** the protected header exactly as signed (a CBOR map in a byte string) */
  protectedBytes: Uint8Array;
  alg: number;
  kid: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
}

/** Makes raw r||s signatures over bytes (a P-256 private key's holder). */
export type Sign = (data: Uint8Array) => Promise<Uint8Array>;

/** Strict CBOR decoding: shortest integer forms, no duplicate keys, maps with their integer keys. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return decode(bytes, {
    useMaps: true, strict: true, rejectDuplicateMapKeys: true,
    tags: { [COSE_SIGN1_TAG]: Tagged.decoder(COSE_SIGN1_TAG) },
  });
}

/** The bytes an ES256 signature covers (RFC 9052 §4.4), with no external data. */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

/** Signs `payload` into a tagged COSE_Sign1 with ES256 under key id `kid`. */
export async function signSign1(payload: Uint8Array, kid: Uint8Array, sign: Sign): Promise<Uint8Array> {
  const protectedBytes = encode(new Map<number, unknown>([[HEADER.alg, ALG_ES256], [HEADER.kid, kid]]));
  const signature = await sign(sigStructure(protectedBytes, payload));
  if (signature.length !== 64) throw new Error(`ES256 signatures are 64 bytes (r||s), got ${signature.length}`);
  return encode(new Tagged(COSE_SIGN1_TAG, [protectedBytes, new Map(), payload, signature]));
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

/** Takes a COSE_Sign1 (tagged 18 or not) apart; throws when it is not one. */
export function parseSign1(bytes: Uint8Array): Sign1 {
  let value = decodeCbor(bytes);
  if (value instanceof Tagged) {
    if (value.tag !== COSE_SIGN1_TAG) throw new Error(`unexpected CBOR tag ${value.tag}`);
    value = value.value;
  }
  if (!Array.isArray(value) || value.length !== 4) throw new Error('not a COSE_Sign1 array of four');
  const [protectedBytes, unprotected, payload, signature] = value;
  if (!isBytes(protectedBytes) || !(unprotected instanceof Map) || !isBytes(payload) || !isBytes(signature)) {
    throw new Error('COSE_Sign1 fields have the wrong types');
  }
  const header = decodeCbor(protectedBytes);
  if (!(header instanceof Map)) throw new Error('protected header is not a map');
  const alg = header.get(HEADER.alg);
  const kid = header.get(HEADER.kid);
  if (typeof alg !== 'number' || !isBytes(kid) || kid.length === 0) throw new Error('protected header lacks alg or kid');
  return { protectedBytes, alg, kid, payload, signature };
}
