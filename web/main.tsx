/**
 * Entry point: starts listening for the install prompt and the network, asks for the position (and
 * with one, the first nearest list), then renders the app over the offline-aware Api.
 */
import { render, type ComponentChild } from 'preact';
import { App } from './app';
import { firstPosition } from './hooks/use-location';
import { nearestQuery } from './hooks/use-places';
import { askNearestEarly, createApi } from './lib/api';
import { peekStartupFix, startLocating } from './lib/geolocation';
import { listenForInstall } from './lib/install';
import { copySlot, withOfflineCopy } from './lib/offline-api';
import { listenForNetwork, revalidating } from './lib/offline-status';
import { loadFilters, loadPosition } from './lib/prefs';
import { registerServiceWorker } from './lib/sw-bridge';
// Leaflet's stylesheet with the app's (before it: the app's map rules win): a stylesheet added when
// the map is made restyled and laid out the whole page again in that task, ~35 ms on a 4× phone
import 'leaflet/dist/leaflet.css';
import './styles/base.css';
import './styles/sheet.css';
import './styles/list.css';
import './styles/detail.css';
import './styles/map.css';
import './styles/offline.css';
import './styles/service.css';

listenForInstall();
listenForNetwork();
const root = document.getElementById('app')!;
/** Renders over the static shell of index.html (the app draws the same layout), removed in the same task: no blank frame between. */
const show = (app: ComponentChild) => {
  root.replaceChildren();
  render(app, root);
};
// the membership screens are their own lazily loaded chunks (the card at /card, the merchant's verifier at /verify)
const screen = /^\/(card|verify)\/?$/.exec(location.pathname)?.[1];
// they work offline too: the worker is registered from them as well (an update waits for the map to offer it)
if (screen) {
  root.replaceChildren(); // the shell is the map's layout, not theirs
  void registerServiceWorker({ onUpdate: () => undefined });
}
if (screen === 'card') void import('./card/card-app').then(({ CardApp }) => show(<CardApp />));
else if (screen === 'verify') void import('./verify/verify-app').then(({ VerifyApp }) => show(<VerifyApp />));
else {
  // the offline copy, filled once the offline runtime has started (after the first paint); a slow
  // read is given up as soon as the copy is in memory to answer it
  const copy = copySlot();
  // The position is asked for first: its fix is under way while the first render holds the main
  // thread. Without a stored position to start from, a fix that comes within 300 ms (a device keeps
  // a recent one) is waited for: the first render then asks for the nearest list at once.
  const stored = loadPosition() !== null;
  void startLocating(stored ? 100 : 300, !stored).then(() => {
    askFirstList();
    show(<App api={withOfflineCopy(createApi({ giveUp: () => copy.ready() !== null, revalidate: revalidating }), copy)} copy={copy} />);
  });
}

/**
 * Asks for the first render's nearest list now, in the task that renders (its position and filters
 * cannot change before the render reads them): that render and the first layout hold a slow
 * phone's main thread for a few hundred ms, and the list's own request is made after them.
 */
function askFirstList() {
  const at = firstPosition(peekStartupFix());
  if (at) askNearestEarly(nearestQuery(at, loadFilters()), revalidating() ? 'no-cache' : undefined);
}
