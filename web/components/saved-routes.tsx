/**
 * Saved routes: name, date, size and what they hold; open one (it works with no signal), or
 * delete it to free the space (a second tap confirms).
 */
import { useState } from 'preact/hooks';
import { Trash } from 'lucide-preact';
import { formatDate, formatDistance } from '../lib/format';
import { formatBytes } from '../lib/offline-format';
import type { SavedRouteSummary } from '../lib/saved-routes';
import { useI18n } from '../i18n/context';
import { useRouteT } from '../i18n/route';

interface Props {
  routes: SavedRouteSummary[] | null;
  onOpen(id: string): void;
  onDelete(r: SavedRouteSummary): void;
}

export function SavedRoutes({ routes, onOpen, onDelete }: Props) {
  const { locale } = useI18n();
  const rt = useRouteT();
  const [confirm, setConfirm] = useState<string | null>(null);
  return (
    <section class="saved-routes" aria-labelledby="saved-routes-title">
      <h2 id="saved-routes-title" class="section-title">{rt('routeSavedTitle')}</h2>
      {routes && routes.length === 0 && <p class="muted">{rt('routeSavedNone')}</p>}
      {routes && routes.length > 0 && (
        <ul class="saved-list">
          {routes.map((r) => (
            <li key={r.id} class="saved-row">
              <button type="button" class="row-name" onClick={() => onOpen(r.id)} aria-describedby={`saved-${r.id}`}>{r.name}</button>
              <p class="muted" id={`saved-${r.id}`}>
                {[
                  formatDate(new Date(r.createdAt).toISOString(), locale),
                  r.length ? formatDistance(r.length, locale) : null,
                  rt('routeCount', { n: r.items }),
                  r.tiles ? rt('routeSavedTiles', { n: r.tiles }) : rt('routeSavedNoTiles'),
                  formatBytes(r.bytes, locale),
                ].filter(Boolean).join(' · ')}
              </p>
              <button type="button" class={`btn ${confirm === r.id ? 'btn-danger' : 'btn-quiet'}`}
                onClick={() => (confirm === r.id ? (setConfirm(null), onDelete(r)) : setConfirm(r.id))}
                aria-label={confirm === r.id ? rt('routeDeleteConfirm', { name: r.name }) : rt('routeDeleteNamed', { name: r.name })}>
                <Trash size={20} aria-hidden="true" class="icon" />
                {confirm === r.id ? rt('routeDeleteSure') : rt('routeDelete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
