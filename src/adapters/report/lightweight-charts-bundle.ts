import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AtbError } from '../../shared/errors.js';

let cached: string | undefined;

/**
 * The standalone production build of lightweight-charts (it sets `window.LightweightCharts`), read once
 * from the installed package so that a report inlines it and works offline. The package exports only
 * its ES module entry, so the file is found next to its package.json.
 */
export function lightweightChartsBundle(): string {
  if (cached !== undefined) return cached;
  const packageJson = createRequire(import.meta.url).resolve('lightweight-charts/package.json');
  const file = join(dirname(packageJson), 'dist', 'lightweight-charts.standalone.production.js');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new AtbError('UNAVAILABLE', `cannot read the chart library at ${file}: is lightweight-charts installed?`, { file }, { cause, retryable: false });
  }
  // Inlined in a <script> element, these sequences would end the element early or change its parsing.
  if (/<\/script|<!--/i.test(text)) {
    throw new AtbError('DATA_INVALID', `the chart library at ${file} contains "</script" or "<!--" and cannot be inlined`, { file });
  }
  cached = text;
  return text;
}
