/**
 * Accounts and sessions for the PostgreSQL store (as sqlite-accounts.ts). Sessions are keyed by
 * the SHA-256 of their token; passwords are stored only as scrypt hashes. Writes that must happen
 * together are one statement (a data-modifying WITH), so they are atomic without a transaction.
 */
import type { AccountStore, User, UserWithHash } from './port-accounts';
import type { Async } from './port';
import type { Db } from './pg-sql';

/** The accounts half of the store over `db`. */
export function accountMethods(db: Db): Async<AccountStore> {
  return {
    async createUser(u: UserWithHash) {
      const done = await db`INSERT INTO users (id, email, name, role, password_hash, created_at)
        VALUES (${u.id}, ${u.email}, ${u.name}, ${u.role}, ${u.password_hash}, ${u.created_at}) ON CONFLICT DO NOTHING`;
      return done.count === 1;
    },
    async userByEmail(email) {
      // SQLite's COLLATE NOCASE: ASCII case folded (lower() under "C"), through the users_email index
      const [row] = await db<UserWithHash[]>`SELECT id, email, name, role, created_at, password_hash FROM users
        WHERE lower(email) = lower(${email}::text COLLATE "C")`;
      return row;
    },
    async userById(id) {
      const [row] = await db<User[]>`SELECT id, email, name, role, created_at FROM users WHERE id = ${id}`;
      return row;
    },
    async createSession(tokenHash, userId, now, expiresAt) {
      // expired sessions go on the way; SKIP LOCKED: concurrent sign-ins never wait on each other's purge
      await db`WITH purged AS (DELETE FROM sessions WHERE token_hash IN
          (SELECT token_hash FROM sessions WHERE expires_at <= ${now} FOR UPDATE SKIP LOCKED))
        INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (${tokenHash}, ${userId}, ${now}, ${expiresAt})`;
    },
    async sessionUser(tokenHash, now) {
      const [row] = await db<(User & { expiresAt: string; startedAt: string })[]>`SELECT u.id, u.email, u.name, u.role,
        u.created_at, s.expires_at AS "expiresAt", s.created_at AS "startedAt"
        FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ${tokenHash} AND s.expires_at > ${now}`;
      if (!row) return undefined;
      const { expiresAt, startedAt, ...user } = row;
      return { user, expiresAt, startedAt };
    },
    async extendSession(tokenHash, expiresAt) {
      await db`UPDATE sessions SET expires_at = ${expiresAt} WHERE token_hash = ${tokenHash}`;
    },
    async deleteSession(tokenHash) {
      await db`DELETE FROM sessions WHERE token_hash = ${tokenHash}`;
    },
    async setPassword(userId, passwordHash, keepSession) {
      await db`WITH changed AS (UPDATE users SET password_hash = ${passwordHash} WHERE id = ${userId})
        DELETE FROM sessions WHERE user_id = ${userId} AND token_hash <> ${keepSession ?? ''}`;
    },
  };
}
