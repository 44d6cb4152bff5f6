/**
 * Finding a station to edit: by exact id (GET /api/stations/{id}, which also finds closed ones)
 * and by name (GET /api/search, nearest to a chosen city first). The query lives in the URL, so
 * Back from a station returns to the same results.
 */
import { ChevronRight, Plus, Search } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { STATION_TYPES } from '../../../data/catalog';
import type { Station } from '../../../data/schema';
import { CITIES } from '../../lib/cities';
import { useApp } from '../app-context';
import { ErrorBox, Loading, PageHead } from '../components/ui';
import { useData } from '../hooks/use-data';
import { useI18n } from '../i18n';
import type { BizApi } from '../lib/api';
import { BizError } from '../lib/api-client';
import { href } from '../lib/router';

const DEFAULT_CITY = 'nanjing';
/** The last search's hash, for the station page's Back link. */
export let lastSearch = href('stations');
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Stations matching a query: the one with that id first (if any), then name matches. */
async function findStations(api: BizApi, q: string, city: string): Promise<Station[]> {
  const c = CITIES.find((x) => x.key === city) ?? CITIES[0];
  const byId = ID.test(q)
    ? api.station(q).catch((e: unknown) => {
      if (e instanceof BizError && e.kind === 'not_found') return null;
      throw e;
    })
    : Promise.resolve(null);
  const [exact, named] = await Promise.all([byId, api.searchStations(q, [c.lng, c.lat])]);
  return exact ? [exact, ...named.filter((s) => s.id !== exact.id)] : named;
}

export function StationsScreen({ query }: { query: Record<string, string> }) {
  const { t, tk, label } = useI18n();
  const { api, navigate } = useApp();
  const q = (query.q ?? '').trim();
  const city = query.near ?? DEFAULT_CITY;
  const [text, setText] = useState(q);
  const [near, setNear] = useState(city);
  const results = useData(q ? () => findStations(api, q, city) : null, `${q}|${city}`);
  lastSearch = href('stations', {}, { q: q || undefined, near: q ? city : undefined });
  const typeLabel = (k: string) => {
    const e = STATION_TYPES.find((x) => x.key === k);
    return e ? label(e) : k;
  };
  const submit = (e: Event) => {
    e.preventDefault();
    navigate(href('stations', {}, { q: text.trim() || undefined, near }));
  };
  return (
    <section>
      <PageHead title={t('stationsTitle')}>
        <a class="btn btn-primary" href={href('station-new')}><Plus size={20} aria-hidden="true" class="icon" />{t('stationAdd')}</a>
      </PageHead>
      <form class="form search-form" role="search" onSubmit={submit}>
        <div class="field">
          <label for="station-q">{t('stationFind')}</label>
          <p class="help" id="station-q-help">{t('stationFindHelp')}</p>
          <input id="station-q" type="search" value={text} maxLength={50} aria-describedby="station-q-help" onInput={(e) => setText(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="station-near">{t('near')}</label>
          <select id="station-near" value={near} onChange={(e) => setNear(e.currentTarget.value)}>
            {CITIES.map((c) => <option key={c.key} value={c.key}>{label(c)}</option>)}
          </select>
        </div>
        <button type="submit" class="btn btn-primary"><Search size={20} aria-hidden="true" class="icon" />{t('stationFindSubmit')}</button>
      </form>
      {results.error && <ErrorBox error={results.error} onRetry={results.reload} />}
      {q && results.loading && <Loading />}
      {q && results.data && !results.loading && (
        <div class="results">
          <p role="status" class={results.data.length ? 'visually-hidden' : 'empty'}>
            {results.data.length ? t('stationFound', { n: results.data.length }) : t('stationNone', { q })}
          </p>
          {results.data.length > 0 && (
            <ul class="cards">
              {results.data.map((s) => (
                <li key={s.id} class="card" data-id={s.id}>
                  <a class="card-link" href={href('station', { stationId: s.id })}>
                    <span class="card-title">{s.name}</span>
                    <ChevronRight size={22} aria-hidden="true" class="icon" />
                  </a>
                  <p class="muted">{typeLabel(s.type)} · {s.id}</p>
                  {s.address && <p>{s.address}</p>}
                  <p class={`station-status status-${s.status}`}>{tk('stationStatus_', s.status)}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
