/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell starting with = + - @ tab or
 * CR is run as a formula by Excel/WPS, so a merchant's shop name could plant a live link in the
 * admin's export. Exports prefix such cells with an apostrophe; imports take it off again. Cells
 * that already start with apostrophes before such a character get one more, so the pair is lossless.
 */

const TRIGGER = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

/** A text cell safe to open in a spreadsheet (what exports write). */
export function neutraliseCell(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text;
}

/** The original text of a cell written by neutraliseCell (what imports read). */
export function restoreCell(text: string): string {
  return ESCAPED.test(text) ? text.slice(1) : text;
}
