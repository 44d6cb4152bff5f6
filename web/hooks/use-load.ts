/**
 * Loads something asynchronously when its inputs change: aborts the previous request, keeps the
 * previous result on screen while the next loads (no flashing, no layout shift) and offers retry.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Answer, type Source } from '../lib/http';

export interface Load<T> {
  status: 'idle' | 'loading' | 'ok' | 'error';
  data: T | null;
  error: ApiError | null;
  /** when data last arrived */
  at: Date | null;
  /** where it came from */
  source: Source | null;
  retry(): void;
}

/** Runs `fn` (or nothing when it is null) whenever `key` changes. */
export function useLoad<T>(fn: ((signal: AbortSignal) => Promise<Answer<T>>) | null, key: string): Load<T> {
  const [state, setState] = useState<Omit<Load<T>, 'retry'>>({ status: 'idle', data: null, error: null, at: null, source: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!fn) {
      setState({ status: 'idle', data: null, error: null, at: null, source: null });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ ...s, status: 'loading', error: null }));
    fn(ctl.signal).then(
      (a) => !ctl.signal.aborted && setState({ status: 'ok', data: a.data, error: null, at: new Date(), source: a.source }),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        const error = e instanceof ApiError ? e : new ApiError('network', 0, String(e));
        setState((s) => ({ ...s, status: 'error', error }));
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for fn's inputs
  }, [key, attempt]);

  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
