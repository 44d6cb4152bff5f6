/**
 * The device position (navigator.geolocation), as promises with plain failure reasons.
 * The page asks only after a tap, or on load when permission was already granted — never a
 * surprise prompt on start.
 */
export type Permission = 'granted' | 'denied' | 'prompt' | 'unknown';
export type LocateFailure = 'denied' | 'unavailable' | 'timeout';

export interface Fix {
  lng: number;
  lat: number;
  /** metres */
  accuracy: number;
}

/** Whether geolocation is already allowed, without asking. */
export async function geolocationPermission(): Promise<Permission> {
  if (!('geolocation' in navigator)) return 'denied';
  try {
    const s = await navigator.permissions.query({ name: 'geolocation' });
    return s.state;
  } catch {
    return 'unknown';
  }
}

/** What the page learnt at start: the permission, and when it was already given, a fix under way. */
export interface Startup {
  permission: Permission;
  fix?: Promise<Fix>;
}

let started: Promise<Startup> | null = null;
let arrived: Fix | null = null;

/**
 * Asks for the permission, and when it was already given for a fix, before the app's first render
 * (which holds a slow phone's main thread for a few hundred ms): the app finds them under way.
 * Resolves once the permission is known — with `forFix`, once the fix it allows has arrived too —
 * or after `waitMs`, whichever is first: the caller renders then. The check is an IPC of a few ms;
 * a fix asked for only after the render would wait for it. A fix that arrived in time is the first
 * render's position (takeStartupFix): the nearest list is asked for at once.
 */
export function startLocating(waitMs: number, forFix = false): Promise<unknown> {
  const s = geolocationPermission().then((permission) => {
    if (permission !== 'granted') return { permission };
    const fix = locate();
    // kept only while what this began is not taken yet; the app reads a failure (until then it is not unhandled)
    fix.then((f) => void (started === s && (arrived = f)), () => undefined);
    return { permission, fix };
  });
  started = s;
  const known = forFix ? s.then((st) => st.fix?.catch(() => undefined)) : s;
  return Promise.race([known, new Promise((resolve) => setTimeout(resolve, waitMs))]);
}

/** The fix startLocating asked for if it has arrived (then taken once, with all startLocating began), else null. */
export function takeStartupFix(): Fix | null {
  const f = arrived;
  if (f) [arrived, started] = [null, null];
  return f;
}

/** The fix takeStartupFix would take now, without taking it. */
export const peekStartupFix = (): Fix | null => arrived;

/** What startLocating began (taken once), else a permission check now. */
export function startupLocation(): Promise<Startup> {
  const s = started ?? geolocationPermission().then((permission) => ({ permission }));
  [arrived, started] = [null, null];
  return s;
}

/** One position fix; rejects with a LocateFailure. Network positioning is good enough and fast. */
export function locate(timeoutMs = 15_000): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject('unavailable' satisfies LocateFailure);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy }),
      (e) => reject((e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable') satisfies LocateFailure),
      { enableHighAccuracy: false, maximumAge: 60_000, timeout: timeoutMs },
    );
  });
}
