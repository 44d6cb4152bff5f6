/**
 * Marker icons built with DOM APIs: names and counts go in as text nodes, never as HTML, so a
 * station called "<img onerror=…>" is shown as those characters and runs nothing.
 */
import L from 'leaflet';

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

/** A pin for one place; the name is its accessible label and tooltip. */
export function pointIcon(name: string, kind: 'stations' | 'merchants', selected: boolean): L.DivIcon {
  const root = el('div', `mk-pin mk-${kind}${selected ? ' is-selected' : ''}`);
  root.title = name;
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
