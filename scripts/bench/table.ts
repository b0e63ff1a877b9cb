/** Plain-text tables for the terminal: readable in CI logs, no dependencies. */

export type Row = string[];

/** Left-aligns the first column and right-aligns the rest, as numbers read best. */
export function formatTable(header: Row, rows: Row[]): string {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)));
  const line = (row: Row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const KIB = 1024;

export function kib(bytes: number): string {
  return `${(bytes / KIB).toFixed(1)} KiB`;
}
