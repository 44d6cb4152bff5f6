/**
 * The member card signing keys: a JSON file (mode 0600) of P-256 private keys made by
 * `npm run keys:create`. The newest unretired key signs; a retired key stays published in the JWKS
 * until every card it signed has expired (31 days), so rotation never strands a card. The private
 * halves never leave this module: the JWKS carries x and y only.
 */
import { createHash, generateKeyPairSync, createPublicKey, webcrypto } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { MAX_CARD_VALIDITY_S, type PublicJwk } from '../../data/membership/card-token';

interface StoredKey {
  kid: string;
  createdAt: string;
  retiredAt?: string;
  /** the private JWK (kty, crv, x, y, d) */
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string };
}
interface KeyFile {
  keys: StoredKey[];
}

/** A usable signing key: its id and a raw r||s ES256 signer. */
export interface SigningKey {
  kid: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** Why the server cannot issue cards (no key file, or an unreadable one). */
export class NoSigningKeyError extends Error {}

/** The key id: the first 8 bytes of the SHA-256 of the public key (SPKI DER), base64url — as the EU DCC does. */
function keyId(jwk: { x: string; y: string }): string {
  const spki = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest().subarray(0, 8).toString('base64url');
}

/** Adds a new signing key to the file (creating it with mode 0600) and retires the previous one. */
export function createSigningKey(path: string, now: Date): { kid: string; retired: string[] } {
  const file: KeyFile = existsSync(path) ? readKeyFile(path) : { keys: [] };
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as StoredKey['jwk'];
  const kid = keyId(jwk);
  const retired = file.keys.filter((k) => !k.retiredAt).map((k) => k.kid);
  for (const k of file.keys) k.retiredAt ??= now.toISOString();
  file.keys.push({ kid, createdAt: now.toISOString(), jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d } });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600); // whatever the umask
  renameSync(tmp, path);
  return { kid, retired };
}

function readKeyFile(path: string): KeyFile {
  let file: KeyFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new NoSigningKeyError(`The membership key file ${path} cannot be read: ${(err as Error).message}`);
  }
  if (!Array.isArray(file?.keys)) throw new NoSigningKeyError(`The membership key file ${path} has no "keys" list.`);
  return file;
}

const cache = new Map<string, { mtimeMs: number; file: KeyFile; signers: Map<string, Promise<webcrypto.CryptoKey>> }>();

/** The key file as it is now (re-read when it changes, so a rotation needs no restart), or null when there is none. */
function current(path: string) {
  if (!existsSync(path)) return null;
  const { mtimeMs, mode } = statSync(path);
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit;
  if (mode & 0o077) console.warn(`warning: ${path} is readable by other users; it should be mode 0600`);
  const entry = { mtimeMs, file: readKeyFile(path), signers: new Map() };
  cache.set(path, entry);
  return entry;
}

/** The public keys verifiers need: active ones and retired ones whose cards may still be valid. */
export function publishedKeys(path: string, now: Date): PublicJwk[] {
  const keys = current(path)?.file.keys ?? [];
  const horizon = now.getTime() - MAX_CARD_VALIDITY_S * 1000;
  return keys
    .filter((k) => !k.retiredAt || Date.parse(k.retiredAt) > horizon)
    .map((k) => ({ kty: 'EC', crv: 'P-256', x: k.jwk.x, y: k.jwk.y, kid: k.kid, alg: 'ES256', use: 'sig' }));
}

/** The key that signs new cards; throws NoSigningKeyError (with what to do) when there is none. */
export function signingKey(path: string): SigningKey {
  const entry = current(path);
  const active = entry?.file.keys.filter((k) => !k.retiredAt).at(-1);
  if (!entry || !active) {
    throw new NoSigningKeyError(`Member cards cannot be issued: there is no signing key at ${path}. Run \`npm run keys:create\` (MEMBERSHIP_KEY_PATH selects the file).`);
  }
  if (!entry.signers.has(active.kid)) {
    entry.signers.set(active.kid, webcrypto.subtle.importKey('jwk', active.jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']));
  }
  const key = entry.signers.get(active.kid)!;
  return {
    kid: active.kid,
    sign: async (data) => new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, await key, data)),
  };
}
