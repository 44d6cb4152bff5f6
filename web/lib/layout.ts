/**
 * The app's two layouts: on a phone the sheet lies over the bottom of the map; from WIDE_MIN_PX
 * (styles: `@media (min-width: 800px)`) it is a side panel the whole height of the screen.
 */
const WIDE_MIN_PX = 800;

/** The side-panel layout (a tablet or a computer), not the phone's. */
export const isWide = (): boolean => innerWidth >= WIDE_MIN_PX;
