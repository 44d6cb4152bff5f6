/**
 * Loads something asynchronously when its inputs change: aborts the previous request, keeps the
 * previous result on screen while the next loads (no flashing, no layout shift) and offers retry.
 *
 * The request is sent in a layout effect, as soon as the render that asks for it is in the page,
 * not after the browser has painted it: on a slow phone the first paint (style, layout, fonts)
 * takes a few hundred ms, and the first answers travel meanwhile. The first render already says
 * it is loading, so the first request causes no second render before the paint (a later one
 * re-renders to say so, as before, now before the paint).
 */
import { useLayoutEffect, useState } from 'preact/hooks';
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
  const [state, setState] = useState<Omit<Load<T>, 'retry'>>(() => ({ status: fn ? 'loading' : 'idle', data: null, error: null, at: null, source: null }));
  const [attempt, setAttempt] = useState(0);

  useLayoutEffect(() => {
    if (!fn) {
      setState((s) => (s.status === 'idle' && s.data === null ? s : { status: 'idle', data: null, error: null, at: null, source: null }));
      return;
    }
    const ctl = new AbortController();
    setState((s) => (s.status === 'loading' && s.error === null ? s : { ...s, status: 'loading', error: null }));
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
