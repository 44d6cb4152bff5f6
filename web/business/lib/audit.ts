/**
 * Reading the audit log: which fields an action changed, each value as plain text (records are
 * shown as text, never as HTML — they hold merchant-written strings).
 */

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** A stored value as one line of text ('' when absent). */
export function valueText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
  return JSON.stringify(v);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields that differ between `before` and `after`, in a stable order (first `before`'s keys,
 * then new ones). A creation (before null) lists every field of `after`; `updated_at` is left out.
 */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'updated_at');
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: k, before: valueText(b[k]), after: valueText(a[k]) }));
}
