import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base45Decode, base45Encode } from '../../data/membership/base45';
import { base64urlDecode, base64urlEncode } from '../../data/membership/base64url';
import { maskName } from '../../data/membership/mask';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('base45 (RFC 9285 §4 examples)', () => {
  it.each([['AB', 'BB8'], ['Hello!!', '%69 VD92EX0'], ['base-45', 'UJCLQE7W581'], ['ietf!', 'QED8WEX0']])('%s ⇄ %s', (plain, encoded) => {
    expect(base45Encode(bytes(plain))).toBe(encoded);
    expect(text(base45Decode(encoded))).toBe(plain);
  });
  it('refuses what is not Base45', () => {
    expect(() => base45Decode('GGW')).toThrow(/two bytes/); // 65536: RFC 9285 §4.3's overflow
    expect(() => base45Decode('ZZ')).toThrow(/one byte/); // 35 + 35·45 > 255
    expect(() => base45Decode('abc')).toThrow(/not a Base45/); // lower case is not in the alphabet
    expect(() => base45Decode('BB8B')).toThrow(/single character/);
  });
  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      expect(base45Decode(base45Encode(b))).toEqual(b);
    }));
  });
});

describe('base64url', () => {
  it('matches node for any bytes, and back', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
      const s = base64urlEncode(b);
      expect(s).toBe(Buffer.from(b).toString('base64url'));
      expect(base64urlDecode(s)).toEqual(b);
    }));
  });
  it('refuses other characters', () => expect(() => base64urlDecode('ab+/')).toThrow());
});

describe('maskName', () => {
  it.each([
    ['王小明', '王*明'], ['王明', '王*'], ['欧阳小明', '欧**明'], ['王', '*'], ['  李 四 ', '* *'],
    ['John Smith', 'J**n S***h'], ['𠮷野家', '𠮷*家'], ['', ''],
  ])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));
});
