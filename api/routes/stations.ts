/**
 * /api/stations: nearest, viewport (bbox + zoom, clustered at low zoom) and one station by id.
 */
import { Hono } from 'hono';
import { mapAnswer, mapAnswerFilter } from '../../data/map-answer';
import type { AppEnv } from '../env';
import { contentTag, jsonText, notModified } from '../http-cache';
import { itemsJson, stationItems, stationRowsJson, present } from '../items';
import { LIMITS, bboxQuery, idParam, quickStationNearest, stationNearestQuery } from '../params';
import { problem, validate } from '../problem';
import { publicStation } from '../../data/station-view';
import type { Station } from '../../data/schema';

export const stationRoutes = new Hono<AppEnv>()
  .get('/nearest', validate('query', stationNearestQuery, quickStationNearest), async (c) => {
    const q = c.req.valid('query');
    const { listings, store, clock } = c.get('deps');
    const listing = listings.stations();
    const at = clock();
    const hits = listing.nearest({
      lng: q.lng, lat: q.lat, limit: q.limit ?? LIMITS.nearestDefault, maxDistance: q.maxDistance, open: q.open, at,
      amenities: q.amenities, types: q.types, notices: q.notices,
    });
    // the row's fields (data/list-item.ts) unless whole records are asked for
    const body = q.fields === 'full' ? itemsJson(present(await stationItems(listing, store, hits, at))) : await stationRowsJson(listing, store, hits, at);
    return jsonText(c, body, 'public, max-age=30');
  })
  .get('/', validate('query', bboxQuery), async (c) => {
    const q = c.req.valid('query');
    const { listings, clock } = c.get('deps');
    const listing = listings.stations();
    const at = clock();
    const filter = mapAnswerFilter(listing, q, at);
    // points carry their open state: the answer changes with the minute
    const minute = Math.floor(at.getTime() / 60_000);
    const cached = notModified(c, `s${listings.builtAt()}-${q.bbox.join('_')}-${q.zoom}-${filter.key}-${q.open ?? ''}-${minute}`, 'public, max-age=60');
    if (cached) return cached;
    await listing.mapReady(filter); // a filter's first view: its clusters are built between other requests
    return c.json(mapAnswer(listing, q.bbox, q.zoom, q, at));
  })
  .get('/:id', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    const { store } = c.get('deps');
    const doc = await store.stationDoc(id);
    if (doc === undefined) return problem(c, 404, `No station with id "${id}"`);
    const at = c.get('deps').clock();
    // notices end and confirmations age by the clock: the answer holds for this minute
    const cached = notModified(c, `s${contentTag(doc)}-${Math.floor(at.getTime() / 60_000)}`);
    if (cached) return cached;
    return c.json({ station: publicStation(JSON.parse(doc) as Station, at) });
  });
