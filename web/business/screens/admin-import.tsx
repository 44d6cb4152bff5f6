/**
 * Import from the browser: choose a file, what it holds and its coordinate system; check it (a dry
 * run: per-row errors, likely duplicates, what each row would do); then confirm — the same
 * all-or-nothing import as the CLI. A file that changed after the check must be checked again.
 */
import { FileUp } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { CRS_LIST, type Crs } from '../../../data/catalog';
import { useApp } from '../app-context';
import { ImportReport } from '../components/import-report';
import { ErrorBox, Note, PageHead } from '../components/ui';
import { useI18n } from '../i18n';
import type { ImportDone, ImportKind, ImportPreview } from '../lib/api';
import { BizError, asBizError } from '../lib/api-client';

type Phase = { at: 'idle' } | { at: 'checking' } | { at: 'checked'; report: ImportPreview; bytes: ArrayBuffer }
  | { at: 'importing'; report: ImportPreview; bytes: ArrayBuffer } | { at: 'done'; result: ImportDone } | { at: 'refused'; report: ImportPreview };


export function ImportScreen() {
  const { t, tk } = useI18n();
  const { api, announce, failed } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<ImportKind>('stations');
  const [crs, setCrs] = useState<Crs>('wgs84');
  const [phase, setPhase] = useState<Phase>({ at: 'idle' });
  const [error, setError] = useState<BizError | null>(null);
  const [missing, setMissing] = useState(false);
  const reset = () => (setPhase({ at: 'idle' }), setError(null));
  const opts = () => ({ kind, crs, filename: file!.name });

  const check = async (e: Event) => {
    e.preventDefault();
    if (!file) return setMissing(true), document.getElementById('import-file')?.focus();
    setPhase({ at: 'checking' });
    setError(null);
    try {
      const bytes = await file.arrayBuffer();
      const report = await api.previewImport(bytes, opts());
      setPhase({ at: 'checked', report, bytes });
      // the report is below the form: take the reader there (its heading says what it is)
      setTimeout(() => document.getElementById('import-report-title')?.focus(), 0);
    } catch (x) {
      failed(asBizError(x));
      setError(asBizError(x));
      setPhase({ at: 'idle' });
    }
  };
  const confirmImport = async () => {
    if (phase.at !== 'checked') return;
    setPhase({ ...phase, at: 'importing' });
    try {
      const result = await api.runImport(phase.bytes, opts());
      setPhase({ at: 'done', result });
      announce(t('importDone', { added: result.added, updated: result.updated, unchanged: result.unchanged }));
    } catch (x) {
      const e = asBizError(x);
      failed(e);
      if (e.status === 422 && Array.isArray(e.data.errors)) {
        const d = e.data as unknown as ImportPreview;
        setPhase({ at: 'refused', report: { ...phase.report, ok: false, errors: d.errors, warnings: d.warnings ?? [] } });
        setTimeout(() => document.getElementById('import-report-title')?.focus(), 0);
      } else {
        setError(e);
        setPhase(phase);
      }
    }
  };

  const busy = phase.at === 'checking' || phase.at === 'importing';
  return (
    <section>
      <PageHead title={t('importTitle')}><p class="lead">{t('importIntro')}</p></PageHead>
      <form class="form" onSubmit={check} noValidate>
        <div class={`field${missing ? ' has-error' : ''}`}>
          <label for="import-file">{t('importFile')}</label>
          <input id="import-file" type="file" accept=".csv,.geojson,.json,.txt,text/csv,application/geo+json,application/json"
            aria-invalid={missing || undefined} aria-describedby={missing ? 'import-file-error' : undefined}
            onChange={(e) => (setFile(e.currentTarget.files?.[0] ?? null), setMissing(false), reset())} />
          {missing && <p id="import-file-error" class="field-error">{t('importChooseFirst')}</p>}
        </div>
        <fieldset class="group">
          <legend>{t('importKind')}</legend>
          <div class="choice-list choice-grid">
            {(['stations', 'merchants'] as const).map((k) => (
              <label key={k} class="choice">
                <input type="radio" name="import-kind" value={k} checked={kind === k} onChange={() => (setKind(k), reset())} />
                <span>{tk('kind_', k)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset class="group">
          <legend>{t('importCrs')}</legend>
          <p class="help" id="crs-help">{t('crsHelp')}</p>
          <div class="choice-list" aria-describedby="crs-help">
            {CRS_LIST.map((c) => (
              <label key={c} class="choice">
                <input type="radio" name="import-crs" value={c} checked={crs === c} onChange={() => (setCrs(c), reset())} />
                <span>{tk('crs_', c)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            <FileUp size={20} aria-hidden="true" class="icon" />{phase.at === 'checking' ? t('importChecking') : t('importPreview')}
          </button>
        </div>
      </form>
      {error && <ErrorBox error={error} />}
      {(phase.at === 'checked' || phase.at === 'importing' || phase.at === 'refused') && file && (
        <section class="import-result" aria-labelledby="import-report-title">
          <ImportReport report={phase.report} title={t('importReport', { file: file.name })} kind={kind} />
          {phase.at === 'refused' && <Note tone="warn">{t('importFailed')}</Note>}
          {phase.report.ok && phase.at !== 'refused' && (
            <div class="form-actions">
              <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void confirmImport()}>
                {phase.at === 'importing' ? t('importRunning') : `${t('importConfirm')} (${t('importRows', { n: phase.report.rows })})`}
              </button>
            </div>
          )}
        </section>
      )}
      {phase.at === 'done' && (
        <p class="note note-ok" role="status">{t('importDone', { added: phase.result.added, updated: phase.result.updated, unchanged: phase.result.unchanged })}</p>
      )}
    </section>
  );
}
