/**
 * Account rules shared by sign-up, sign-in and the admin:create CLI: the email and password
 * schemas, and creating an account with a hashed password.
 */
import { z } from 'zod';
import type { Store, User, Role } from '../store/port';
import { isCommonPassword } from '../../data/password-rules';
import { newId } from './ids';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword } from './password';

export const emailSchema = z
  .string({ error: 'email is required' })
  .trim()
  .toLowerCase()
  .max(254, 'email is at most 254 characters')
  .pipe(z.email({ error: 'email must be an email address' }));

export const passwordSchema = z
  .string({ error: 'password is required' })
  .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `password must be at most ${MAX_PASSWORD_LENGTH} characters`)
  .refine((p) => !isCommonPassword(p), { error: 'password is too common (on the list of most used passwords); choose another' });

export const nameSchema = z.string({ error: 'name is required' }).trim().min(1, 'name must not be empty').max(80);

/** What the API shows of an account. */
export const publicUser = (u: User): User => ({ id: u.id, email: u.email, name: u.name, role: u.role, created_at: u.created_at });

/** Creates an account with a hashed password; undefined when the email is taken. */
export async function createAccount(
  store: Store,
  input: { email: string; password: string; name: string; role: Role },
  now: Date,
): Promise<User | undefined> {
  const user: User = { id: newId('u'), email: input.email, name: input.name, role: input.role, created_at: now.toISOString() };
  const password_hash = await hashPassword(input.password);
  return (await store.createUser({ ...user, password_hash })) ? user : undefined;
}
