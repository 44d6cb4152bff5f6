/**
 * Makes a covering layer a history entry while `open`: the phone's Back and Escape close only the
 * top layer (web/lib/layers.ts). `close` is what Back does; closing by any other way takes the entry back.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { pushLayer } from '../lib/layers';

/** `history: false` for a layer whose history entry is kept elsewhere (Escape only). */
export function useLayer(open: boolean, close: () => void, o?: { history?: boolean }): void {
  const ref = useRef(close);
  ref.current = close;
  // a layout effect: the entry exists before the layer is painted, so a Back right after it opens closes it
  useLayoutEffect(() => (open ? pushLayer(() => ref.current(), o) : undefined), [open]);
}
