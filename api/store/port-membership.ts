/**
 * The storage port's membership half: applications (personal data, seen only by the applicant and
 * admins), members, their cards and the revocation list verifiers sync. Part of `Store` (port.ts).
 * Nothing here is part of /api/sync.
 */
import type { ApplicationInput, ApplicationStatus, Member, MembershipApplication } from '../../data/membership/application';

export type { ApplicationInput, ApplicationStatus, Member, MembershipApplication };

/** An application as the admin queue shows it: with the applicant's account. */
export interface AdminApplication extends MembershipApplication {
  userId: string;
  email: string;
}

export interface CardRecord {
  id: string;
  userId: string;
  status: 'active' | 'revoked';
  createdAt: string;
  token: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
}

export interface MembershipStore {
  /** Stores a pending application; false when the account already has one open (unique index decides). */
  insertApplication(a: { id: string; userId: string; input: ApplicationInput; createdAt: string }): boolean;
  /** The account's newest application. */
  latestApplication(userId: string): MembershipApplication | undefined;
  applicationById(id: string): AdminApplication | undefined;
  /** Applications oldest first (the queue order), optionally by status, after a cursor. */
  applications(q: { status?: ApplicationStatus; limit: number; after?: string }): AdminApplication[];
  /** Decides a pending application; false when it is not pending. */
  reviewApplication(id: string, r: { status: 'approved' | 'rejected'; at: string; by: string; reason?: string }): boolean;
  /** Deletes rejected applications decided before `before` (PIPL: kept no longer than needed); returns how many. */
  purgeRejectedApplications(before: string): number;
  member(userId: string): Member | undefined;
  /** Makes (or makes again) the account a member. */
  upsertMember(m: { userId: string; applicationId: string; name: string; org: string; since: string }): void;
  endMembership(userId: string): void;
  activeCard(userId: string): CardRecord | undefined;
  cardById(id: string): CardRecord | undefined;
  /** A new active card; false when the account already has one. */
  insertCard(c: { id: string; userId: string; createdAt: string }): boolean;
  setCardToken(id: string, t: { token: string; issuedAt: string; expiresAt: string }): void;
  /** Revokes an active card and lists it for verifiers; false when it is not active. */
  revokeCard(id: string, r: { at: string; by: string; reason: string }): boolean;
  isCardRevoked(id: string): boolean;
  /** Card ids revoked after `since`, and the list's version now. */
  revocations(since: number): { version: number; revoked: string[] };
}
