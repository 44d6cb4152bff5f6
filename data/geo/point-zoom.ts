/**
 * The zoom from which a map view's answer (data/geo/viewport.ts) lists its stations one by one;
 * below it they come as clusters where they are many. Its own module: the PWA's first chunk needs
 * the number, not the viewport's code.
 */
export const POINT_ZOOM = 14;
