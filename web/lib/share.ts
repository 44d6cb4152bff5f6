/**
 * Sharing a place: the Web Share API where the phone has it (WeChat, SMS…), otherwise the link
 * goes to the clipboard. The link `/?station=ID` (or `?merchant=ID`) opens that place.
 */
export type PlaceKind = 'station' | 'merchant';
export type ShareResult = 'shared' | 'copied' | 'cancelled' | 'failed';

/** The address that opens a place in the app. */
export function placeUrl(kind: PlaceKind, id: string, origin: string): string {
  return `${origin}/?${kind}=${encodeURIComponent(id)}`;
}

/** The place a URL asks to open, if any. */
export function placeFromSearch(search: string): { kind: PlaceKind; id: string } | null {
  const q = new URLSearchParams(search);
  const station = q.get('station');
  if (station) return { kind: 'station', id: station };
  const merchant = q.get('merchant');
  if (merchant) return { kind: 'merchant', id: merchant };
  return null;
}

/** Shares through the system sheet, or copies the link when there is none. */
export async function sharePlace(data: { title: string; text: string; url: string }): Promise<ShareResult> {
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share(data);
      return 'shared';
    } catch (e) {
      if ((e as Error).name === 'AbortError') return 'cancelled';
      // fall through to copying (e.g. share not allowed in this context)
    }
  }
  try {
    await navigator.clipboard.writeText(data.url);
    return 'copied';
  } catch {
    return 'failed';
  }
}
