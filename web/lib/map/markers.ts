/**
 * Marker icons built with DOM APIs: names and counts go in as text nodes, never as HTML, so a
 * station called "<img onerror=…>" is shown as those characters and runs nothing.
 */
import * as L from './leaflet';

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A round cluster badge with its count (already formatted for the locale); bigger clusters get a bigger circle. */
export function clusterIcon(count: number, shown: string, label: string, kind: 'stations' | 'merchants'): L.DivIcon {
  const size = count < 10 ? 40 : count < 100 ? 48 : count < 1000 ? 56 : 64;
  const root = el('div', `mk-cluster mk-${kind}`, shown);
  root.setAttribute('aria-label', label);
  return L.divIcon({ html: root, className: 'mk', iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}

/** A pin's state: open now, closed now, hours unknown, or temporarily closed. */
export type PinState = 'open' | 'closed' | 'unknown' | 'paused';

/** A map point's state from its properties (data/map-answer.ts). */
export function pinState(p: Record<string, unknown>): PinState {
  if (p.status === 'temporarily_closed') return 'paused';
  return p.open === true ? 'open' : p.open === false ? 'closed' : 'unknown';
}

/**
 * A pin for one place; its name and state are its tooltip. Not colour alone: a closed pin is pale
 * with a bar across its dot, a paused one shows two bars, unknown hours a hollow dot.
 */
export function pointIcon(name: string, kind: 'stations' | 'merchants', selected: boolean, state: PinState = 'open', stateText = ''): L.DivIcon {
  const root = el('div', `mk-pin mk-${kind} is-${state}${selected ? ' is-selected' : ''}`);
  root.title = stateText ? `${name} · ${stateText}` : name;
  root.append(el('span', 'mk-dot'));
  const size = selected ? 40 : 28;
  return L.divIcon({ html: root, className: 'mk', iconSize: [size, size], iconAnchor: [size / 2, size] });
}

/** The user's position: a blue dot with a white ring. */
export function userIcon(label: string): L.DivIcon {
  const root = el('div', 'mk-user');
  root.title = label;
  return L.divIcon({ html: root, className: 'mk', iconSize: [22, 22], iconAnchor: [11, 11] });
}

/** A stop along a route: its number in the corridor list; the name is its label and tooltip. */
export function stopIcon(n: number, name: string, kind: 'stations' | 'merchants'): L.DivIcon {
  const root = el('div', `mk-stop mk-${kind}`, String(n));
  root.title = name;
  return L.divIcon({ html: root, className: 'mk', iconSize: [30, 30], iconAnchor: [15, 15] });
}
