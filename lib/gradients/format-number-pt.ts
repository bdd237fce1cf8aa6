/** Numbers in Portuguese sentences (decimal comma, ×10⁻³), as the gradient diagnosis writes them. */

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A number for Portuguese text: two significant digits, decimal comma, `3×10⁻³` for very small or large. */
export function formatNumberPt(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 0.01 && a < 10000) return String(Number(x.toPrecision(2))).replace('.', ',');
  const [mantissa, exponent] = x.toExponential(1).split('e');
  const m = mantissa.replace(/\.0$/, '').replace('.', ',');
  const e = String(Number(exponent))
    .split('')
    .map((c) => SUPERSCRIPT[c])
    .join('');
  return m === '1' ? `10${e}` : m === '-1' ? `-10${e}` : `${m}×10${e}`;
}

/**
 * The same number for the lesson's printed output, with the decimal point: the notebooks write
 * decimals in their prose with the comma (0,568) and in what the code prints as JavaScript does (0.568).
 */
export function formatNumberForOutput(x: number): string {
  return formatNumberPt(x).replace(',', '.');
}
