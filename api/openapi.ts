/**
 * The OpenAPI 3.1 description of the API, with the data schemas generated from the zod schemas
 * (one source of truth) and the parameters written beside the routes they describe.
 */
import { z } from 'zod';
import { CORRIDOR_LIMITS, corridorBody } from './routes/corridor';
import { AMENITY_KEYS, MERCHANT_CATEGORY_KEYS, NOTICE_KIND_KEYS, STATION_TYPE_KEYS } from '../data/catalog';
import { noticeJsonSchema, stationServicePaths } from './openapi-stations';
import { ITEM_FIELDS } from '../data/list-item';
import { merchantSchema, offerSchema, stationSchema } from '../data/schema';
import { LIMITS } from './params';
import { REGION_DEFAULTS } from '../data/sync-region';
import { accountPaths, reportPaths } from './openapi-accounts';
import { membershipPaths } from './openapi-membership';

type Param = { name: string; in: 'query' | 'path'; required?: boolean; description: string; schema: object };

const q = (name: string, description: string, schema: object, required = false): Param => ({
  name, in: 'query', required, description, schema,
});
const position = [
  q('lat', 'WGS-84 latitude in degrees', { type: 'number', minimum: -90, maximum: 90 }, true),
  q('lng', 'WGS-84 longitude in degrees', { type: 'number', minimum: -180, maximum: 180 }, true),
  q('limit', `How many (default ${LIMITS.nearestDefault})`, { type: 'integer', minimum: 1, maximum: LIMITS.nearestMax }),
  q('maxDistance', 'Metres', { type: 'number', exclusiveMinimum: 0, maximum: LIMITS.maxDistance }),
  q('open', '"now": open at this moment (station time zone); "24h": open around the clock', { enum: ['now', '24h'] }),
];
const csv = (keys: readonly string[]) => ({ type: 'string', description: `comma-separated: ${keys.join(', ')}` });
const viewport = [
  q('bbox', 'minLng,minLat,maxLng,maxLat (WGS-84)', { type: 'string' }, true),
  q('zoom', 'Map zoom level; clusters below the point zoom', { type: 'integer', minimum: 0, maximum: 24 }, true),
  q('open', '"24h": only 24-hour places; "now": single points open now only (clusters count all). Points carry `open` (true, false, null = hours unknown) and `status` when not open', { enum: ['now', '24h'] }),
  q('amenities', 'All of these amenities', csv(AMENITY_KEYS)),
  q('types', 'Any of these station types', csv(STATION_TYPE_KEYS)),
  q('categories', 'Any of these merchant categories', csv(MERCHANT_CATEGORY_KEYS)),
  q('notices', 'Stations with a current notice of any of these kinds', csv(NOTICE_KIND_KEYS)),
];
const idPath: Param = { name: 'id', in: 'path', required: true, description: 'Stable id', schema: { type: 'string' } };

const ok = (description: string, schema: object = { type: 'object' }) => ({
  200: { description, content: { 'application/json': { schema } } },
  400: { $ref: '#/components/responses/Problem' },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const items = (name: string) => ({ type: 'object', properties: { items: { type: 'array', items: ref(name) } } });

/** The whole OpenAPI document. */
export function openApiDocument() {
  const get = (summary: string, parameters: Param[], responses: object) => ({ get: { summary, parameters, responses } });
  return {
    openapi: '3.1.0',
    info: { title: 'Yizhan API', version: '1', description: 'Trade-union service stations and member offers. Positions are WGS-84, distances metres; errors are RFC 9457 problem+json.' },
    paths: {
      '/api/health': get('Liveness and counts; status "degraded" and writes.writable false while the database cannot be written; store is "sqlite" or "postgres"', [], ok('Counts, data version, write status, store kind')),
      '/api/ready': get('Readiness for a load balancer: 503 while this process has lost its database (writes.reason "unreachable"); writes says whether writes can succeed', [], { ...ok('{ ready: true, writes }'), 503: { description: '{ ready: false, writes }: the database cannot be reached' } }),
      '/api/config': get('Runtime configuration for the web app (tiles, routing)', [], ok('Config')),
      '/api/stations/nearest': get('Nearest stations', [...position, q('amenities', 'All of these', csv(AMENITY_KEYS)), q('types', 'Any of these', csv(STATION_TYPE_KEYS)), q('notices', 'Only stations with a current notice of any of these kinds', csv(NOTICE_KIND_KEYS)), q('fields', 'full: whole records (NearStation); absent: the fields a list row shows (ListedStation)', { enum: ITEM_FIELDS })], ok('Nearest first', { oneOf: [items('ListedStation'), items('NearStation')] })),
      '/api/stations': get('Stations in a viewport (GeoJSON; clusters at low zoom)', viewport, ok('FeatureCollection')),
      '/api/stations/{id}': get('One station', [idPath], { ...ok('The station with its current notices and visitor confirmations', { type: 'object', properties: { station: { allOf: [ref('Station'), { type: 'object', properties: { notices: { type: 'array', items: ref('Notice'), description: 'current ones only, soonest first' }, confirmations: ref('Confirmations') } }] } } }), 404: { $ref: '#/components/responses/Problem' } }),
      '/api/merchants/nearest': get('Nearest approved merchants with current offers', [...position, q('categories', 'Any of these', csv(MERCHANT_CATEGORY_KEYS))], ok('Nearest first', items('Merchant'))),
      '/api/merchants': get('Approved merchants in a viewport', viewport, ok('FeatureCollection')),
      '/api/merchants/{id}': get('One approved merchant', [idPath], { ...ok('The merchant', { type: 'object', properties: { merchant: ref('Merchant') } }), 404: { $ref: '#/components/responses/Problem' } }),
      '/api/search': get('Stations and approved merchants by name or id, name prefix first, then nearest', [q('q', 'Text to find (1–50 characters)', { type: 'string' }, true), position[0], position[1], q('limit', 'How many (default 30)', { type: 'integer', minimum: 1, maximum: 50 })], ok('Items with kind station|merchant')),
      '/api/sync': get('Changes since a version, columnar (see data/sync-codec.ts)', [
        q('since', 'Last version the client has; 0 or absent for everything', { type: 'integer', minimum: 0 }),
        q('near', `lng,lat (WGS-84): when the answer is a snapshot, only the region around this point — the largest of ${REGION_DEFAULTS.radii.map((r) => r / 1000).join('/')} km holding ≤ ${REGION_DEFAULTS.maxRecords} records, a box on a ${REGION_DEFAULTS.grid}° grid (data/sync-region.ts) — and the body says which in \`region\` { bbox, center, radius (m), province }. Ignored for a delta, which is always the whole country's: a regional client keeps the upserts inside its bbox and treats those outside as deletions`, { type: 'string', pattern: '^-?[0-9.]+,-?[0-9.]+$' }),
      ], ok('Upserts and deletions with the new version; `region` when the snapshot is regional')),
      '/api/sync/size': get('The size of the whole-country snapshot (GET /api/sync?since=0) before downloading it', [], ok('{ version, stations, merchants, encoding (br|gzip|identity, as this request accepts), bytes (the body in that encoding), json (bytes uncompressed) }', {
        type: 'object', properties: { version: { type: 'integer' }, stations: { type: 'integer' }, merchants: { type: 'integer' }, encoding: { enum: ['br', 'gzip', 'identity'] }, bytes: { type: 'integer' }, json: { type: 'integer' } },
      })),
      ...accountPaths(),
      ...reportPaths(),
      ...routePaths(),
      ...stationServicePaths(),
      ...membershipPaths(),
    },
    components: {
      schemas: {
        Station: z.toJSONSchema(stationSchema, { io: 'output' }),
        NearStation: {
          allOf: [ref('Station'), { type: 'object', properties: { distance: { type: 'number', description: 'metres' }, openNow: { type: ['boolean', 'null'], description: 'null when hours are unknown' }, is24h: { type: 'boolean' }, nextChange: { type: 'string', format: 'date-time', description: 'when it next opens or closes (absent for 24 h or unknown hours)' }, noticeKinds: { type: 'array', items: { enum: NOTICE_KIND_KEYS }, description: 'kinds of its current notices' }, confirmations: ref('Confirmations'), partial: { type: 'boolean', description: 'true while the database cannot be reached: only what the index holds (no address, phone or notes)' } } }],
        },
        ListedStation: {
          type: 'object',
          description: 'a station as the nearest list shows it (data/list-item.ts); the whole record is GET /api/stations/{id} or fields=full',
          required: ['id', 'name', 'lat', 'lng', 'type', 'status', 'amenities', 'distance', 'openNow', 'is24h', 'noticeKinds'],
          properties: {
            id: { type: 'string' }, name: { type: 'string' }, lat: { type: 'number' }, lng: { type: 'number' },
            type: { enum: STATION_TYPE_KEYS }, status: { type: 'string' }, amenities: { type: 'array', items: { enum: AMENITY_KEYS } },
            amenities_unavailable: { type: 'array', items: { enum: AMENITY_KEYS } }, opening_hours: { type: 'string' }, timezone: { type: 'string' },
            closed_until: { type: 'string', format: 'date' }, verified_at: { type: 'string', format: 'date-time' },
            distance: { type: 'number', description: 'metres' }, openNow: { type: ['boolean', 'null'] }, is24h: { type: 'boolean' },
            nextChange: { type: 'string', format: 'date-time' }, noticeKinds: { type: 'array', items: { enum: NOTICE_KIND_KEYS } },
            partial: { type: 'boolean', description: 'true while the database cannot be reached: only what the index holds' },
          },
        },
        Notice: noticeJsonSchema(),
        Confirmations: { type: 'object', description: 'visitor confirmations over the last 30 days', properties: { count: { type: 'integer' }, last: { type: 'string', format: 'date-time' } } },
        Merchant: z.toJSONSchema(merchantSchema, { io: 'output' }),
        Offer: z.toJSONSchema(offerSchema, { io: 'output' }),
        Problem: {
          type: 'object',
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' }, invalid_params: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, reason: { type: 'string' } } } } },
        },
      },
      responses: {
        Problem: { description: 'Bad input (RFC 9457)', content: { 'application/problem+json': { schema: ref('Problem') } } },
      },
    },
  };
}

/** Routes for drivers: the corridor along a line, routing through ROUTER_URL, and the API's own map tiles. */
function routePaths() {
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
  const pos = (name: string, description: string, required = true): Param => q(name, description, { type: 'string', pattern: '^-?[0-9.]+,-?[0-9.]+$' }, required);
  const whole = (name: string): Param => ({ name, in: 'path', required: true, description: `tile ${name}`, schema: { type: 'integer', minimum: 0 } });
  const get = (summary: string, parameters: Param[], responses: object) => ({ get: { summary, parameters, responses } });
  return {
    '/api/corridor': {
      post: {
        summary: `Stations and approved merchants within width metres of a line, in route order (at most ${CORRIDOR_LIMITS.items})`,
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(corridorBody, { io: 'input', unrepresentable: 'any' }) } } },
        responses: {
          200: { description: 'Items in route order, each with kind, along and offset (metres); length of the line; truncated when cut at limit, with next to pass back as cursor', content: { 'application/json': { schema: { type: 'object', properties: {
            length: { type: 'number', description: 'metres along the line' }, truncated: { type: 'boolean' },
            next: { type: 'string', description: 'when truncated: send the same question with cursor = next for the following page (route order, nothing repeated or skipped while the data is unchanged)' },
            items: { type: 'array', items: { allOf: [{ oneOf: [ref('NearStation'), ref('Merchant')] }, { type: 'object', properties: {
              kind: { enum: ['station', 'merchant'] }, along: { type: 'number', description: 'metres from the start to where the route passes nearest' }, offset: { type: 'number', description: 'metres from the route' },
            } }] } },
          } } } } },
          400: problem('Invalid body (each field named in invalid_params)'),
        },
      },
    },
    '/api/route': get('A driving route from the configured OSRM-compatible service (ROUTER_URL)', [pos('from', 'lng,lat'), pos('to', 'lng,lat'), q('via', 'lng,lat;lng,lat… (up to 25)', { type: 'string' })], {
      200: { description: 'line ([[lng, lat], …], simplified to a few metres), distance (m), duration (s)', content: { 'application/json': { schema: { type: 'object' } } } },
      400: problem('Invalid positions'), 422: problem('No route between these points'), 502: problem('The routing service failed or timed out'), 503: problem('No routing service configured'),
    }),
    '/tiles/{z}/{x}/{y}': get('A raster map tile from the configured MBTiles file (MBTILES_PATH); y may end in .png, .jpg or .webp', [whole('z'), whole('x'), whole('y')], {
      200: { description: 'The tile (Content-Type from the file; ETag; cached a week)', content: { 'image/png': {}, 'image/jpeg': {}, 'image/webp': {} } },
      400: problem('Invalid z/x/y'), 404: problem('No such tile, or no MBTiles file configured'),
    }),
  };
}
