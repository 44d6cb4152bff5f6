/**
 * The offline runtime as the app sees it, with the problem reports: the outbox, and a toast once
 * for each report that reached a final state in the background (this page or the service worker).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutboxItem } from '../lib/db';
import type { CopySlot } from '../lib/offline-api';
import { useOfflineValue } from '../lib/offline-status';
import type { ToastMessage } from '../components/toast';
import type { I18n } from '../i18n/context';
import { useOfflineRuntime } from './use-offline';

/** The runtime (null until started; `wanted`: start it now), the outbox, and what to do when a report dialog is done. */
export function useReports(copy: CopySlot, t: I18n['t'], toast: (m: ToastMessage) => void, reloadKey: unknown, wanted: boolean) {
  const [reports, setReports] = useState<OutboxItem[]>([]);
  const pending = useOfflineValue((s) => s.pendingReports);
  const toldRef = useRef(new Set<string>());
  // registered once, so it reads the language and the toast of the moment
  const now = useRef({ t, toast });
  now.current = { t, toast };
  const runtime = useOfflineRuntime(copy, (items) => {
    const fresh = items.filter((i) => !toldRef.current.has(i.clientId));
    fresh.forEach((i) => toldRef.current.add(i.clientId));
    const last = fresh[fresh.length - 1];
    if (!last) return;
    const tt = now.current.t;
    now.current.toast({ text: last.state === 'sent' ? tt('reportSentToast', { name: last.targetName }) : tt('reportRefusedToast', { name: last.targetName, why: last.error ?? '' }) });
    void runtimeRef.current?.told(fresh.map((i) => i.clientId));
  }, wanted);
  const runtimeRef = useRef(runtime);
  runtimeRef.current = runtime;
  const reload = () => void runtimeRef.current?.outbox().then(setReports);
  useEffect(reload, [runtime, pending, reloadKey]);
  return {
    runtime,
    reports,
    /** the worker says the outbox changed */
    reload,
    /** a report dialog finished: say how it went (a refusal the dialog itself shows) */
    onReported(state: OutboxItem['state']) {
      if (state !== 'refused') toast({ text: t(state === 'sent' ? 'reportSent' : 'reportQueued') });
      reload();
    },
  };
}
