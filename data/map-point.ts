/**
 * A station list item as the map point a view's answer (data/map-answer.ts) carries for it, with
 * the same properties and state: the first answer's stations can be pins at once, and the view's
 * answer, when it arrives, keeps them (a pin is kept while its id and state are). Types only from
 * the listing: the first screen's chunk takes this without the listing's code.
 */
import type { Feature, Point } from 'geojson';
import type { StationRow } from './list-item';
import type { LiveFields } from './listing-core';

export function listItemPoint(s: Pick<StationRow, 'id' | 'name' | 'lng' | 'lat' | 'type' | 'status'> & Pick<LiveFields, 'openNow' | 'is24h'>): Feature<Point> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [s.lng, s.lat] },
    properties: { id: s.id, name: s.name, type: s.type, is24h: s.is24h, open: s.openNow, ...(s.status !== 'open' ? { status: s.status } : {}) },
  };
}
