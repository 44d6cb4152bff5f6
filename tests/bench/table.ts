/** One benchmark result line. */
export interface Row {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** The middle value of `xs` (the upper of the two middle ones when their count is even). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Prints rows as an aligned plain-text table (also fine to paste into a closing note). */
export function printTable(title: string, rows: readonly Row[]): void {
  const w = Math.max(...rows.map((r) => r.name.length), 10);
  console.log(`\n${title}`);
  for (const r of rows) {
    const v = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(2);
    console.log(`  ${r.name.padEnd(w)}  ${v.padStart(10)} ${r.unit.padEnd(8)} ${r.note ?? ''}`);
  }
}
