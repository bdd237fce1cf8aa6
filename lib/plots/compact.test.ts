import { compactSpec, compactSvg, roundColumn } from './compact';
import { renderSvg } from './render-svg';

describe('roundColumn', () => {
  it('keeps 4 significant digits, or more where the column spans a narrow range', () => {
    expect(roundColumn([0.123456789, 1.23456789e-9, 0, null, 12345.6789])).toEqual([
      0.1235,
      1.235e-9,
      0,
      null,
      12346, // the range (12345) asks for units here
    ]);
    expect(roundColumn([1000.123456789, 1000.129999999])).toEqual([1000.1234568, 1000.13]);
    expect(roundColumn([7, 7, 7])).toEqual([7, 7, 7]);
  });
});

describe('compactSpec', () => {
  const rows = Array.from({ length: 60 }, (_, i) => ({
    serie: i < 30 ? 'a' : 'b',
    x: i % 30,
    y: Math.sin(i) / 3,
  }));
  const spec = {
    data: { values: rows },
    transform: [{ calculate: 'datum.y * 2', as: 'y2' }],
    mark: 'line',
    encoding: {
      x: { field: 'x', type: 'quantitative' },
      y: { field: 'y2', type: 'quantitative' },
      color: { field: 'serie', type: 'nominal' },
    },
  };

  it('stores the rows as columns, one group per label, rebuilt first thing by a flatten transform', () => {
    const compact = compactSpec(spec);
    const values = (compact.data as { values: { serie: string; x: number[]; y: number[] }[] }).values;
    expect(values.map((v) => v.serie)).toEqual(['a', 'b']);
    expect(values[0].x).toEqual(rows.slice(0, 30).map((r) => r.x));
    expect(values[1].y).toEqual(roundColumn(rows.map((r) => r.y)).slice(30));
    expect(compact.transform).toEqual([{ flatten: ['x', 'y'] }, ...spec.transform]);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(spec).length / 2);
    expect(spec.data.values).toBe(rows); // the input is not changed
  });

  it('draws the same picture as the rows themselves', async () => {
    const rounded = rows.map((r, i) => ({ ...r, y: roundColumn(rows.map((q) => q.y))[i] as number }));
    expect(await renderSvg(compactSpec(spec))).toBe(await renderSvg({ ...spec, data: { values: rounded } }));
  });

  it('leaves alone small tables, nested values, rows of different shapes and labels that never repeat', () => {
    const tiny = { ...spec, data: { values: rows.slice(0, 5) } };
    expect(compactSpec(tiny)).toEqual(tiny);
    const uneven = { ...spec, data: { values: [...rows, { serie: 'c', x: 1 }] } };
    expect(compactSpec(uneven)).toEqual(uneven);
    const unique = { ...spec, data: { values: rows.map((r, i) => ({ ...r, serie: `s${i}` })) } };
    expect(compactSpec(unique)).toEqual(unique);
    const layered = { layer: [spec, { ...spec, data: { values: rows.map((r) => ({ ...r, v: [1] })) } }] };
    const out = compactSpec(layered) as { layer: { transform: unknown[] }[] };
    expect(out.layer[0].transform[0]).toEqual({ flatten: ['x', 'y'] });
    expect(out.layer[1]).toEqual(layered.layer[1]);
  });
});

describe('compactSvg', () => {
  it('rounds the geometry to a tenth of a pixel and leaves texts alone', () => {
    const svg =
      '<svg width="200.123456" height="100"><path d="M2.7386127875258306,0A2.7386127875258306,2.738,0,1,1,-2.74,0Z" ' +
      'transform="translate(10.04999999,-0.0400001)"/><text x="1.23456" fill="#e8710a">0.123456789</text></svg>';
    expect(compactSvg(svg)).toBe(
      '<svg width="200.1" height="100"><path d="M2.7,0A2.7,2.7,0,1,1,-2.7,0Z" transform="translate(10,0)"/>' +
        '<text x="1.2" fill="#e8710a">0.123456789</text></svg>',
    );
  });
});
