/**
 * Loads what a screen shows: runs `fn` when `key` changes, keeps the last result while reloading,
 * and reports failures through the app (a 401 signs the user out, see app-context.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { BizError } from '../lib/api-client';
import { useApp } from '../app-context';

export interface Data<T> {
  data: T | null;
  error: BizError | null;
  loading: boolean;
  reload(): void;
  /** replace the data after a write answered with the new state */
  set(data: T): void;
}

export function useData<T>(fn: (() => Promise<T>) | null, key: string): Data<T> {
  const app = useApp();
  const [state, setState] = useState<{ data: T | null; error: BizError | null; loading: boolean }>({ data: null, error: null, loading: !!fn });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!fn) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    fn().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => {
        if (!live) return;
        const error = e instanceof BizError ? e : new BizError('network', 0, String(e));
        app.failed(error);
        setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for fn's inputs
  }, [key, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1), set: (data) => setState({ data, error: null, loading: false }) };
}
