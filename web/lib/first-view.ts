/**
 * The first screen's last step: the map has drawn its first places. The offline copy waits for it
 * (or a few seconds), so that on a slow phone its loading does not push the first markers back.
 */
let shown!: () => void;
export const mapShown = new Promise<void>((resolve) => (shown = resolve));
export const showMap = () => shown();
