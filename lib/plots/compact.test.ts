import { compactSpec, compactSvg, inlineRows, roundColumn } from './compact';
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
  const rows = Array.from({ length: 300 }, (_, i) => ({
    serie: i < 150 ? 'a' : 'b',
    x: i % 150,
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
    const data = compact.data as { values: string; format: unknown };
    // large enough to travel as one JSON string (a notebook stores it on one line)
    expect(data.format).toEqual({ type: 'json' });
    const values = JSON.parse(data.values) as { serie: string; x: number[]; y: number[] }[];
    expect(values.map((v) => v.serie)).toEqual(['a', 'b']);
    expect(values[0].x).toEqual(rows.slice(0, 150).map((r) => r.x));
    expect(values[1].y).toEqual(roundColumn(rows.map((r) => r.y)).slice(150));
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
    // not tables: only stored as a JSON string, unchanged
    const asString = (s: { data: { values: unknown } }) => ({
      ...s,
      data: { values: JSON.stringify(s.data.values), format: { type: 'json' } },
    });
    const uneven = { ...spec, data: { values: [...rows, { serie: 'c', x: 1 }] } };
    expect(compactSpec(uneven)).toEqual(asString(uneven));
    const unique = { ...spec, data: { values: rows.map((r, i) => ({ ...r, serie: `s${i}` })) } };
    expect(compactSpec(unique)).toEqual(asString(unique));
    const nested = { ...spec, data: { values: rows.map((r) => ({ ...r, v: [1] })) } };
    const out = compactSpec({ layer: [spec, nested] }) as { layer: { transform: unknown[] }[] };
    expect(out.layer[0].transform[0]).toEqual({ flatten: ['x', 'y'] });
    expect(out.layer[1]).toEqual(asString(nested));
  });
});

describe('compactSvg', () => {
  it('rounds the geometry to a tenth of a pixel, drops per-mark ARIA labels, leaves texts alone', () => {
    const svg =
      '<svg width="200.123456" height="100"><path aria-label="x: 0.5; y: 2" role="graphics-symbol" ' +
      'aria-roledescription="point" d="M2.7386127875258306,0A2.7386127875258306,2.738,0,1,1,-2.74,0Z" ' +
      'transform="translate(10.04999999,-0.0400001)"/><text x="1.23456" fill="#e8710a">0.123\'456789</text></svg>';
    expect(compactSvg(svg)).toBe(
      "<svg width='200.1' height='100'><path d='M2.7,0A2.7,2.7,0,1,1,-2.7,0Z' transform='translate(10,0)'/>" +
        "<text x='1.2' fill='#e8710a'>0.123'456789</text></svg>",
    );
  });
});

describe('inlineRows', () => {
  it('gives back the rows of a compacted view (columns flattened, JSON string parsed), rounded', () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({
      serie: i % 2 ? 'teste' : 'treino',
      epoca: Math.floor(i / 2) + 1,
      loss: 1 / (i + 1),
    }));
    const view = { data: { values: rows }, mark: 'line' };
    const compact = compactSpec(view) as unknown as Parameters<typeof inlineRows>[0];
    expect(typeof compact.data?.values).toBe('string'); // large: stored as one JSON string
    const back = inlineRows(compact);
    expect(back).toHaveLength(rows.length);
    const byKey = new Map(back.map((r) => [`${String(r.serie)}/${String(r.epoca)}`, r.loss as number]));
    for (const r of rows) expect(byKey.get(`${r.serie}/${r.epoca}`)).toBeCloseTo(r.loss, 4);
    expect(inlineRows({ data: { values: [{ a: 1 }] } })).toEqual([{ a: 1 }]);
    expect(inlineRows({})).toEqual([]);
  });
});
