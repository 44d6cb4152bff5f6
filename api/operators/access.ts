/**
 * Who may act on one station: a union admin (any station), or an account an admin made that
 * station's operator. An operator asking about any other station gets the 404 a missing station
 * gets (so ids cannot be probed); an account that operates nothing (a merchant) gets a 403.
 */
import type { Context } from 'hono';
import { stationSchema, type Station } from '../../data/schema';
import type { AuthEnv } from '../auth/session';
import { problem } from '../problem';

/** The station the signed-in account may run, or the problem response to send instead. */
export async function stationForStaff(c: Context<AuthEnv>, id: string): Promise<Station | Response> {
  const user = c.get('user');
  if (!user) return problem(c, 401, 'Sign in first.');
  const { store } = c.get('deps');
  if (user.role !== 'admin') {
    if ((await store.operatorStationIds(user.id)).length === 0) return problem(c, 403, 'This needs an admin or station operator account.');
    if (!(await store.isOperator(user.id, id))) return problem(c, 404, `No station with id "${id}"`);
  }
  const doc = await store.stationDoc(id);
  if (doc === undefined) return problem(c, 404, `No station with id "${id}"`);
  return stationSchema.parse(JSON.parse(doc));
}

/** "operator" or "admin": who an edit's verification counts as. */
export const staffKind = (c: Context<AuthEnv>) => (c.get('user')?.role === 'admin' ? 'admin' : 'operator') as 'admin' | 'operator';
