import { renderSvg } from './render-svg';
import { VEGA_LITE_SCHEMA } from './vega-lite-spec';

describe('renderSvg', () => {
  it('renders a line chart to a standalone SVG with one path per series', async () => {
    const svg = await renderSvg({
      $schema: VEGA_LITE_SCHEMA,
      data: {
        values: [
          { x: 0, y: 1 },
          { x: 1, y: 3 },
          { x: 2, y: 2 },
        ],
      },
      mark: 'line',
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.match(/class="mark-line/g)).toHaveLength(1);
  });
});
