/**
 * Long lines of text cut at spaces, for what a cell prints: JupyterLab wraps a long output line
 * wherever the window ends, even in the middle of a word.
 */
import { checkString, InvalidParameterError } from '../errors/index.js';

/**
 * `text` with each of its lines longer than `width` characters broken at spaces into lines of at
 * most `width` characters (a word longer than that stays whole); the lines after the first of a
 * broken line are indented by `indent` spaces.
 *
 * @example
 * console.log(l5.wrapText(`${nome}: ${diagnostico.message}`)); // lines of at most 100 characters
 */
export function wrapText(text: string, width = 100, indent = 2): string {
  checkString('wrapText', 'text', text, 'a string');
  if (!Number.isInteger(width) || width < 10)
    throw new InvalidParameterError('wrapText', 'width', `must be a whole number >= 10, got ${String(width)}`);
  if (!Number.isInteger(indent) || indent < 0 || indent >= width)
    throw new InvalidParameterError(
      'wrapText',
      'indent',
      `must be a whole number from 0 to width - 1, got ${String(indent)}`,
    );
  return text
    .split('\n')
    .map((line) => {
      const lines: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        const start = lines.length ? ' '.repeat(indent) : '';
        if (current !== '' && current.length + 1 + word.length > width) {
          lines.push(current);
          current = ' '.repeat(indent) + word;
        } else current = current === '' ? start + word : `${current} ${word}`;
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}
