/**
 * An import's per-row report: counts, every error (row, field, reason), warnings such as likely
 * duplicates, and what each good row would do. Long lists are cut at a readable length (the
 * counts always cover the whole file). File content is shown as text.
 */
import type { RowError } from '../../../data/schema';
import { useI18n } from '../i18n';
import type { ImportPreview } from '../lib/api';
import { Note } from './ui';

const SHOWN = 300; // rows of each table drawn at most

function RowTable({ id, caption, rows }: { id: string; caption: string; rows: RowError[] }) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table class="report-table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">{t('colRow')}</th><th scope="col">{t('colField')}</th><th scope="col">{t('colReason')}</th></tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((e, i) => (
            <tr key={i} data-row={e.row} data-field={e.field}>
              <th scope="row">{e.row}</th><td class="mono">{e.field}</td><td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && <p class="muted">{t('itemsTruncated', { n: SHOWN })}</p>}
    </div>
  );
}

export function ImportReport({ report, title }: { report: ImportPreview; title: string }) {
  const { t, tk } = useI18n();
  const items = report.items ?? [];
  return (
    <div class="import-report">
      <h2 id="import-report-title" tabIndex={-1}>{title}</h2>
      <p>
        <strong>{t('importRows', { n: report.rows })}</strong>
        {report.ok && <> · {t('importCounts', { added: report.added, updated: report.updated, unchanged: report.unchanged })}</>}
      </p>
      {report.ok ? <p class="note note-ok">{t('importOk')}</p> : <Note tone="warn">{t('importHasErrors', { n: report.errors.length })}</Note>}
      {report.errors.length > 0 && <RowTable id="import-errors" caption={t('importErrorsTitle')} rows={report.errors} />}
      {report.warnings.length > 0 && <RowTable id="import-warnings" caption={t('importWarnings')} rows={report.warnings} />}
      {report.ok && items.length > 0 && (
        <details class="import-items">
          <summary>{t('importItems')}</summary>
          <div class="table-wrap">
            <table class="report-table">
              <thead>
                <tr><th scope="col">{t('colRow')}</th><th scope="col">{t('colName')}</th><th scope="col">{t('colAction')}</th></tr>
              </thead>
              <tbody>
                {items.slice(0, SHOWN).map((i) => (
                  <tr key={i.row}><th scope="row">{i.row}</th><td>{i.name} <span class="muted mono">{i.id}</span></td><td>{tk('action_', i.action)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          {(report.itemsTruncated || items.length > SHOWN) && <p class="muted">{t('itemsTruncated', { n: Math.min(SHOWN, items.length) })}</p>}
        </details>
      )}
    </div>
  );
}
