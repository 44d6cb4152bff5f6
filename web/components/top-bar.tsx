/**
 * The bar over the map: search (it gets the room; the language switch lives in the settings),
 * (when the browser offers it) Install, routes, settings. Below ~360 px (a phone at 200 % zoom) the
 * search takes a row of its own.
 */
import { useEffect, useState } from 'preact/hooks';
import { Download, Route, Search, Settings, X } from './icons';
import { promptInstall, watchInstall } from '../lib/install';
import { useI18n } from '../i18n/context';

interface Props {
  query: string;
  onQuery(q: string): void;
  /** the search box got the focus: a search is coming */
  onSearchFocus(): void;
  onSettings(): void;
  /** open the route planner (drivers) */
  onRoutes(): void;
}

export function TopBar({ query, onQuery, onSearchFocus, onSettings, onRoutes }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState(query);
  const [installable, setInstallable] = useState(false);
  useEffect(() => watchInstall(setInstallable), []);
  useEffect(() => setText(query), [query]);
  // Search as the user types, once they pause (a slow connection should not get a request per key).
  useEffect(() => {
    if (text.trim() === query) return;
    const id = setTimeout(() => onQuery(text.trim()), 350);
    return () => clearTimeout(id);
  }, [text]);

  return (
    <header class="top-bar">
      <h1 class="visually-hidden">{t('appTitle')}</h1>
      <form role="search" class="search" onSubmit={(e) => (e.preventDefault(), onQuery(text.trim()))}>
        <Search size={20} aria-hidden="true" class="icon search-icon" />
        <input
          type="search"
          value={text}
          aria-label={t('searchLabel')}
          placeholder={t('searchPlaceholder')}
          enterKeyHint="search"
          onInput={(e) => setText(e.currentTarget.value)}
          onFocus={onSearchFocus}
        />
        {text && (
          <button type="button" class="icon-btn" aria-label={t('searchClear')} onClick={() => (setText(''), onQuery(''))}>
            <X size={22} aria-hidden="true" />
          </button>
        )}
      </form>
      {installable && (
        <button type="button" class="bar-btn" aria-label={t('installLabel')} onClick={() => void promptInstall()}>
          <Download size={20} aria-hidden="true" />
          <span>{t('install')}</span>
        </button>
      )}
      <button type="button" class="bar-btn bar-route" aria-label={t('routeOpen')} onClick={onRoutes}>
        <Route size={22} aria-hidden="true" />
        <span aria-hidden="true">{t('routeShort')}</span>
      </button>
      <button type="button" class="bar-btn bar-icon" aria-label={t('settingsOpen')} onClick={onSettings}>
        <Settings size={22} aria-hidden="true" />
      </button>
    </header>
  );
}
