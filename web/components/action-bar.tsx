/**
 * The big buttons at the bottom of a place: Navigate (a route in Amap, Baidu, Tencent, Apple,
 * Google or any map app, in the order this platform's riders use them), Call, Share. Navigation
 * links carry coordinates in each app's own system (data/nav-links).
 */
import { useState } from 'preact/hooks';
import { Navigation, Phone, Share2 } from 'lucide-preact';
import { navLinks, navPlatform, type NavApp, type NavFrom, type NavTarget } from '../../data/nav-links';
import { useI18n } from '../i18n/context';
import { useLayer } from '../hooks/use-layer';
import type { MessageKey } from '../i18n';

const APP_LABEL: Record<NavApp, MessageKey> = {
  amap: 'navAmap', baidu: 'navBaidu', tencent: 'navTencent', apple: 'navApple', google: 'navGoogle', geo: 'navGeo',
};
const platform = navPlatform(navigator.userAgent, navigator.maxTouchPoints);

/** `from`: the rider's position (WGS-84), the start of a route where an app cannot find it itself. */
export function ActionBar({ target, from, phone, onShare }: { target: NavTarget; from?: NavFrom; phone?: string; onShare(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  // Back or Escape closes the menu, not the place
  useLayer(open, () => setOpen(false));
  return (
    <div class="action-bar">
      {open && (
        <nav class="nav-menu" id="nav-menu" aria-label={t('navTitle')}>
          <ul>
            {navLinks(target, platform, from).map((l) => (
              <li key={l.app}>
                <a href={l.href} data-app={l.app} target={l.app === 'geo' ? undefined : '_blank'} rel="noopener noreferrer">
                  {t(APP_LABEL[l.app])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div class="action-row">
        <button type="button" class="btn btn-primary btn-nav" aria-expanded={open} aria-controls="nav-menu" onClick={() => setOpen(!open)}>
          <Navigation size={22} aria-hidden="true" class="icon" />
          {t('detailNavigate')}
        </button>
        {phone && (
          <a class="btn btn-secondary" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
            <Phone size={22} aria-hidden="true" class="icon" />
            {t('detailCall')}
          </a>
        )}
        <button type="button" class="btn btn-secondary" onClick={onShare}>
          <Share2 size={22} aria-hidden="true" class="icon" />
          {t('detailShare')}
        </button>
      </div>
    </div>
  );
}
