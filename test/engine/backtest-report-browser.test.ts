/**
 * `atb backtest --report out.html` end to end: the command writes one self-contained page, and Debian's
 * Chromium (driven by playwright-core, nothing downloaded) draws its candle chart. The pixel check
 * follows test/report/html-report.browser.test.ts: canvases are copied to a scratch canvas and the
 * candles' colours counted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atb, tempDir, writeHourlyCsv } from './cli-harness.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
if (!present && !inCi) console.warn(`!!! SKIPPED the atb backtest --report browser test: ${CHROMIUM} is missing (apt-get install chromium)`);

/** The slice of the browser's DOM used here: the project compiles without the DOM library. */
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d', options?: { willReadFrequently: boolean }): {
    drawImage(image: PageCanvas, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<PageCanvas>; createElement(tag: 'canvas'): PageCanvas };
}

describe.skipIf(!present && !inCi)('atb backtest --report in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!present) throw new Error(`${CHROMIUM} is missing and CI=true: install Debian's chromium for this test`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('writes a self-contained page whose candle chart renders', async () => {
    const dir = tempDir();
    const data = writeHourlyCsv(dir, 'BTCUSDT-1h.csv', 5);
    const out = join(dir, 'out.html');
    const run = await atb(['backtest', '--strategy', 'sma-cross', '--param', 'fast=3', '--param', 'slow=8', '--param', 'size=1', '--data', data, '--report', out, '--json'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { closedTrades: number };
    const html = readFileSync(out, 'utf8');
    expect(html, 'no external scripts or styles').not.toMatch(/<script[^>]+src=|<link[^>]+href=/);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) problems.push(`fetched ${r.url()}`);
    });
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector('body[data-charts-ready]', { timeout: 20_000 });
    expect(await page.getAttribute('body', 'data-charts-ready')).toBe('true');

    const ink = await page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      const scratch = document.createElement('canvas');
      const ctx = scratch.getContext('2d', { willReadFrequently: true });
      let up = 0;
      let down = 0;
      for (const c of Array.from(document.querySelectorAll('#chart-candles canvas'))) {
        if (ctx === null || c.width === 0 || c.height === 0) continue;
        scratch.width = c.width;
        scratch.height = c.height;
        ctx.drawImage(c, 0, 0);
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < px.length; i += 4) {
          if ((px[i + 3] ?? 0) < 200) continue;
          const [r, g, b] = [px[i] ?? 0, px[i + 1] ?? 0, px[i + 2] ?? 0];
          if (Math.abs(r - 0x26) + Math.abs(g - 0xa6) + Math.abs(b - 0x9a) < 40) up += 1;
          if (Math.abs(r - 0xef) + Math.abs(g - 0x53) + Math.abs(b - 0x50) < 40) down += 1;
        }
      }
      return { up, down };
    });
    expect(ink.up, 'rising candles drawn').toBeGreaterThan(200);
    expect(ink.down, 'falling candles drawn').toBeGreaterThan(200);
    expect(await page.locator('#trades tbody tr').count()).toBe(report.closedTrades);
    expect(problems).toEqual([]);
    await page.close();
  });
});
