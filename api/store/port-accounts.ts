/**
 * The storage port's accounts and moderation half: users, server-side sessions, owners' drafts,
 * the review queue, approvals and the audit log. Part of `Store` (port.ts).
 */
import type { Merchant, Offer } from '../../data/schema';
import type { AuditEntry, User } from '../../data/wire';

export type { AuditEntry, Role, User } from '../../data/wire';

/** An account with its scrypt hash, for sign-in and creation only. */
export interface UserWithHash extends User {
  password_hash: string;
}

export type AuditInput = Omit<AuditEntry, 'id' | 'actor_email'>;

export interface AuditQuery {
  limit: number;
  /** only entries older than this id (the previous page's last id) */
  before?: number;
  target_type?: string;
  target_id?: string;
}

export type ApprovalKind = 'merchant' | 'offer';

/** Wrong passwords tried on an account at sign-in since its last successful sign-in: the owner's notice. */
export interface FailedSignIns {
  count: number;
  /** ISO time of the newest (null when count is 0) */
  lastAt: string | null;
}

export interface AccountStore {
  /** Creates an account; false when the email is taken. */
  createUser(user: UserWithHash): boolean;
  userByEmail(email: string): UserWithHash | undefined;
  userById(id: string): User | undefined;
  /** Stores a session by the SHA-256 of its token; expired sessions are purged on the way. */
  createSession(tokenHash: string, userId: string, now: string, expiresAt: string): void;
  /** The user of a live session, when it expires, and when it was started (for its absolute lifetime). */
  sessionUser(tokenHash: string, now: string): { user: User; expiresAt: string; startedAt: string } | undefined;
  extendSession(tokenHash: string, expiresAt: string): void;
  deleteSession(tokenHash: string): void;
  /** Replaces a password hash and ends every session of the user but `keepSession` (one transaction). */
  setPassword(userId: string, passwordHash: string, keepSession?: string): void;
  /** Counts one wrong password tried at sign-in (an increment in SQL: every process's failure counts). */
  recordFailedSignIn(userId: string, at: string): void;
  /** The wrong passwords counted since the last successful sign-in, left as they are. */
  failedSignIns(userId: string): FailedSignIns;
  /** The same, cleared in the same step (a successful sign-in): a failure counted meanwhile is never lost. */
  takeFailedSignIns(userId: string): FailedSignIns;
}

export interface ModerationStore {
  /** A merchant in any status (not deleted) with all its offers and moderation fields. */
  merchantRecord(id: string): Merchant | undefined;
  /** An offer in any status whose merchant is not deleted. */
  offerRecord(id: string): Offer | undefined;
  /** Every merchant an account owns, oldest first, with all offers. */
  merchantsByOwner(ownerId: string): Merchant[];
  /** Pending merchants (with all offers) and pending offers, oldest write first, capped. */
  moderationQueue(limit: number): { merchants: Merchant[]; offers: Offer[] };
  /** Every live merchant in any status (export). */
  allMerchants(): Merchant[];
  /** The material key an admin last approved for an item, if any. */
  approvedKey(kind: ApprovalKind, id: string): string | undefined;
  /** Records (or, with null, forgets) what an admin approved. */
  setApprovedKey(kind: ApprovalKind, id: string, key: string | null): void;
  appendAudit(entry: AuditInput): void;
  /** Audit entries, newest first. */
  auditEntries(q: AuditQuery): AuditEntry[];
}
