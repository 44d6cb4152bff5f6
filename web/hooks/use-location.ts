/**
 * Where the user is: the last position at once (so the list shows without waiting), then a fresh
 * fix when permission is already granted or the user taps "use my location"; a city or a tap on
 * the map when it is not. Every new position is remembered.
 */
import { useEffect, useState } from 'preact/hooks';
import type { City } from '../lib/cities';
import type { Place } from '../lib/places';
import { locate, startupLocation, takeStartupFix, type Fix, type LocateFailure } from '../lib/geolocation';
import { loadPosition, savePosition, type Position } from '../lib/prefs';

export type LocateStatus = 'idle' | 'locating' | 'ok' | LocateFailure;

export interface LocationState {
  pos: Position | null;
  /** the position came from storage, not from this visit */
  restored: boolean;
  status: LocateStatus;
  /** the user is choosing a point on the map */
  picking: boolean;
  locate(): void;
  pickCity(c: City): void;
  /** a city or county from the gazetteer, with its name in both languages (shown without loading it again) */
  pickPlace(p: Place, name: { zh: string; en: string }): void;
  pickPoint(lng: number, lat: number): void;
  setPicking(on: boolean): void;
}

/** The first render's position: the fix that arrived before it (takeStartupFix), else the stored one. */
export const firstPosition = (early: Fix | null): Position | null => (early ? fixPosition(early) : loadPosition());

/** The position state machine used by the app. */
export function useLocation(): LocationState {
  // a fix that arrived before the first render is its position (the nearest list is asked for at once)
  const [early] = useState(takeStartupFix);
  const [pos, setPos] = useState<Position | null>(() => firstPosition(early));
  const [restored, setRestored] = useState(!early && pos !== null);
  const [status, setStatus] = useState<LocateStatus>(early ? 'ok' : 'idle');
  const [picking, setPicking] = useState(false);

  const use = (p: Position) => {
    setPos(p);
    setRestored(false);
    savePosition(p);
  };

  const doLocate = (fix: Promise<Fix> = locate()) => {
    setStatus('locating');
    fix.then(
      (f) => {
        use(fixPosition(f));
        setStatus('ok');
      },
      (why: LocateFailure) => setStatus(why),
    );
  };

  useEffect(() => {
    if (early) {
      savePosition(pos!);
      return;
    }
    // Ask the device only when permission was already given: no surprise prompt on start.
    void startupLocation().then(({ permission, fix }) => {
      if (permission === 'granted') doLocate(fix);
      else if (permission === 'denied') setStatus('denied');
    });
  }, []);

  return {
    pos,
    restored,
    status,
    picking,
    locate: () => doLocate(),
    pickCity: (c) => {
      use({ lng: c.lng, lat: c.lat, source: 'city', city: c.key, at: Date.now() });
      setPicking(false);
    },
    pickPlace: (p, name) => {
      use({ lng: p.lng, lat: p.lat, source: 'city', city: p.code, place: name, at: Date.now() });
      setPicking(false);
    },
    pickPoint: (lng, lat) => {
      use({ lng, lat, source: 'map', at: Date.now() });
      setPicking(false);
    },
    setPicking,
  };
}

const fixPosition = (f: Fix): Position => ({ lng: f.lng, lat: f.lat, accuracy: f.accuracy, source: 'gps', at: Date.now() });
