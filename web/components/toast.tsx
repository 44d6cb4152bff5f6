/** A short message at the bottom ("Link copied", "A new version is ready — Reload"). */
import { useEffect } from 'preact/hooks';

export interface ToastMessage {
  text: string;
  action?: { label: string; run(): void };
}

export function Toast({ message, onDone }: { message: ToastMessage | null; onDone(): void }) {
  useEffect(() => {
    if (!message || message.action) return;
    const id = setTimeout(onDone, 4000);
    return () => clearTimeout(id);
  }, [message]);
  return (
    <div class="toast-region" role="status" aria-live="polite">
      {message && (
        <div class="toast">
          <span>{message.text}</span>
          {message.action && (
            <button type="button" class="btn btn-primary" onClick={message.action.run}>
              {message.action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
