/**
 * The open place lives in the URL (`/?station=ID`): a shared link opens it, and the phone's Back
 * button closes it (opening pushes one history entry; closing goes back over it).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { placeFromSearch, type PlaceKind } from '../lib/share';

export interface Target {
  kind: PlaceKind;
  id: string;
}

export function usePlaceUrl() {
  const [target, setTarget] = useState<Target | null>(() => placeFromSearch(location.search));
  const pushed = useRef(false);

  useEffect(() => {
    const onPop = () => {
      pushed.current = false;
      setTarget(placeFromSearch(location.search));
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  return {
    target,
    open(t: Target) {
      const url = `${location.pathname}?${t.kind}=${encodeURIComponent(t.id)}`;
      if (target) history.replaceState(null, '', url);
      else {
        history.pushState(null, '', url);
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
      else history.replaceState(null, '', location.pathname);
      pushed.current = false;
    },
  };
}
