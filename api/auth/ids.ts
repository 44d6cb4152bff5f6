/**
 * Random record ids for things the API creates (accounts, shops, offers, stations): short,
 * URL-safe, unguessable, and valid under the data model's id rule.
 */
import { randomBytes } from 'node:crypto';

/** A new id like `m_Xy3…` (prefix, underscore, 12 base64url characters). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}
