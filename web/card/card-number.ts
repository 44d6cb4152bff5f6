/** Card numbers for people: 8123456789012345 → 8123 4567 8901 2345 (read out and typed in groups). */
export const groupCardNumber = (id: string) => id.replace(/(\d{4})(?=\d)/g, '$1 ');
