/**
 * /api/membership: the public verifier side (JWKS, revocation list, online verify — no session, no
 * Origin check, nothing personal) and the member's own side (apply, status, card — session and
 * the CSRF Origin check on writes). Online verify runs the same data/ verifier merchants run offline.
 */
import { webcrypto } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { applicationBody } from '../../data/membership/application';
import { verifyCardToken } from '../../data/membership/card-token';
import { dayIn } from '../../data/membership/benefit';
import { newId } from '../auth/ids';
import { sameOrigin } from '../auth/request';
import { currentUser, loadSession, requireUser, type AuthEnv } from '../auth/session';
import { currentCard } from '../membership/cards';
import { NoSigningKeyError, publishedKeys } from '../membership/keys';
import { problem, validate } from '../problem';
import { memberBenefits } from './benefits';

const TOKEN_MAX = 2048; // characters; a card token is about 300
const verifyBody = z.object({
  token: z.string({ error: 'token must be text' }).max(TOKEN_MAX, `token must be at most ${TOKEN_MAX} characters`),
});
const revocationQuery = z.object({
  since: z.coerce.number({ error: 'since must be a number' }).int('since must be an integer').min(0, 'since must be ≥ 0').default(0),
});

export const membershipRoutes = new Hono<AuthEnv>()
  // public: what any verifier (a merchant's phone, offline later) needs
  .get('/keys', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ keys: publishedKeys(c.get('deps').config.membershipKeyPath, c.get('deps').clock()) });
  })
  .get('/revocations', validate('query', revocationQuery), async (c) => {
    const { since } = c.req.valid('query');
    const list = await c.get('deps').store.revocations(since);
    // a verifier ahead of us (a restored database) starts over from the whole list
    const answer = since > list.version ? { ...(await c.get('deps').store.revocations(0)), reset: true } : list;
    c.header('Cache-Control', 'no-cache');
    return c.json(answer);
  })
  .post('/verify', validate('json', verifyBody), async (c) => {
    const { store, config, clock } = c.get('deps');
    const verdict = await verifyCardToken(c.req.valid('json').token, {
      keys: publishedKeys(config.membershipKeyPath, clock()),
      revoked: { has: (id) => store.isCardRevoked(id) },
      now: clock().getTime(),
      subtle: webcrypto.subtle,
    });
    return c.json(verdict);
  })
  // public: the union benefits running today (what a partner shop may redeem; nothing personal)
  .get('/benefits/active', async (c) => {
    const { store, clock } = c.get('deps');
    const today = dayIn(clock());
    c.header('Cache-Control', 'no-cache');
    return c.json({ items: (await store.benefits()).filter((b) => b.validFrom <= today && today <= b.validTo) });
  })
  // the member's own: a session, and the Origin check on writes
  .use('*', sameOrigin, loadSession, requireUser)
  .get('/', async (c) => {
    const { store } = c.get('deps');
    const user = currentUser(c);
    const application = await store.latestApplication(user.id);
    const member = await store.member(user.id);
    return c.json({ ...(application ? { application } : {}), ...(member ? { member } : {}) });
  })
  .post('/applications', validate('json', applicationBody), async (c) => {
    const { store, clock } = c.get('deps');
    const user = currentUser(c);
    if ((await store.member(user.id))?.status === 'active') return problem(c, 409, 'You are already a member; your card is at /card.');
    const id = newId('app');
    if (!(await store.insertApplication({ id, userId: user.id, input: c.req.valid('json'), createdAt: clock().toISOString() }))) {
      return problem(c, 409, 'You already have an open application; wait for its review.', { application: await store.latestApplication(user.id) });
    }
    return c.json({ application: await store.latestApplication(user.id) }, 201);
  })
  .get('/benefits', async (c) => c.json({ items: await memberBenefits(c.get('deps').store, currentUser(c).id, c.get('deps').clock()) }))
  .get('/redemptions', async (c) => c.json({ items: await c.get('deps').store.redemptionsOfUser(currentUser(c).id, 200) }))
  .get('/card', async (c) => {
    try {
      const card = await currentCard(c.get('deps'), currentUser(c).id);
      return card ? c.json({ card }) : problem(c, 404, 'No member card: apply for membership first (or ask the union why your card was withdrawn).');
    } catch (err) {
      if (!(err instanceof NoSigningKeyError)) throw err;
      console.error(err.message); // names the file; the client learns only what is missing
      return problem(c, 503, 'Member cards cannot be issued yet: the server has no signing key. An operator must run `npm run keys:create`.');
    }
  });
