/**
 * A real list (ol > li) of places. Tab reaches every row; the arrow keys, Home and End move
 * between rows too, so a keyboard user never has to go through the map.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HoursModule } from '../hooks/use-hours';
import { mapDrawn, mapShownWithin } from '../lib/first-view';
import { isWide } from '../lib/layout';
import { PlaceRow, type RowPlace } from './place-row';

interface Props {
  places: readonly RowPlace[];
  now: Date;
  hours: HoursModule | null;
  selectedId: string | null;
  labelledBy: string;
  /** the row marked "Nearest" (the headline's answer) */
  markedId?: string | null;
  highlight?: readonly string[];
  busy?: boolean;
  /** rows numbered 1, 2, … (a route's stops, as on the map) */
  numbered?: boolean;
  onOpen(p: RowPlace): void;
}

const STEP: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i, n) => Math.min(n - 1, i + 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_, n) => n - 1,
};

function onKeyDown(e: KeyboardEvent) {
  const step = STEP[e.key];
  if (!step) return;
  const buttons = Array.from((e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('.row-name'));
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  e.preventDefault();
  buttons[step(i, buttons.length)]?.focus();
}

/**
 * The rows of a list a phone's first screen shows (two or three, under the headline, the position
 * line and the filters). A list drawn before the map has drawn its first places draws only these,
 * and the rest once it has (or after ROWS_WAIT_MS, or when it is made longer): on a slow phone the
 * rows no one could see yet held the first markers back by ~150 ms. Not in the side-panel layout,
 * which shows most of a list.
 */
const FOLD_ROWS = 4;
const ROWS_WAIT_MS = 1000;

/** The list of places, nearest first (or in route order). */
export function PlaceList({ places, now, hours, selectedId, labelledBy, markedId, highlight, busy, numbered, onOpen }: Props) {
  // one function for every render (a row is drawn again only when what it shows changed), calling the latest
  const latest = useRef(onOpen);
  latest.current = onOpen;
  const open = useMemo(() => (p: RowPlace) => latest.current(p), []);
  // the length of the list drawn folded (0: not folded); a list made longer meanwhile ("show more") is drawn whole
  const [folded, setFolded] = useState(() => (places.length > FOLD_ROWS && !mapDrawn() && !isWide() ? places.length : 0));
  useEffect(() => {
    if (!folded) return;
    let live = true;
    void mapShownWithin(ROWS_WAIT_MS).then(() => live && setFolded(0));
    return () => void (live = false);
  }, []);
  return (
    <ol class="place-list" aria-labelledby={labelledBy} aria-busy={busy ? 'true' : undefined} onKeyDown={onKeyDown}>
      {(folded === places.length ? places.slice(0, FOLD_ROWS) : places).map((p, i) => (
        <PlaceRow
          key={`${p.kind}:${p.id}`}
          place={p}
          now={now}
          hours={hours}
          selected={p.id === selectedId}
          first={markedId != null && p.id === markedId}
          highlight={highlight}
          n={numbered ? i + 1 : undefined}
          onOpen={open}
        />
      ))}
    </ol>
  );
}
