/**
 * Route mode is a history entry too, so the phone's Back returns from it to the nearest list.
 * A reload starts on the list (the route itself was not kept), so its entry is cleared.
 */
import { useEffect, useState } from 'preact/hooks';

/** history.state flag of the route mode's entry. */
const ROUTE_STATE = 'yizhanRoute';

/**
 * Whether route mode is open, and opening/closing it through history. `leavePlace`: the open
 * place to leave, whose entry becomes the route's (going back first would race with the push).
 */
export function useRouteMode() {
  const [routeOpen, setRouteOpen] = useState(false);
  useEffect(() => {
    if (history.state?.[ROUTE_STATE]) history.replaceState(null, '', location.href);
    const onPop = () => setRouteOpen(history.state?.[ROUTE_STATE] === true);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return {
    routeOpen,
    openRoutes(leavePlace?: () => void) {
      leavePlace?.();
      if (leavePlace || !routeOpen) history[leavePlace ? 'replaceState' : 'pushState']({ [ROUTE_STATE]: true }, '', location.pathname);
      setRouteOpen(true);
    },
    closeRoutes: () => (history.state?.[ROUTE_STATE] ? history.back() : setRouteOpen(false)),
  };
}
