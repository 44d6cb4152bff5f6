/**
 * Form state shared by the shop, offer and station forms: the draft, problems shown once the user
 * has tried to send (then kept up to date as they type), problems the server named, the busy flag,
 * and a failed call. On a blocked or refused submit the problem list takes the focus.
 */
import { useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { BizError, asBizError } from '../lib/api-client';
import { serverIssues, type Draft, type Issues } from '../lib/drafts';

export function useForm(initial: Draft, fields: readonly string[]) {
  const app = useApp();
  const [draft, setDraft] = useState(initial);
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  const [error, setError] = useState<BizError | null>(null);
  const [busy, setBusy] = useState(false);
  const problemsRef = useRef<HTMLDivElement>(null);
  const focusProblems = () => setTimeout(() => problemsRef.current?.focus(), 0);

  const forget = (keys: string[]) => setServer((s) => Object.fromEntries(Object.entries(s).filter(([k]) => !keys.includes(k))));
  return {
    draft,
    busy,
    error,
    problemsRef,
    set: (k: string, v: string) => (setDraft((d) => ({ ...d, [k]: v })), forget([k])),
    setMany: (v: Draft) => (setDraft((d) => ({ ...d, ...v })), forget(Object.keys(v))),
    reset: (d: Draft) => (setDraft(d), setTried(false), setServer({}), setError(null)),
    /** the problems to show: the form's own checks once tried, and the server's */
    issues: (check: Issues): Record<string, string | undefined> => ({ ...(tried ? check : {}), ...server }),
    /** sends when `check` finds nothing; a refusal shows the server's named problems or the error */
    async submit(check: Issues, run: () => Promise<void>): Promise<boolean> {
      setTried(true);
      setError(null);
      if (Object.keys(check).length > 0) return focusProblems(), false;
      setBusy(true);
      try {
        await run();
        setTried(false);
        return true;
      } catch (x) {
        const e = asBizError(x);
        app.failed(e);
        const named = serverIssues(e.invalid, fields);
        setServer(named.issues);
        if (Object.keys(named.issues).length === 0 || named.other.length > 0) setError(e);
        focusProblems();
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

export type Form = ReturnType<typeof useForm>;
