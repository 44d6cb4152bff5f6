/**
 * The tile source's attribution comes from server configuration; it is escaped like any other
 * text, and "OpenStreetMap" becomes the link OSM's licence asks for.
 */
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for the one place Leaflet wants HTML (the attribution control). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

/** Attribution HTML: the configured text, escaped, with OpenStreetMap linked to its copyright page. */
export function attributionHtml(text: string): string {
  return escapeHtml(text).replace('OpenStreetMap', '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>');
}
