/**
 * Masked names for member cards: a card is shown to strangers at a counter, so it carries only
 * enough of the name to match a face and a word ("王*明"), never the full name.
 */

/** 王小明 → 王*明, 王明 → 王*, 欧阳小明 → 欧**明; a Latin name is masked word by word (John Smith → J**n S***h). */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length > 1) return words.map(maskWord).join(' ');
  return maskWord(words[0] ?? '');
}

function maskWord(word: string): string {
  const chars = Array.from(word); // code points, so a name outside the BMP is not cut in half
  if (chars.length <= 1) return chars.length ? '*' : '';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
