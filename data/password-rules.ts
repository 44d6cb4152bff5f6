/**
 * Which passwords are too easy to guess (OWASP ASVS 4 level 1, 2.1.1 and 2.1.7): fewer than 12
 * characters, or a common password — also with a year or digits tacked on, or one character repeated.
 */
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;

let common: Set<string> | undefined;

/** True when `password` (any case) is a common password or a trivial variation of one. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(COMMON_PASSWORDS.split('\n'));
  const p = password.normalize('NFKC').toLowerCase();
  const base = p.replace(/[\d\W_]+$/u, ''); // "password2024!" → "password"
  return common.has(p) || (base.length >= 4 && common.has(base)) || /^(.)\1*$/u.test(p) || isRun(p);
}

/** "123456789012", "abcdefghijkl": consecutive characters up or down. */
function isRun(p: string): boolean {
  if (p.length < 4) return false;
  const step = p.charCodeAt(1) - p.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < p.length; i++) {
    const d = p.charCodeAt(i) - p.charCodeAt(i - 1);
    if (d !== step && !(p[i] === '0' && p[i - 1] === '9' && step === 1)) return false;
  }
  return true;
}
