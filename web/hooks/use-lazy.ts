/** A module loaded the first time it is wanted (dialogs that most visits never open). */
import { useEffect, useState } from 'preact/hooks';

export function useLazy<T>(load: () => Promise<T>, want: boolean): T | null {
  const [mod, setMod] = useState<T | null>(null);
  useEffect(() => {
    if (want && !mod) void load().then((m) => setMod(() => m), () => {}); // a function value: not an updater
  }, [want]);
  return mod;
}
