/**
 * Membership applications and reviews: what a worker sends to join a union and what an admin
 * decides. The phone and employer are personal information (PIPL): they stay between the member
 * and the admins and never go into a card, a sync or a public answer.
 */
import { z } from 'zod';

export const OCCUPATIONS = [
  'food_delivery', 'courier', 'ride_hailing', 'truck_driver', 'sanitation', 'domestic_service', 'other',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

const text = (name: string, max: number) =>
  z.string({ error: `${name} must be text` }).trim().min(1, `${name} is required`).max(max, `${name} must be at most ${max} characters`);

/** A mainland mobile number, spaces, dashes and a +86 prefix tolerated: 1[3-9] and nine digits. */
const phone = z.string({ error: 'phone must be text' })
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, ''))
  .refine((s) => /^1[3-9]\d{9}$/.test(s), 'phone must be a mainland mobile number (11 digits starting with 1)');

/** "江苏省 南京市" or { province, city? } — stored as one line of text. */
const region = z.union([
  text('region', 60),
  z.strictObject({ province: text('region.province', 30), city: text('region.city', 30).optional() })
    .transform((r) => (r.city ? `${r.province} ${r.city}` : r.province)),
], { error: 'region must be text or { province, city }' });

/** The body of POST /api/membership/applications. */
export const applicationBody = z.strictObject({
  name: text('name', 40),
  phone,
  employer: text('employer', 80).optional(),
  occupation: z.enum(OCCUPATIONS, { error: `occupation must be one of ${OCCUPATIONS.join(', ')}` }),
  region,
  union: text('union', 80).optional(),
});
export type ApplicationInput = z.output<typeof applicationBody>;

/** The body of POST /api/admin/applications/{id}/review: a reason is required to reject. */
export const applicationReviewBody = z.strictObject({
  decision: z.enum(['approve', 'reject'], { error: 'decision must be approve or reject' }),
  reason: z.string({ error: 'reason must be text' }).trim().max(500, 'reason must be at most 500 characters').optional(),
}).refine((b) => b.decision === 'approve' || !!b.reason, { message: 'a reason is required to reject', path: ['reason'] });

/** The body of POST /api/admin/members/{cardId}/revoke. */
export const revokeBody = z.strictObject({
  reason: text('reason', 500),
  /** true when the person left the union: no new card is issued */
  endMembership: z.boolean({ error: 'endMembership must be true or false' }).optional(),
});

/** An application as its applicant and the admins see it. */
export interface MembershipApplication extends ApplicationInput {
  id: string;
  status: ApplicationStatus;
  createdAt: string;
  reviewedAt?: string;
  /** the admin's reason (always given for a rejection) */
  reason?: string;
}

/** A member: the account's standing and current card number (no personal data beyond the name). */
export interface Member {
  since: string;
  org: string;
  /** the masked name on the card */
  name: string;
  cardId: string | null;
  status: 'active' | 'ended';
}

/** A member card as the card screen keeps it (the token is what the QR carries). */
export interface MemberCard {
  id: string;
  token: string;
  name: string;
  org: string;
  issuedAt: string;
  expiresAt: string;
}
