/**
 * The map's first view when no position is known (a first visit): the whole country, and the map
 * size the server names its tiles for (data/map-tiles.ts firstScreenTiles). No imports: the PWA's
 * entry reads CHINA_VIEW.
 */

/** The map's view of the whole country, before any position is known (WGS-84). */
export const CHINA_VIEW = { lng: 108.5, lat: 34.5, zoom: 4 } as const;

/**
 * The map size the first screen's tiles are named for: a small phone held upright (360 × 740 CSS
 * px). Larger screens show these tiles and more (the map asks for the rest); a smaller one may
 * leave a row unused.
 */
export const FIRST_SCREEN = { width: 360, height: 740 } as const;
