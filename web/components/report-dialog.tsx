/**
 * "Report a problem" for a station or shop: what is wrong (big radio rows), which amenity when one
 * is missing, an optional note — then Send. The report goes into the outbox with its clientId at
 * once, so it is never lost: sent now when online, otherwise "will be sent when online".
 * Loaded on demand (its own chunk). A modal <dialog>: focus stays inside, Escape closes it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { AMENITIES, REPORT_KINDS, type ReportKind } from '../../data/catalog';
import type { OutboxItem } from '../lib/db';
import type { OfflineRuntime } from '../lib/offline-runtime';
import { NOTE_MAX, REPORT_KIND_LABEL as KIND_LABEL, noteLength } from '../lib/reports';
import { useI18n } from '../i18n/context';
import '../styles/dialogs.css';

export interface ReportTarget {
  kind: 'station' | 'merchant';
  id: string;
  name: string;
  /** the station's amenities (offered first when one is missing) */
  amenities?: readonly string[];
}

interface Props {
  target: ReportTarget;
  runtime: OfflineRuntime;
  onClose(): void;
  /** the report was saved: sent now, pending until the network is back, or refused by the server */
  onDone(state: OutboxItem['state']): void;
}

export function ReportDialog({ target, runtime, onClose, onDone }: Props) {
  const { t, label } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState<ReportKind | null>(null);
  const [amenity, setAmenity] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kinds = REPORT_KINDS.filter((k) => target.kind === 'station' || k !== 'amenity_missing');
  const own = AMENITIES.filter((a) => target.amenities?.includes(a.key));
  const amenityChoices = own.length ? own : AMENITIES;
  const length = noteLength(note);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  async function send(e: Event) {
    e.preventDefault();
    if (!kind || busy) return;
    setBusy(true);
    const r = await runtime.report({ targetType: target.kind, targetId: target.id, kind, note, amenity: amenity ?? undefined }, target.name);
    setBusy(false);
    if ('error' in r) return setError(r.error === 'noteTooLong' ? t('reportNoteTooLong', { max: NOTE_MAX }) : t('reportAmenityMissing'));
    onDone(r.state);
    ref.current?.close();
  }

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="report-title" onClose={onClose}>
      <form class="dialog-body" onSubmit={send}>
        <h2 id="report-title">{t('reportTitle')}</h2>
        <p class="muted dialog-about">{t('reportAbout', { name: target.name })}</p>
        <fieldset class="radio-list">
          <legend>{t('reportKindLabel')}</legend>
          {kinds.map((k) => (
            <label key={k} class="radio-row">
              <input type="radio" name="report-kind" value={k} checked={kind === k} onChange={() => (setKind(k), setError(null))} />
              <span>{t(KIND_LABEL[k])}</span>
            </label>
          ))}
        </fieldset>
        {kind === 'amenity_missing' && (
          <fieldset class="radio-list">
            <legend>{t('reportAmenity')}</legend>
            {amenityChoices.map((a) => (
              <label key={a.key} class="radio-row">
                <input type="radio" name="report-amenity" value={a.key} checked={amenity === a.key} onChange={() => (setAmenity(a.key), setError(null))} />
                <span>{label(a)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <label class="field-label" for="report-note">{t('reportNote')}</label>
        <textarea id="report-note" rows={3} value={note} aria-describedby="report-note-count" onInput={(e) => (setNote(e.currentTarget.value), setError(null))} />
        <p id="report-note-count" class={`muted note-count${length > NOTE_MAX ? ' is-over' : ''}`}>{t('reportNoteCount', { n: length, max: NOTE_MAX })}</p>
        {error && <p class="form-error" role="alert">{error}</p>}
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={() => ref.current?.close()}>{t('reportCancel')}</button>
          <button type="submit" class="btn btn-primary" disabled={!kind || busy}>{t('reportSend')}</button>
        </div>
      </form>
    </dialog>
  );
}
