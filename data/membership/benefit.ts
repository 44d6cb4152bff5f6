/**
 * Union benefits (e.g. 夏送清凉: one free drink at any partner shop, 1–31 July): issued by an admin
 * to all members or those of a region or occupation, used at most once per member through the same
 * scan as an offer. Which members a benefit reaches on a day is decided here, for API and PWA alike.
 */
import { z } from 'zod';
import { OCCUPATIONS, type Occupation } from './kinds';

const date = z.string({ error: 'must be a date' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

/** The body of POST /api/admin/benefits. */
export const benefitBody = z.strictObject({
  title: z.string({ error: 'title must be text' }).trim().min(1, 'title is required').max(120),
  description: z.string({ error: 'description must be text' }).trim().max(1000).optional(),
  validFrom: date,
  validTo: date,
  /** only members of this occupation */
  occupation: z.enum(OCCUPATIONS, { error: `occupation must be one of ${OCCUPATIONS.join(', ')}` }).optional(),
  /** only members whose region starts with this ("江苏省", "江苏省 南京市") */
  region: z.string().trim().min(1).max(60).optional(),
}).refine((b) => b.validFrom <= b.validTo, { message: 'validTo must not be before validFrom', path: ['validTo'] });
export type BenefitInput = z.output<typeof benefitBody>;

export interface Benefit extends BenefitInput {
  id: string;
  createdAt: string;
}

/** True when the benefit reaches a member of this occupation and region on `day` (YYYY-MM-DD, the union's zone). */
export function benefitApplies(b: BenefitInput, member: { occupation: Occupation; region: string }, day: string): boolean {
  if (day < b.validFrom || day > b.validTo) return false;
  if (b.occupation && b.occupation !== member.occupation) return false;
  return !b.region || member.region.startsWith(b.region);
}

/** The calendar day of an instant in a time zone (Asia/Shanghai by default). */
export { localDate as dayIn } from '../wall-time';
