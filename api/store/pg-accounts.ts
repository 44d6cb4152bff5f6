/**
 * Accounts and sessions for the PostgreSQL store (as sqlite-accounts.ts). Sessions are keyed by
 * the SHA-256 of their token; passwords are stored only as scrypt hashes. Writes that must happen
 * together are one statement (a data-modifying WITH), so they are atomic without a transaction.
 */
import type { AccountStore, FailedSignIns, User, UserWithHash } from './port-accounts';
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
    async recordFailedSignIn(userId, at) {
      // greatest(): the newest stays newest whichever process's failure is written last
      await db`UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
        last_failed_sign_in_at = greatest(last_failed_sign_in_at, ${at}::text) WHERE id = ${userId}`;
    },
    async failedSignIns(userId) {
      const [row] = await db<FailedSignIns[]>`SELECT failed_sign_ins AS count, last_failed_sign_in_at AS "lastAt" FROM users WHERE id = ${userId}`;
      return row ?? { count: 0, lastAt: null };
    },
    async takeFailedSignIns(userId) {
      // the row is locked as it is read (FOR UPDATE), so an increment waits and lands after the clear
      const [row] = await db<FailedSignIns[]>`UPDATE users u SET failed_sign_ins = 0, last_failed_sign_in_at = NULL
        FROM (SELECT id, failed_sign_ins, last_failed_sign_in_at FROM users WHERE id = ${userId} AND failed_sign_ins > 0 FOR UPDATE) old
        WHERE u.id = old.id RETURNING old.failed_sign_ins AS count, old.last_failed_sign_in_at AS "lastAt"`;
      return row ?? { count: 0, lastAt: null };
    },
  };
}
