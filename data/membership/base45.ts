/**
 * Base45 (RFC 9285): bytes as the 45 characters of a QR code's alphanumeric mode, so a signed
 * card fits a dense but easily scanned QR. Written here (30 lines) rather than taken from npm: the
 * packages there are Node-Buffer or string-only, and the core must run unchanged in the browser.
 */

const CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Map([...CHARSET].map((ch, i) => [ch, i]));

/** Bytes → Base45 text (two bytes become three characters, a last odd byte two). */
export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      const n = bytes[i] * 256 + bytes[i + 1];
      out += CHARSET[n % 45] + CHARSET[Math.floor(n / 45) % 45] + CHARSET[Math.floor(n / 2025)];
    } else {
      out += CHARSET[bytes[i] % 45] + CHARSET[Math.floor(bytes[i] / 45)];
    }
  }
  return out;
}

/** Base45 text → bytes; throws on characters outside the alphabet, a dangling character or an overflowing group. */
export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Error('base45: length leaves a single character');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const group = text.slice(i, i + 3);
    let n = 0;
    for (let k = group.length - 1; k >= 0; k--) {
      const v = VALUE.get(group[k]);
      if (v === undefined) throw new Error(`base45: "${group[k]}" is not a Base45 character`);
      n = n * 45 + v;
    }
    if (group.length === 3) {
      if (n > 0xffff) throw new Error('base45: a group exceeds two bytes');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) throw new Error('base45: the last group exceeds one byte');
      out[o++] = n;
    }
  }
  return out;
}
