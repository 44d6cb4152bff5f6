/**
 * Accounts and sessions for the SQLite store. Sessions are keyed by the SHA-256 of their token,
 * so a copy of the database does not let anyone sign in; passwords are stored only as scrypt hashes.
 */
import type Database from 'better-sqlite3';
import type { AccountStore, FailedSignIns, User, UserWithHash } from './port-accounts';

const USER_COLUMNS = 'id, email, name, role, created_at';

/** The accounts half of the store, on the shared database. */
export function accountMethods(db: Database.Database): AccountStore {
  const q = {
    insertUser: db.prepare(`INSERT INTO users (id, email, name, role, password_hash, created_at)
      VALUES (@id, @email, @name, @role, @password_hash, @created_at) ON CONFLICT DO NOTHING`),
    byEmail: db.prepare(`SELECT ${USER_COLUMNS}, password_hash FROM users WHERE email = ?`),
    byId: db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`),
    purge: db.prepare(`DELETE FROM sessions WHERE expires_at <= ?`),
    insertSession: db.prepare(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`),
    sessionUser: db.prepare(`SELECT u.id, u.email, u.name, u.role, u.created_at, s.expires_at AS expiresAt, s.created_at AS startedAt
      FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`),
    extend: db.prepare(`UPDATE sessions SET expires_at = ? WHERE token_hash = ?`),
    del: db.prepare(`DELETE FROM sessions WHERE token_hash = ?`),
    setHash: db.prepare(`UPDATE users SET password_hash = ? WHERE id = ?`),
    delOthers: db.prepare(`DELETE FROM sessions WHERE user_id = ? AND token_hash != ?`),
    // max(): the newest stays newest whichever process's failure is written last
    failed: db.prepare(`UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
      last_failed_sign_in_at = max(coalesce(last_failed_sign_in_at, ''), ?) WHERE id = ?`),
    failures: db.prepare(`SELECT failed_sign_ins AS count, last_failed_sign_in_at AS lastAt FROM users WHERE id = ?`),
    clearFailures: db.prepare(`UPDATE users SET failed_sign_ins = 0, last_failed_sign_in_at = NULL WHERE id = ?`),
  };
  const failures = (id: string): FailedSignIns => (q.failures.get(id) as FailedSignIns | undefined) ?? { count: 0, lastAt: null };
  return {
    createUser: (u: UserWithHash) => q.insertUser.run(u).changes === 1,
    userByEmail: (email) => q.byEmail.get(email) as UserWithHash | undefined,
    userById: (id) => q.byId.get(id) as User | undefined,
    createSession(tokenHash, userId, now, expiresAt) {
      db.transaction(() => {
        q.purge.run(now);
        q.insertSession.run(tokenHash, userId, now, expiresAt);
      }).immediate();
    },
    sessionUser(tokenHash, now) {
      const row = q.sessionUser.get(tokenHash, now) as (User & { expiresAt: string; startedAt: string }) | undefined;
      if (!row) return undefined;
      const { expiresAt, startedAt, ...user } = row;
      return { user, expiresAt, startedAt };
    },
    extendSession: (tokenHash, expiresAt) => void q.extend.run(expiresAt, tokenHash),
    deleteSession: (tokenHash) => void q.del.run(tokenHash),
    setPassword(userId, passwordHash, keepSession) {
      db.transaction(() => {
        q.setHash.run(passwordHash, userId);
        q.delOthers.run(userId, keepSession ?? '');
      }).immediate();
    },
    recordFailedSignIn: (userId, at) => void q.failed.run(at, userId),
    failedSignIns: failures,
    takeFailedSignIns: (userId) => db.transaction(() => {
      const seen = failures(userId);
      if (seen.count > 0) q.clearFailures.run(userId); // no write when there is nothing to clear
      return seen;
    }).immediate(),
  };
}
