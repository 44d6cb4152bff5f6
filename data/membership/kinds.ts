/**
 * Membership's plain key lists, without zod: the PWA's card and verify screens import these
 * without pulling the validation library into their chunks. Their words live in each app's i18n.
 */
export const OCCUPATIONS = [
  'food_delivery', 'courier', 'ride_hailing', 'truck_driver', 'sanitation', 'domestic_service', 'other',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
