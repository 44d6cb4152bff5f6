/** The storage port's union-benefit half: benefits an admin issues and their uses. Part of `Store` (port.ts). */
import type { Benefit } from '../../data/membership/benefit';

export type { Benefit };

export interface BenefitUse {
  id: string;
  clientId: string;
  benefitId: string;
  cardId: string;
  merchantId: string;
  at: string;
  receivedAt: string;
}

export interface BenefitStore {
  insertBenefit(b: Benefit, createdBy: string): void;
  /** Every benefit, newest first. */
  benefits(): Benefit[];
  benefitById(id: string): Benefit | undefined;
  /**
   * Stores a use unless its clientId is known (then that use: `replay`) or the member already used
   * the benefit (`used`, with that use) — decided by the UNIQUE constraints, in one transaction.
   */
  insertBenefitUse(u: BenefitUse & { userId: string }): { use: BenefitUse; outcome: 'created' | 'replay' | 'used' };
  /** Uses of an account, newest first. */
  benefitUsesOfUser(userId: string): BenefitUse[];
}
