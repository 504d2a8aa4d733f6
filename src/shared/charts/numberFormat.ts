// How numbers read on charts, tables and exported figures: one formatter, so an axis label in the app and
// the same label in a paper figure agree digit for digit.

/** Compact scientific-friendly number: 4 significant digits, exponent outside [1e-3, 1e6). */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '–';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-3) return value.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(digits)));
}
