/**
 * A list read page by page with a cursor (`next` → `before`): the first page when `key` changes,
 * more on request, items replaceable after a write.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { BizError, asBizError } from '../lib/api-client';
import { useData } from './use-data';

export interface Page<T, C> {
  items: T[];
  next: C | null;
}

export function usePages<T, C>(fetchPage: (before: C | undefined) => Promise<Page<T, C>>, key: string) {
  const app = useApp();
  const first = useData(() => fetchPage(undefined), key);
  const [more, setMore] = useState<{ key: string; pages: Page<T, C>[] }>({ key, pages: [] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BizError | null>(null);
  const pages = more.key === key ? more.pages : [];
  const all = first.data ? [first.data, ...pages] : [];
  const last = all[all.length - 1];
  return {
    items: all.flatMap((p) => p.items),
    loading: first.loading,
    error: first.error ?? error,
    hasMore: !!last?.next,
    busy,
    reload: () => (setMore({ key, pages: [] }), first.reload()),
    /** replaces one item (after a write answered with its new state) */
    replace: (match: (x: T) => boolean, next: T) => {
      const swap = (p: Page<T, C>) => ({ ...p, items: p.items.map((x) => (match(x) ? next : x)) });
      if (first.data) first.set(swap(first.data));
      setMore({ key, pages: pages.map(swap) });
    },
    async loadMore() {
      if (!last?.next) return;
      setBusy(true);
      setError(null);
      try {
        const page = await fetchPage(last.next);
        setMore({ key, pages: [...pages, page] });
      } catch (x) {
        const e = asBizError(x);
        app.failed(e);
        setError(e);
      } finally {
        setBusy(false);
      }
    },
  };
}
