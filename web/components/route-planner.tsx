/**
 * Getting a route, three ways: from/to (and stops between) picked by search, a city, the current
 * position or a tap on the map, routed by the server's router; a GPX, KML or GeoJSON file from the
 * phone; or points tapped on the map, joined by straight lines when nothing else is available.
 */
import { useEffect, useState } from 'preact/hooks';
import { FileUp, LocateFixed, MapPinned, Navigation, Plus, Spline, X } from 'lucide-preact';
import { RouteFileError } from '../../data/route-file';
import { ApiError, type Api, type LngLat } from '../lib/api';
import { CITIES } from '../lib/cities';
import { loadPlaces } from '../lib/places';
import { usePlaceSearch } from '../hooks/use-place-search';
import { readRouteFile, type ActiveRoute } from '../lib/route-plan';
import { useI18n } from '../i18n/context';
import { useRouteT, type RouteKey } from '../i18n/route';

/** A chosen end or stop: what to call it and where it is (WGS-84). */
export interface Endpoint {
  label: string;
  at: LngLat;
  /** the place name the route is named after (a city, county, station or shop); none for my
   * position or a point on the map, which take the name of the nearest city or county */
  place?: string;
}

interface Props {
  api: Api;
  /** the server has a router (config.routing.available) */
  routing: boolean;
  pos: LngLat | null;
  onRoute(r: ActiveRoute): void;
  /** let the driver tap a position on the map; `done` gets it */
  onPickOnMap(what: string, done: (at: LngLat) => void): void;
  /** start drawing the route by tapping points */
  onDraw(): void;
}

const FILE_ERRORS: Record<string, RouteKey> = {
  empty: 'routeFileEmpty', not_xml: 'routeFileBroken', unknown_format: 'routeFileUnknown', no_line: 'routeFileNoLine',
  bad_coordinates: 'routeFileBadCoordinates', too_large: 'routeFileTooLarge',
};

/** What a failed routing call means for the driver. */
function routeError(e: unknown): RouteKey {
  if (!(e instanceof ApiError)) return 'routeFailed';
  if (e.kind === 'network') return 'routeOffline';
  if (e.status === 503) return 'routeNoRouter';
  if (e.status === 422) return 'routeNotFound';
  return 'routeFailed';
}

/** What a route through these points is called: their place names (南京市玄武区 → 上海市). */
export async function routeName(points: readonly Endpoint[], locale: string): Promise<string> {
  const places = points.every((e) => e.place) ? null : await loadPlaces().catch(() => null);
  const names = points.map((e) => e.place ?? (places ? places.fullName(places.nearest(e.at), locale) : e.label));
  return names.filter((n, k) => n !== names[k - 1]).join(' → '); // a route drawn within one district: its name once
}

export function RoutePlanner({ api, routing, pos, onRoute, onPickOnMap, onDraw }: Props) {
  const { locale } = useI18n();
  const rt = useRouteT();
  const [from, setFrom] = useState<Endpoint | null>(null);
  const [to, setTo] = useState<Endpoint | null>(null);
  const [via, setVia] = useState<(Endpoint | null)[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!from && pos) setFrom({ label: rt('routeMyPosition'), at: pos });
  }, [pos?.[0], pos?.[1]]);

  const stops = via.filter((v): v is Endpoint => v !== null);
  const plan = async () => {
    if (!from || !to) return;
    setBusy(true);
    setError(null);
    try {
      const [{ data: r }, name] = await Promise.all([api.route(from.at, to.at, stops.map((v) => v.at)), routeName([from, ...stops, to], locale)]);
      onRoute({ name, line: r.line, distance: r.distance, duration: r.duration });
    } catch (e) {
      setError(rt(routeError(e)));
    } finally {
      setBusy(false);
    }
  };
  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // the same file again is a new choice
    if (!file) return;
    setError(null);
    try {
      onRoute(await readRouteFile(file));
    } catch (e) {
      // the reason in the UI's words (the parser's English detail is for logs, not for drivers)
      setError(rt(e instanceof RouteFileError ? FILE_ERRORS[e.reason] ?? 'routeFileUnknown' : 'routeFileUnknown', { n: e instanceof RouteFileError ? e.position ?? '?' : '?' }));
    }
  };

  return (
    <section class="route-planner" aria-labelledby="route-plan-title">
      <h2 id="route-plan-title" class="headline">{rt('routePlanTitle')}</h2>
      <PlaceField id="route-from" label={rt('routeFrom')} value={from} onChange={setFrom} api={api} pos={pos} onPickOnMap={onPickOnMap} />
      {via.map((v, k) => (
        <div class="route-via" key={k}>
          <PlaceField id={`route-via-${k}`} label={rt('routeVia', { n: k + 1 })} value={v} api={api} pos={pos} onPickOnMap={onPickOnMap}
            onChange={(e) => setVia(via.map((x, j) => (j === k ? e : x)))} />
          <button type="button" class="icon-btn" aria-label={rt('routeViaRemove', { n: k + 1 })} onClick={() => setVia(via.filter((_, j) => j !== k))}>
            <X size={22} aria-hidden="true" />
          </button>
        </div>
      ))}
      <PlaceField id="route-to" label={rt('routeTo')} value={to} onChange={setTo} api={api} pos={pos} onPickOnMap={onPickOnMap} />
      <div class="route-plan-actions">
        <button type="button" class="btn btn-secondary" onClick={() => setVia([...via, null])} disabled={via.length >= 5}>
          <Plus size={20} aria-hidden="true" class="icon" />
          {rt('routeViaAdd')}
        </button>
        <button type="button" class="btn btn-primary" onClick={() => void plan()} disabled={!routing || !from || !to || busy}>
          <Navigation size={20} aria-hidden="true" class="icon" />
          {busy ? rt('routeRouting') : rt('routeGo')}
        </button>
      </div>
      {!routing && <p class="muted">{rt('routeNoRouterHint')}</p>}
      {error && <p class="form-error" role="alert">{error}</p>}
      <h3 class="route-or">{rt('routeOther')}</h3>
      <div class="route-plan-actions">
        <label class="btn btn-secondary file-btn">
          <FileUp size={20} aria-hidden="true" class="icon" />
          {rt('routeImport')}
          <input type="file" class="visually-hidden" accept=".gpx,.kml,.geojson,.json,application/gpx+xml,application/vnd.google-earth.kml+xml,application/geo+json,application/json"
            onChange={(e) => void importFile(e.currentTarget)} />
        </label>
        <button type="button" class="btn btn-secondary" onClick={onDraw}>
          <Spline size={20} aria-hidden="true" class="icon" />
          {rt('routeDraw')}
        </button>
      </div>
    </section>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: Endpoint | null;
  onChange(e: Endpoint | null): void;
  api: Api;
  pos: LngLat | null;
  onPickOnMap: Props['onPickOnMap'];
}

/** One end of the route: type a city, county, station or shop name, or use the position or the map. */
function PlaceField({ id, label, value, onChange, api, pos, onPickOnMap }: FieldProps) {
  const { locale } = useI18n();
  const rt = useRouteT();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Endpoint[]>([]);
  const [searched, setSearched] = useState(''); // the query the station and shop hits answer
  const q = text.trim();
  const found = usePlaceSearch(q, 5);
  const towns: Endpoint[] = found.places
    ? found.hits.map((p) => {
      const name = found.places!.name(p, locale);
      return { label: `${name} · ${found.places!.context(p, locale)}`.replace(/ · $/, ''), at: [p.lng, p.lat], place: name };
    })
    : [];
  useEffect(() => {
    setHits([]);
    if (!q) return;
    const ctl = new AbortController();
    const at = pos ?? [CITIES[0].lng, CITIES[0].lat];
    const id = setTimeout(() => {
      api.search(q, { lng: at[0], lat: at[1] }, ctl.signal).then(
        ({ data: r }) => (setHits(r.slice(0, 5).map((h) => ({ label: h.name, at: [h.lng, h.lat], place: h.name }))), setSearched(q)),
        () => !ctl.signal.aborted && setSearched(q),
      );
    }, 350);
    return () => (clearTimeout(id), ctl.abort());
  }, [q]);
  const choose = (e: Endpoint) => {
    onChange(e);
    setText('');
  };
  const options = [...towns, ...hits].slice(0, 8);
  const nothing = q && found.places && searched === q && !towns.length && !hits.length;

  return (
    <div class="place-field">
      <label for={id} class="field-label">{label}</label>
      {value ? (
        <div class="place-chosen">
          <span>{value.label}</span>
          <button type="button" class="icon-btn" aria-label={rt('routeFieldClear', { what: label })} onClick={() => onChange(null)}>
            <X size={22} aria-hidden="true" />
          </button>
        </div>
      ) : (
        <>
          <input id={id} type="search" class="text-input" value={text} placeholder={rt('routeFieldPlaceholder')} autocomplete="off"
            onInput={(e) => setText(e.currentTarget.value)} />
          <div class="place-field-actions">
            {pos && (
              <button type="button" class="btn btn-quiet" onClick={() => choose({ label: rt('routeMyPosition'), at: pos })}>
                <LocateFixed size={18} aria-hidden="true" class="icon" />
                {rt('routeMyPosition')}
              </button>
            )}
            <button type="button" class="btn btn-quiet" onClick={() => onPickOnMap(label, (at) => choose({ label: rt('routePointOnMap'), at }))}>
              <MapPinned size={18} aria-hidden="true" class="icon" />
              {rt('routePickOnMap')}
            </button>
          </div>
          {nothing && <p class="form-error" role="status">{rt('routeNoPlace', { q })}</p>}
          {options.length > 0 && (
            <ul class="place-options" aria-label={rt('routeSuggestions', { what: label })}>
              {options.map((o, k) => (
                <li key={k}>
                  <button type="button" class="btn btn-quiet" onClick={() => choose(o)}>{o.label}</button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
