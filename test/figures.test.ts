/**
 * The reader of quoted figures behind the figures rule (test/helpers/figures.ts), on hand-written
 * markdown and outputs: each form the notebooks use, the exemptions, the comma/point mapping and the
 * rounding (a figure matches only the printed number it rounds to with the same digits).
 */
import {
  conventionIssues,
  quotedFigures,
  theoryOf,
  unprintedFigures,
  vegaLiteTitles,
  type QuotedFigure,
} from './helpers/figures';
import type { NotebookCell, NotebookOutput } from './helpers/notebooks';

const md = (source: string): NotebookCell => ({ cell_type: 'markdown', source, metadata: {} });
const printed = (text: string): NotebookOutput => ({ output_type: 'stream', text });
const code = (source: string, ...outputs: NotebookOutput[]): NotebookCell => ({
  cell_type: 'code',
  source,
  outputs,
  metadata: {},
});
const figures = (markdown: string) => quotedFigures(markdown).map((f) => [f.text, f.kind]);
/** Whether a notebook with `markdown` and a code cell printing `output` passes the rule. */
const shown = (markdown: string, output: string, source = '') =>
  unprintedFigures({ cells: [md(markdown), code(source, printed(output))] }).length === 0;
const only = (markdown: string): QuotedFigure => {
  const all = quotedFigures(markdown);
  expect(all).toHaveLength(1);
  return all[0];
};

describe('quotedFigures: what counts as a quoted figure', () => {
  it('decimals with the comma, in lists and parentheses', () => {
    expect(figures('teste 0,826, 0,836 e 0,828 (0,49)')).toEqual([
      ['0,826', 'decimal'],
      ['0,836', 'decimal'],
      ['0,828', 'decimal'],
      ['0,49', 'decimal'],
    ]);
  });

  it('scientific form: Unicode superscripts, <sup>, ^ and e-notation, with any spacing', () => {
    expect(figures('razão 7,5 × 10⁻⁵, ~2×10⁻¹, ≈ 3,4 × 10<sup>3</sup>, 8 x 10^-4, 4,2 × 10<sup>−2</sup>')).toEqual([
      ['7,5 × 10⁻⁵', 'scientific'],
      ['2×10⁻¹', 'scientific'],
      ['3,4 × 10<sup>3</sup>', 'scientific'],
      ['8 x 10^-4', 'scientific'],
      ['4,2 × 10<sup>−2</sup>', 'scientific'],
    ]);
    expect(figures('(razão 7,5e-5) e 1,2e+1')).toEqual([
      ['7,5e-5', 'scientific'],
      ['1,2e+1', 'scientific'],
    ]);
  });

  it('ratios written N× or N vezes, with or without decimals; percentages', () => {
    expect(figures('120× menores, 1,6× menores, ~5× de diferença, ~170 vezes maior, 1,3 × uma matriz')).toEqual([
      ['120×', 'ratio'],
      ['1,6×', 'ratio'],
      ['5×', 'ratio'],
      ['170 vezes', 'ratio'],
      ['1,3 ×', 'ratio'],
    ]);
    expect(figures('perto do chute (~57% no teste), 44 % das épocas')).toEqual([
      ['57%', 'percent'],
      ['44 %', 'percent'],
    ]);
  });

  it('ranges: each end is a figure, and a bare first end takes the form of the second', () => {
    expect(figures('de 3,7 × 10⁻³–1,9 × 10⁻²')).toEqual([
      ['3,7 × 10⁻³', 'scientific'],
      ['1,9 × 10⁻²', 'scientific'],
    ]);
    const [low, high] = quotedFigures('contra 1,2 a 1,7 × 10⁻³ na de Xavier');
    expect([low.text, low.kind, low.key]).toEqual(['1,2', 'scientific', '12e-3']);
    expect(high.key).toBe('17e-3');
    expect(figures('de 15 a 220 vezes maior')).toEqual([
      ['15', 'ratio'],
      ['220 vezes', 'ratio'],
    ]);
  });

  it('exempts plain integers, bare powers of ten, code, links, URLs and versions', () => {
    const exempt = [
      'com *T* = 40, 500 pontos, semente 1, nas épocas 0, 10, 100 e 499, no intervalo [0, 1] e [−1, 1]',
      'na casa de 10⁻⁵, ~10⁻³, sobem para 10⁻²–10⁻¹, e 10<sup>3</sup>; razão 12; a 1ª camada',
      'cada passo fica limitado a `0.01 × 1` e imprime `Train: 0.814`',
      '```ts\nconst taxa = 0.01; // 3,4 × 10³\n```',
      '[post](https://example.org/v2,5/glorot10a.pdf) e http://example.org/0,5',
      'TensorBoard 2.21.0 e <font color="blue" size="1.5">Questão 1</font>',
      'h<sub>t−1</sub> e 1,3<sup>*T*−1</sup>',
    ];
    for (const text of exempt.slice(0, -1)) expect(figures(text)).toEqual([]);
    // the base of a power that is not 10 is still a figure (the gain 1,3); its exponent is not
    expect(figures(exempt[exempt.length - 1])).toEqual([['1,3', 'decimal']]);
    expect(figures('1,3<sup>19</sup> ≈ 1,5 × 10<sup>2</sup>')).toEqual([
      ['1,3<sup>19</sup>', 'decimal'],
      ['1,5 × 10<sup>2</sup>', 'scientific'],
    ]);
  });
});

describe('the comma/point mapping and the rounding', () => {
  it('a comma decimal matches the printed point decimal with the same digits only', () => {
    expect(shown('Test: 0,568', 'Train: 0.598, Test: 0.568')).toBe(true);
    expect(shown('Test: 0,568', 'val_acc: 0.5680')).toBe(false);
    expect(shown('Test: 0,57', 'Test: 0.568')).toBe(false);
    expect(shown('Test: 0,568', 'Test: 10.568')).toBe(false);
    expect(shown('0,500 com T = 10', ' 10  0.500     0.924')).toBe(true);
    expect(shown('0,500 com T = 10', ' 10  0.5')).toBe(false);
  });

  it('scientific figures match e-notation with the same mantissa and exponent', () => {
    expect(shown('Medimos 3,4 × 10³', 'razão 3.4e+3')).toBe(true);
    expect(shown('Medimos 3,4 × 10<sup>3</sup>', 'razão 3.4e3')).toBe(true);
    expect(shown('Medimos 3,4 × 10³', 'primeiro passo / último: 3.36e+3')).toBe(false);
    expect(shown('Medimos 3,4 × 10³', 'razão 3.4e+2')).toBe(false);
    expect(shown('recebe 7,5 × 10⁻⁵', 'na inicialização 7.5e-5')).toBe(true);
    expect(shown('recebe 7,5 × 10⁻⁵', 'na inicialização 7.5E-05')).toBe(true);
    expect(shown('entre 6×10⁻⁵', '6.1e-5')).toBe(false);
    expect(shown('entre 6×10⁻⁵', '6e-5')).toBe(true);
    expect(shown('MSE ≈ 4,2 × 10<sup>4</sup>', 'MSE inicial: 41765.2')).toBe(false);
    expect(shown('com 1,2 a 1,7 × 10⁻³', '1.2e-3 e 1.7e-3')).toBe(true);
    expect(shown('com 1,2 a 1,7 × 10⁻³', '1.2 e 1.7e-3')).toBe(false);
  });

  it('ratios need a printed ×; an integer ratio ignores trailing zeros, a decimal one keeps them', () => {
    expect(shown('gradientes 120× menores', 'recebeu gradientes 120× menores')).toBe(true);
    expect(shown('gradientes 120× menores', 'razão 120x')).toBe(true);
    expect(shown('~170 vezes maior', 'xavier ÷ fundo: 0.19×, 0.35×, 1.7e+2×, 9.5×')).toBe(true);
    expect(shown('~5× de diferença', '5.0×')).toBe(false);
    expect(shown('de 15 a 220 vezes', 'Param # 15 · 220')).toBe(false);
    expect(shown('de 15 a 220 vezes', 'de 15× a 220×')).toBe(true);
  });

  it('percentages need a printed %', () => {
    expect(shown('em 44% das épocas', 'desaparecendo em 44% das 500 épocas')).toBe(true);
    expect(shown('~57% no teste', 'Test: 0.57')).toBe(false);
    expect(shown('cresce 30% a cada passo', 'treino: 0.3 s')).toBe(false);
  });

  it('a figure written in the code counts only as a literal with a point or exponent', () => {
    expect(shown('SGD (taxa 0,01)', '', 'l5.kerasSGD({ learningRate: 0.01 })')).toBe(true);
    expect(shown('matriz multiplicada por 1,3 ×', '', 'orthogonal({ gain: 1.3 })')).toBe(true);
    expect(shown('limite de 1e-3', '', 'const eps = 1e-3;')).toBe(true);
    expect(shown('~5× de diferença', '', 'dense({ units: 5 })')).toBe(false);
    expect(shown('momentum 0,9', '', 'sgd(0.01)')).toBe(false);
  });

  it('reads the titles of Vega-Lite charts, not their data', () => {
    const spec = {
      title: { text: 'Ganho 1.3', subtitle: ['razão 7.5e-5'] },
      data: { values: [{ title: 'valor 0.568', y: 0.826 }] },
      encoding: { y: { title: 'MSE 0.160' } },
      vconcat: [{ title: 'T = 40' }],
    };
    expect(vegaLiteTitles(spec)).toEqual(['Ganho 1.3', 'razão 7.5e-5', 'MSE 0.160', 'T = 40']);
    const chart: NotebookOutput = {
      output_type: 'display_data',
      data: { 'application/vnd.vegalite.v5+json': spec, 'text/plain': '[Gráfico]' },
    };
    const notebook = (text: string) => ({ cells: [md(text), code('', chart)] });
    expect(unprintedFigures(notebook('razão 7,5 × 10⁻⁵ e MSE 0,160'))).toEqual([]);
    expect(unprintedFigures(notebook('teste 0,826')).map((v) => v.figure)).toEqual(['0,826']);
  });
});

describe('unprintedFigures and conventionIssues over a notebook', () => {
  const notebook = {
    cells: [
      md('# Lista 5'),
      code('console.log(`Test: ${(0.568).toFixed(3)}`)', printed('Test: 0.568\n1,6× menores')),
      md('A rede fica em 0,568 no teste.\n\nCom 3 sementes: 0,542 e 0,680 (medido fora).'),
      md('Em 19 passos, 1,3<sup>19</sup> ≈ 1,5 × 10<sup>2</sup>; σ(1) ≈ 0,73 e acerta 50%; taxa 0.01.'),
    ],
  };

  it('lists each figure nobody printed, with its cell, text and context', () => {
    const violations = unprintedFigures(notebook);
    expect(violations.map((v) => [v.cell, v.figure, v.kind])).toEqual([
      [2, '0,542', 'decimal'],
      [2, '0,680', 'decimal'],
      [3, '1,3<sup>19</sup>', 'decimal'],
      [3, '1,5 × 10<sup>2</sup>', 'scientific'],
      [3, '0,73', 'decimal'],
      [3, '50%', 'percent'],
      [3, '0.01', 'decimal'],
    ]);
    expect(violations[0].context).toBe('A rede fica em 0,568 no teste. Com 3 sementes: «0,542» e 0,680 (medido fora).');
    expect(violations.map((v) => v.theory?.split(' =')[0])).toEqual([
      undefined,
      undefined,
      undefined,
      '1,3^19',
      'σ(1)',
      'acaso',
      undefined,
    ]);
  });

  it('theory figures are named when a figure rounds them at its own precision', () => {
    expect(theoryOf(only('1,46 × 10²'))).toMatch(/^1,3\^19 = 146\.2/);
    expect(theoryOf(only('1,4 × 10²'))).toBeUndefined();
    expect(theoryOf(only('cresce 30%'))).toMatch(/^1,3 − 1/);
    expect(theoryOf(only('0,500 com T = 10'))).toBeUndefined(); // "acaso" is a percentage
  });

  it('the convention: no decimal point or e-notation in prose, no decimal comma in printed output', () => {
    const issues = conventionIssues({
      cells: [...notebook.cells, md('razão 7,5e-5 (`7.5e-5`)'), code('', printed('1.3^19 = 1.46e+2 · [null,2]'))],
    });
    expect(issues.map((i) => [i.cell, i.where, i.figure])).toEqual([
      [1, 'output', '1,6×'],
      [3, 'markdown', '0.01'],
      [4, 'markdown', '7,5e-5'],
    ]);
  });
});
