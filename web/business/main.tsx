/** Entry point of the business app (/business/): merchants and union admins. */
import { render } from 'preact';
import { BusinessApp } from './app';
import { createBizApi, hasSessionHint } from './lib/api';
import '../styles/base.css';
import './styles/business.css';

const root = document.getElementById('app')!;
root.replaceChildren();
render(<BusinessApp api={createBizApi({ mayBeSignedIn: () => hasSessionHint(document.cookie) })} />, root);
