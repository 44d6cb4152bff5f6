/**
 * A button's call to the API: busy while it runs, and when it fails the error is kept for an
 * ErrorBox, told to the app (a 401 signs out) and announced to screen readers.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { errorText } from '../components/ui';
import { useI18n } from '../i18n';
import { BizError, asBizError } from '../lib/api-client';

export function useAction() {
  const { t } = useI18n();
  const { announce, failed } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BizError | null>(null);
  /** Runs `work`; a failure is shown, never thrown. */
  async function run(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (x) {
      const e = asBizError(x);
      failed(e);
      setError(e);
      announce(errorText(t, e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
