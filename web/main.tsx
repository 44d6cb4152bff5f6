/** Entry point: starts listening for the install prompt, then renders the app. */
import { render } from 'preact';
import { App } from './app';
import { createApi } from './lib/api';
import { listenForInstall } from './lib/install';
import './styles/base.css';
import './styles/sheet.css';
import './styles/list.css';
import './styles/detail.css';
import './styles/map.css';

listenForInstall();
const root = document.getElementById('app')!;
root.replaceChildren(); // the static shell from index.html; the app draws the same layout
render(<App api={createApi()} />, root);
