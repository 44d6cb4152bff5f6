/** The current time, refreshed every minute, so "open now" lines stay true while the app is open. */
import { useEffect, useState } from 'preact/hooks';

export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
