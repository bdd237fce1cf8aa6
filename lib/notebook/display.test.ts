import { displayBundle, DisplayOptions, MimeBundle, setDisplaySink } from './display';
import { formatMetric, ProgressLine } from './progress';

function capture() {
  const outputs: { bundle: MimeBundle; options: DisplayOptions }[] = [];
  const restore = setDisplaySink((bundle, options) => outputs.push({ bundle, options }));
  return { outputs, restore };
}

describe('displayBundle', () => {
  it('sends the whole bundle as one output', () => {
    const { outputs, restore } = capture();
    try {
      displayBundle({ 'text/plain': 'a', 'image/svg+xml': '<svg/>' });
      expect(outputs).toEqual([{ bundle: { 'text/plain': 'a', 'image/svg+xml': '<svg/>' }, options: {} }]);
    } finally {
      restore();
    }
  });

  it('outside a kernel, prints the text version', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      displayBundle({ 'text/plain': 'só texto', 'image/svg+xml': '<svg/>' });
      expect(log).toHaveBeenCalledWith('só texto');
    } finally {
      log.mockRestore();
    }
  });
});

describe('ProgressLine', () => {
  it('shows once, then updates the same display id, throttled except when forced', () => {
    const { outputs, restore } = capture();
    try {
      const line = new ProgressLine(60_000);
      line.update('Época 1/3');
      line.update('Época 2/3'); // throttled
      line.update('Época 3/3', { force: true });
      expect(outputs.map((o) => o.bundle['text/plain'])).toEqual(['Época 1/3', 'Época 3/3']);
      expect(outputs[0].options.update).toBe(false);
      expect(outputs[1].options.update).toBe(true);
      expect(outputs[1].options.displayId).toBe(outputs[0].options.displayId);
    } finally {
      restore();
    }
  });
});

describe('formatMetric', () => {
  it('keeps non-finite values readable', () => {
    expect(formatMetric(NaN)).toBe('NaN');
    expect(formatMetric(Infinity)).toBe('Infinity');
    expect(formatMetric(0.693147)).toBe('0.6931');
    expect(formatMetric(1.5e7)).toBe('1.500e+7');
    expect(formatMetric(0)).toBe('0.000');
  });
});
