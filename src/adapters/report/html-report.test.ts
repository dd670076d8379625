import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticBacktest } from '../../../test/report/report-fixture.js';
import { AtbError } from '../../shared/errors.js';
import { renderHtmlReport, writeHtmlReport } from './html-report.js';
import { lightweightChartsBundle } from './lightweight-charts-bundle.js';
import { TRADE_ROWS_EACH_END } from './report-tables.js';

const HOSTILE = '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

/** The page without the inlined chart library, which has its own strings. */
const ownMarkup = (html: string): string => html.replace(lightweightChartsBundle(), '');

describe('renderHtmlReport', () => {
  const fixture = syntheticBacktest({ bars: 500, params: { fast: 10, label: HOSTILE }, rejectionReason: `<b>${HOSTILE}</b>` });
  const html = renderHtmlReport({ ...fixture, title: 'Test & "report"' });

  it('escapes every text from the report: a hostile parameter stays text', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;');
    expect(html).toContain('<title>Test &amp; &quot;report&quot;</title>');
    expect(ownMarkup(html).match(/<script/g), 'the data, the library and the page script').toHaveLength(3);
  });

  it('embeds the chart data as JSON with no raw "<", and it parses back', () => {
    const match = /<script type="application\/json" id="atb-chart-data">([^]*?)<\/script>/.exec(html);
    expect(match).not.toBeNull();
    const json = match?.[1] ?? '';
    expect(json).not.toContain('<');
    const data = JSON.parse(json) as { time: number[]; markers: unknown[] };
    expect(data.time).toHaveLength(500);
    expect(data.markers).toHaveLength(fixture.curves.fills.length);
  });

  it('loads nothing from outside: a strict CSP, no src, href or link in its own markup', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;unsafe-inline&#39;`);
    const own = ownMarkup(html);
    expect(own, "an element with src or href").not.toMatch(/<[a-zA-Z][^>]*\s(?:src|href)=/);
    expect(own).not.toMatch(/<link|@import|url\(/);
    expect(html).toContain(lightweightChartsBundle());
  });

  it('lists every trade, the metrics with the reasons for n/a, and the header figures', () => {
    expect(html.match(/<tr><td class="num">\d+<\/td><td>LONG<\/td>/g)).toHaveLength(fixture.report.trades.length);
    expect(html).toContain(`<tr data-metric="sharpe"><td>Sharpe ratio</td><td class="num null">n/a</td><td class="note wrap">${fixture.report.metricNotes.sharpe}</td></tr>`);
    expect(html).toContain(`${fixture.report.finalEquity.replace(/^(\d+)(\d{3})/, '$1,$2')} USDT`);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(renderHtmlReport({ ...fixture, title: 'Test & "report"' })).toBe(html);
  });
});

describe('renderHtmlReport with nothing to show', () => {
  it('renders a run without bars or trades, every metric n/a with its reason', () => {
    const empty = syntheticBacktest({ bars: 0 });
    const html = renderHtmlReport(empty);
    expect(html).toContain('No bars to chart.');
    expect(html).toContain('<p class="note" id="trades-none">No closed trades.</p>');
    expect(html).toContain(`<tr data-metric="totalReturnPct"><td>Total return</td><td class="num null">n/a</td><td class="note wrap">no equity points</td></tr>`);
  });
});

describe('renderHtmlReport with a million bars', () => {
  it('stays a small file: candles aggregated, the trade list capped with a note', () => {
    const big = syntheticBacktest({ bars: 1_000_000, timeframe: '1m', everyBars: 100, holdBars: 50 });
    expect(big.report.trades.length).toBeGreaterThan(2 * TRADE_ROWS_EACH_END);
    const html = renderHtmlReport(big);
    expect(html.length, 'a few MB at most').toBeLessThan(3_000_000);
    expect(html).toContain('1,000,000 1m bars are drawn as 4,167 candles of 4h');
    expect(html.match(/<tr><td class="num">\d+<\/td><td>LONG<\/td>/g)).toHaveLength(2 * TRADE_ROWS_EACH_END);
    const hidden = big.report.trades.length - 2 * TRADE_ROWS_EACH_END;
    expect(html).toContain(`… ${hidden.toLocaleString('en-US')} closed trades not listed here`);
    expect(html, 'the last trade is listed').toContain(`<tr><td class="num">${big.report.trades.length}</td>`);
  });
});

describe('writeHtmlReport', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atb-html-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const fixture = syntheticBacktest({ bars: 50 });

  it('writes the page and leaves no temporary file', async () => {
    const path = join(dir, 'out.html');
    await writeHtmlReport(path, fixture);
    expect(await readFile(path, 'utf8')).toBe(renderHtmlReport(fixture));
    expect(await readdir(dir)).toEqual(['out.html']);
  });

  it('says which path could not be written, as an AtbError, and leaves nothing behind', async () => {
    const path = join(dir, 'missing-folder', 'out.html');
    const error: unknown = await writeHtmlReport(path, fixture).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtbError);
    expect((error as AtbError).message).toContain(`cannot write the HTML report to '${path}'`);
    expect(await readdir(dir)).toEqual(['out.html']);
  });
});
