/**
 * /api/merchants: approved merchants only, each with its approved offers valid today.
 */
import { Hono } from 'hono';
import { localDate, publicMerchant } from '../../data/merchants';
import { mapAnswer, mapAnswerFilter } from '../../data/map-answer';
import type { AppEnv } from '../env';
import { contentTag, jsonText, notModified } from '../http-cache';
import { itemsJson, merchantItems, present } from '../items';
import { LIMITS, bboxQuery, idParam, merchantNearestQuery } from '../params';
import { problem, validate } from '../problem';

export const merchantRoutes = new Hono<AppEnv>()
  .get('/nearest', validate('query', merchantNearestQuery), async (c) => {
    const q = c.req.valid('query');
    const { listings, store, clock } = c.get('deps');
    const listing = listings.merchants();
    const at = clock();
    const hits = listing.nearest({
      lng: q.lng, lat: q.lat, limit: q.limit ?? LIMITS.nearestDefault, maxDistance: q.maxDistance, open: q.open, at,
      categories: q.categories,
    });
    return jsonText(c, itemsJson(present(await merchantItems(listing, store, hits, at))), 'public, max-age=30');
  })
  .get('/', validate('query', bboxQuery), async (c) => {
    const q = c.req.valid('query');
    const { listings, clock } = c.get('deps');
    const listing = listings.merchants();
    const at = clock();
    const filter = mapAnswerFilter(listing, q, at);
    // points carry their open state: the answer changes with the minute
    const minute = Math.floor(at.getTime() / 60_000);
    const cached = notModified(c, `m${listings.builtAt()}-${q.bbox.join('_')}-${q.zoom}-${filter.key}-${q.open ?? ''}-${minute}`, 'public, max-age=60');
    if (cached) return cached;
    await listing.mapReady(filter); // a filter's first view: its clusters are built between other requests
    return c.json(mapAnswer(listing, q.bbox, q.zoom, q, at));
  })
  .get('/:id', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    const { store, clock } = c.get('deps');
    const m = await store.merchantById(id);
    if (!m) return problem(c, 404, `No merchant with id "${id}"`);
    const day = localDate(clock());
    const body = JSON.stringify({ merchant: publicMerchant(m, day) });
    const cached = notModified(c, `m${contentTag(body)}`);
    if (cached) return cached;
    return jsonText(c, body);
  });
