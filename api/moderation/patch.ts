/**
 * PATCH semantics shared by the self-service and admin routes: a field absent from the body is
 * kept, a field set to null is cleared, anything else replaces the stored value.
 */

/** `base` with `patch` applied (null clears a field). */
export function applyPatch<T extends object>(base: T, patch: Record<string, unknown>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out as T;
}
