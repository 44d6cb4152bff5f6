/** Entry point: starts listening for the install prompt and the network, then renders the app over the offline-aware Api. */
import { render } from 'preact';
import { App } from './app';
import { createApi } from './lib/api';
import { listenForInstall } from './lib/install';
import { withOfflineCopy } from './lib/offline-api';
import { listenForNetwork } from './lib/offline-status';
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
root.replaceChildren(); // the static shell from index.html; the app draws the same layout
render(<App api={withOfflineCopy(createApi())} />, root);
