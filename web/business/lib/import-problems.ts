/**
 * An import problem in the reader's language: its code (data/import/problems.ts) worded from the
 * business app's messages with the form's field labels (纬度, 营业时间 …); the server's English
 * reason only for a code this app does not know yet.
 */
import { MERCHANT_CATEGORIES, MERCHANT_STATUSES, STATION_STATUSES, STATION_TYPES } from '../../../data/catalog';
import type { ImportKind } from '../../../data/import/fields';
import type { RowError } from '../../../data/schema';
import { isKey, type I18n, type MessageKey, type Params } from '../i18n';

/** A field's label as the forms name it; a column the importer does not know keeps its own name. */
export const fieldLabel = (field: string, i18n: I18n) => i18n.tk('impField_', field);

const list = (items: string[], i18n: I18n) => items.join(i18n.locale === 'en' ? ', ' : '、');

/** What a catalogue field accepts, in words. */
function allowedFor(field: string, kind: ImportKind, i18n: I18n): string {
  if (field === 'type') return list(STATION_TYPES.map((e) => i18n.label(e)), i18n);
  if (field === 'category') return list(MERCHANT_CATEGORIES.map((e) => i18n.label(e)), i18n);
  if (field === 'amenities') return i18n.t('impAmenitiesAllowed');
  if (field === 'status') {
    return kind === 'stations' ? list(STATION_STATUSES.map((s) => `${i18n.tk('stationStatus_', s)} (${s})`), i18n) : list(MERCHANT_STATUSES.map((s) => `${i18n.tk('status_', s)} (${s})`), i18n);
  }
  return '';
}

/** The words for one import problem. */
export function problemText(e: RowError, kind: ImportKind, i18n: I18n): string {
  const key = `imp_${e.code}`;
  if (!e.code || !isKey(key)) return e.reason;
  const p: Params = { ...e.params };
  if (e.code === 'file_binary') p.what = i18n.tk('impWhat_', String(p.kind ?? 'binary'));
  if (e.code === 'header_missing') p.columns = list(String(p.columns ?? '').split(',').map((f) => fieldLabel(f, i18n)), i18n);
  if (e.code === 'unknown_value') p.allowed = allowedFor(e.field, kind, i18n);
  if (e.code === 'file_same_problem' && typeof p.same === 'string') {
    const same = p.same as RowError['code'];
    p.problem = same === 'file_same_problem' ? '' : problemText({ ...e, code: same, params: e.params }, kind, i18n);
  }
  return i18n.t(key as MessageKey, p);
}

/** The row as a person reads it: the number, or "file" for the file as a whole (row 0). */
export const rowLabel = (e: RowError, i18n: I18n) => (e.row === 0 ? i18n.t('impFileRow') : String(e.row));
