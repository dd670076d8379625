/**
 * Opens generated HTML reports in Debian's Chromium (playwright-core drives it; nothing is downloaded)
 * and checks what a person would see: the charts drew candles, arrows, equity and drawdown; the tables
 * hold the trades; a hostile strategy parameter is shown as text and never runs; nothing failed or was
 * fetched. Screenshots are kept in a temporary folder named in the output.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../../src/adapters/report/html-report.js';
import { syntheticBacktest, type Fixture } from './report-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
if (!present && !inCi) console.warn(`!!! SKIPPED the HTML report browser tests: ${CHROMIUM} is missing (apt-get install chromium)`);

const HOSTILE = '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

/** The slice of the browser's DOM these checks use: the project compiles without the DOM library. */
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d', options?: { willReadFrequently: boolean }): PageContext | null;
}
interface PageContext {
  drawImage(image: PageCanvas, x: number, y: number): void;
  getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<PageCanvas>; createElement(tag: 'canvas'): PageCanvas };
  requestAnimationFrame(callback: () => void): number;
  __pwned?: number;
}

/** Pixels in a chart's canvases close to each colour, and how many distinct colours it has. */
async function inkOf<K extends string>(page: Page, containerId: string, colours: Readonly<Record<K, string>>): Promise<Record<K | 'distinctColours', number>> {
  const counts = await page.evaluate(
    ({ id, wanted }) => {
      const { document } = globalThis as unknown as PageGlobals;
      const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const targets = Object.entries<string>(wanted).map(([name, hex]) => [name, rgb(hex)] as const);
      const counts: Record<string, number> = Object.fromEntries(targets.map(([name]) => [name, 0]));
      const distinct = new Set<number>();
      // Read through a scratch canvas made for readback, so the chart's own canvases are not slowed
      // (Chrome warns when a canvas without willReadFrequently is read back repeatedly).
      const scratch = document.createElement('canvas');
      const ctx = scratch.getContext('2d', { willReadFrequently: true });
      for (const c of Array.from(document.querySelectorAll(`#${id} canvas`))) {
        if (ctx === null || c.width === 0 || c.height === 0) continue;
        scratch.width = c.width;
        scratch.height = c.height;
        ctx.drawImage(c, 0, 0);
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < px.length; i += 4) {
          if ((px[i + 3] ?? 0) < 200) continue;
          const r = px[i] ?? 0;
          const g = px[i + 1] ?? 0;
          const b = px[i + 2] ?? 0;
          distinct.add((r << 16) | (g << 8) | b);
          for (const [name, [tr, tg, tb]] of targets) {
            if (Math.abs(r - (tr ?? 0)) + Math.abs(g - (tg ?? 0)) + Math.abs(b - (tb ?? 0)) < 40) counts[name] = (counts[name] ?? 0) + 1;
          }
        }
      }
      counts.distinctColours = distinct.size;
      return counts;
    },
    { id: containerId, wanted: colours as Readonly<Record<string, string>> },
  );
  return counts;
}

describe.skipIf(!present && !inCi)('HTML report in Chromium', () => {
  let browser: Browser;
  let dir = '';

  beforeAll(async () => {
    if (!present) throw new Error(`${CHROMIUM} is missing and CI=true: .ci/run installs Debian's chromium for this test`);
    dir = await mkdtemp(join(tmpdir(), 'atb-report-browser-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    // Keep the screenshots for a person to look at; the pages (one is 1.4 MB) can go.
    for (const name of ['small.html', 'million.html']) await rm(join(dir, name), { force: true });
  });

  /** Writes the report, opens it, waits for the charts, and returns the page with what went wrong. */
  async function open(fixture: Fixture, name: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const file = join(dir, `${name}.html`);
    await writeHtmlReport(file, fixture);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-charts-ready]', { timeout: 20_000 });
    return { page, errors, requests };
  }

  it('renders candles with trade arrows, equity, drawdown and the tables; hostile text stays text', async () => {
    const fixture = syntheticBacktest({ bars: 500, params: { fast: 10, slow: 30, label: HOSTILE }, rejectionReason: HOSTILE });
    const { page, errors, requests } = await open(fixture, 'small');
    const shot = join(dir, 'small.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`HTML report screenshot: ${shot}`);

    expect(errors, 'no console errors or page errors').toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://')), 'nothing fetched from a network').toEqual([]);
    expect(await page.getAttribute('body', 'data-charts-ready')).toBe('true');

    const price = await inkOf(page, 'chart-candles', { up: '#26a69a', down: '#ef5350', buy: '#2563eb', sell: '#db2777' });
    expect(price.up, 'rising candles drawn').toBeGreaterThan(200);
    expect(price.down, 'falling candles drawn').toBeGreaterThan(200);
    expect(price.buy, 'buy arrows drawn').toBeGreaterThan(20);
    expect(price.sell, 'sell arrows drawn').toBeGreaterThan(20);
    expect(price.distinctColours, 'not a blank canvas').toBeGreaterThan(20);
    const equity = await inkOf(page, 'chart-equity', { line: '#4f46e5' });
    expect(equity.line, 'equity line drawn').toBeGreaterThan(300);
    const drawdown = await inkOf(page, 'chart-drawdown', { line: '#dc2626' });
    expect(drawdown.line, 'drawdown line drawn').toBeGreaterThan(100);

    expect(await page.locator('#trades tbody tr').count()).toBe(fixture.report.trades.length);
    expect(await page.locator('#rejections tbody tr').count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned), 'the hostile parameter never ran').toBeUndefined();
    expect(await page.locator('#params').innerText()).toContain(HOSTILE);
    expect(await page.locator('#rejections').innerText()).toContain(HOSTILE);
    expect(await page.locator('[data-metric="sharpe"] .note').innerText()).toBe(fixture.report.metricNotes.sharpe);
    expect(await page.locator('#report-title').innerText()).toBe('sma-cross on BTC/USDT');
    await page.close();
  });

  it('renders a million-bar backtest, aggregated; trade arrows appear when zoomed in', async () => {
    const fixture = syntheticBacktest({ bars: 1_000_000, timeframe: '1m', everyBars: 400, holdBars: 200 });
    const { page, errors } = await open(fixture, 'million');
    expect(errors).toEqual([]);
    const whole = await inkOf(page, 'chart-candles', { up: '#26a69a', down: '#ef5350', buy: '#2563eb' });
    expect(whole.up + whole.down, 'candles drawn').toBeGreaterThan(1_000);
    expect(whole.buy, 'too many arrows for the whole run: none drawn').toBeLessThan(5);
    expect(await page.locator('#marker-hint').innerText()).toMatch(/zoom in/);

    const box = await page.locator('#chart-candles').boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    for (let i = 0; i < 40 && (await page.locator('#marker-hint').innerText()) !== ''; i += 1) await page.mouse.wheel(0, -400);
    expect(await page.locator('#marker-hint').innerText(), 'zooming in brings the arrows back').toBe('');
    await page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      return new Promise<void>((resolve) => page.requestAnimationFrame(() => page.requestAnimationFrame(resolve)));
    });
    const zoomed = await inkOf(page, 'chart-candles', { buy: '#2563eb', sell: '#db2777' });
    expect(zoomed.buy + zoomed.sell, 'arrows drawn once zoomed in').toBeGreaterThan(20);
    await page.locator('#charts').screenshot({ path: join(dir, 'million-zoomed.png') });
    expect(await page.locator('#trades tbody tr.gap').innerText()).toMatch(/closed trades not listed here/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
