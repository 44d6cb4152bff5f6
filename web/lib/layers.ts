/**
 * Covering layers (search results, a filter panel, settings, "change location", map picking, a
 * dialog, a menu) as a stack: each open layer is a history entry, so the phone's Back closes only
 * the top one, and Escape does the same. A layer closed by its own button takes its entry back.
 *
 * Each entry's history.state lists the layers open in it (`yizhanLayers`); on popstate every layer
 * not listed is closed. Ids carry a per-page-load prefix, so entries left from before a reload
 * never match a new layer.
 */

interface Layer {
  id: string;
  /** false: an Escape-only layer whose history entry someone else keeps (the open place) */
  history: boolean;
  close(): void;
}

const KEY = 'yizhanLayers';
const TOP = 'yizhanTop';
const run = Math.random().toString(36).slice(2, 8);
let next = 0;
const stack: Layer[] = [];
/** layers closed by their own button whose entry may still be in the history */
const closedByUi = new Set<string>();
let backing = false;
/** layers opened while a step back was still under way: their entries are pushed once it lands */
const waiting: Layer[] = [];

const state = (): Record<string, unknown> => {
  const s: unknown = history.state;
  return s && typeof s === 'object' ? (s as Record<string, unknown>) : {};
};
const listed = (): string[] => {
  const ids = state()[KEY];
  return Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : [];
};

/** history.state for a new entry that keeps the layers open now (for other code that pushes entries). */
export function entryState(extra?: Record<string, unknown>): Record<string, unknown> {
  return { ...extra, [KEY]: stack.filter((l) => l.history).map((l) => l.id) };
}

/** Steps back over the current entry when it belongs to a layer already closed (one step at a time). */
function dropClosedEntry() {
  const top = state()[TOP];
  if (backing || typeof top !== 'string' || !closedByUi.has(top)) return;
  closedByUi.delete(top);
  backing = true;
  history.back();
}

/** Adds the layer's history entry (on top of the current one, which keeps the layers under it). */
function record(layer: Layer) {
  history.pushState({ ...state(), ...entryState(), [TOP]: layer.id }, '', location.href);
}

/** Opens a layer; returns the function that closes it from the UI (its button, its own Escape). */
export function pushLayer(close: () => void, o: { history?: boolean } = {}): () => void {
  const layer: Layer = { id: `${run}-${++next}`, history: o.history ?? true, close };
  stack.push(layer);
  // history.back() is asynchronous: an entry pushed before it lands would be the one it steps off
  if (layer.history) (backing ? waiting.push(layer) : record(layer));
  return () => {
    const at = stack.indexOf(layer);
    if (at < 0) return; // already closed by Back
    stack.splice(at, 1);
    if (!layer.history) return;
    const queued = waiting.indexOf(layer);
    if (queued >= 0) return void waiting.splice(queued, 1); // it never had an entry
    closedByUi.add(layer.id);
    // after the current render: several layers closing together go back one entry at a time
    queueMicrotask(dropClosedEntry);
  };
}

/** Closes the top layer, as Escape would; false when no layer is open. */
export function closeTopLayer(): boolean {
  const top = stack.at(-1);
  if (!top) return false;
  top.close();
  return true;
}

if (typeof window !== 'undefined') {
  addEventListener('popstate', () => {
    backing = false;
    const open = new Set([...listed(), ...waiting.map((l) => l.id)]);
    for (let i = stack.length - 1; i >= 0; i--) {
      const l = stack[i];
      if (!l.history || open.has(l.id)) continue;
      stack.splice(i, 1);
      l.close();
    }
    for (const l of waiting.splice(0)) if (stack.includes(l)) record(l);
    dropClosedEntry();
  });
  // Capture phase: before any element's own Escape handling (e.g. the detail's), which then sees
  // defaultPrevented and leaves it.
  addEventListener(
    'keydown',
    (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || stack.length === 0) return;
      e.preventDefault();
      closeTopLayer();
    },
    true,
  );
}
