import { wrapText } from './wrap-text';

describe('wrapText', () => {
  it('breaks long lines at spaces, never inside a word, and indents the lines it adds', () => {
    const text = 'modelo_fundo: as camadas ocultas recebem gradientes muito menores que a saída';
    const wrapped = wrapText(text, 30);
    expect(wrapped.split('\n')).toEqual([
      'modelo_fundo: as camadas',
      '  ocultas recebem gradientes',
      '  muito menores que a saída',
    ]);
    expect(wrapped.replace(/\n {2}/g, ' ')).toBe(text);
    for (const line of wrapped.split('\n')) expect(line.length).toBeLessThanOrEqual(30);
  });

  it('leaves short lines and line breaks alone; a word longer than the width stays whole', () => {
    expect(wrapText('curta\noutra')).toBe('curta\noutra');
    expect(wrapText('a ' + 'x'.repeat(40), 20)).toBe('a\n  ' + 'x'.repeat(40));
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => wrapText(3 as never)).toThrow(/wrapText/);
    expect(() => wrapText('a', 5)).toThrow(/width must be a whole number >= 10, got 5/);
    expect(() => wrapText('a', 20, 20)).toThrow(/indent must be/);
  });
});
