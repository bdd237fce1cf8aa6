/**
 * Every browser suite goes through `describeWithBrowser` (test/browser/helpers/chromium.ts), so that
 * a machine without a browser skips it with one line, and CI (CI=true) fails instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const dir = path.join(__dirname, 'browser');
const suites = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts'));

test('there are browser suites', () => {
  expect(suites.length).toBeGreaterThan(0);
});

test.each(suites)('%s runs only where a browser was found (describeWithBrowser)', (file) => {
  const source = fs.readFileSync(path.join(dir, file), 'utf8');
  expect(source).toMatch(/^describeWithBrowser\(/m);
  // Nothing at the top level that would start JupyterLab or Chromium without a browser.
  expect(source).not.toMatch(/^(beforeAll|afterAll|test|it|describe)\(/m);
});
