// CSV text of a figure's numbers (RFC 4180 quoting; numbers as JavaScript prints them, i.e. the shortest text
// that reads back to the same double, so the CSV holds exactly the values drawn).
import type { CsvTable } from './figureModel';

function cell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(table: CsvTable): string {
  return [table.header, ...table.rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
