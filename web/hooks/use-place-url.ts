/**
 * The open place lives in the URL (`/?station=ID`): a shared link opens it, and the phone's Back
 * button closes it (opening pushes one history entry; closing goes back over it).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { placeFromSearch, type PlaceKind } from '../lib/share';
import { entryState } from '../lib/layers';

export interface Target {
  kind: PlaceKind;
  id: string;
}

export function usePlaceUrl() {
  const [target, setTarget] = useState<Target | null>(() => placeFromSearch(location.search));
  const pushed = useRef(false);

  useEffect(() => {
    const onPop = () => {
      const t = placeFromSearch(location.search);
      // Back from a layer over the place (a dialog, a menu) lands on the place's own entry again.
      if (!t) pushed.current = false;
      setTarget((prev) => (prev && t && prev.kind === t.kind && prev.id === t.id ? prev : t));
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  return {
    target,
    open(t: Target) {
      const url = `${location.pathname}?${t.kind}=${encodeURIComponent(t.id)}`;
      // the layers open under the place (e.g. search results) stay listed in its entry
      if (target) history.replaceState(entryState(), '', url);
      else {
        history.pushState(entryState(), '', url);
        pushed.current = true;
      }
      setTarget(t);
    },
    /** Forgets the open place without going back: the caller reuses this history entry. */
    leave() {
      setTarget(null);
      pushed.current = false;
    },
    close() {
      setTarget(null);
      if (pushed.current) history.back();
      else history.replaceState(entryState(), '', location.pathname);
      pushed.current = false;
    },
  };
}
