/**
 * An import's per-row report: counts, every error (row, field, reason), warnings such as likely
 * duplicates, and what each good row would do. Problems are worded in the reader's language with
 * the form's field labels (lib/import-problems.ts); on a phone each row is a small card, so
 * nothing runs off the screen. Long lists are cut at a readable length (the counts always cover
 * the whole file). File content is shown as text.
 */
import type { ImportKind } from '../../../data/import/fields';
import type { RowError } from '../../../data/schema';
import { useI18n } from '../i18n';
import type { ImportPreview } from '../lib/api';
import { fieldLabel, problemText, rowLabel } from '../lib/import-problems';
import { Note } from './ui';

const SHOWN = 300; // rows of each table drawn at most

function RowTable({ id, caption, rows, kind }: { id: string; caption: string; rows: RowError[]; kind: ImportKind }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="table-wrap">
      <table class="report-table report-cards" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">{t('colRow')}</th><th scope="col">{t('colField')}</th><th scope="col">{t('colReason')}</th></tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((e, i) => (
            <tr key={i} data-row={e.row} data-field={e.field} data-code={e.code}>
              <th scope="row" data-label={t('colRow')}>{rowLabel(e, i18n)}</th>
              <td class="report-field" data-label={t('colField')}>{fieldLabel(e.field, i18n)}</td>
              <td class="report-reason">{problemText(e, kind, i18n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && <p class="muted">{t('itemsTruncated', { n: SHOWN })}</p>}
    </div>
  );
}

export function ImportReport({ report, title, kind }: { report: ImportPreview; title: string; kind: ImportKind }) {
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
      {report.errors.length > 0 && <RowTable id="import-errors" caption={t('importErrorsTitle')} rows={report.errors} kind={kind} />}
      {report.warnings.length > 0 && <RowTable id="import-warnings" caption={t('importWarnings')} rows={report.warnings} kind={kind} />}
      {report.ok && items.length > 0 && (
        <details class="import-items">
          <summary>{t('importItems')}</summary>
          <div class="table-wrap">
            <table class="report-table report-cards">
              <thead>
                <tr><th scope="col">{t('colRow')}</th><th scope="col">{t('colName')}</th><th scope="col">{t('colAction')}</th></tr>
              </thead>
              <tbody>
                {items.slice(0, SHOWN).map((i) => (
                  <tr key={i.row}><th scope="row" data-label={t('colRow')}>{i.row}</th><td>{i.name} <span class="muted mono">{i.id}</span></td><td>{tk('action_', i.action)}</td></tr>
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
