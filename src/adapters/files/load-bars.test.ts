import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadBarsOptions } from '../../application/market-data/bar-load-report.js';
import { barAt } from '../../domain/market-data/bar.js';
import { instrumentId } from '../../domain/instruments/instrument-id.js';
import { timeframe } from '../../domain/market-data/timeframe.js';
import { loadBars } from './load-bars.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-load-bars-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const BTC = instrumentId('BTC/USDT');
const H1 = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function load(name: string, content: string | Buffer, options: LoadBarsOptions = {}) {
  return loadBars(await file(name, content), { instrumentId: BTC, ...options });
}

describe('loadBars: CSV layout detection', () => {
  it('reads header names in any case and ISO timestamps with T and Z', async () => {
    const { series, report } = await load(
      'upper.csv',
      'TIMESTAMP,OPEN,HIGH,LOW,CLOSE,VOLUME\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n2024-01-01T01:00:00Z,1.5,2.5,1,2,20\n',
    );
    expect(barAt(series, 1)).toEqual({ instrumentId: BTC, timeframe: '1h', tsOpen: T0 + H1, open: 1.5, high: 2.5, low: 1, close: 2, volume: 20 });
    expect(report).toMatchObject({ format: 'csv', rowsRead: 2, barsLoaded: 2, timeframe: '1h', timeframeSource: 'inferred' });
    expect(report.layout).toContain("time 'TIMESTAMP'");
  });

  it('takes an empty first header cell as the timestamp and a date alone as midnight UTC', async () => {
    const { series, report } = await load('empty.csv', ',Open,High,Low,Close,Volume\n2012-01-31,4.58,7.38,3.8,5.55,2012.25\n2012-02-29,5.55,6.5,3.8,4.99,4761.6\n2012-03-31,4.99,5.44,4.54,4.92,9049.6\n');
    expect([...series.tsOpen]).toEqual([Date.UTC(2012, 0, 31), Date.UTC(2012, 1, 29), Date.UTC(2012, 2, 31)]);
    expect(report.timeframe, 'month-end dates are monthly bars').toBe('1M');
    expect(report.gaps.count).toBe(0);
    expect(report.layout).toContain('column 1 (unnamed)');
  });

  it('joins separate date and time columns', async () => {
    const { series } = await load('dt.csv', 'Date,Time,Open,High,Low,Close,Volume\n2006-01-02,09:05:00,3578.73,3587.88,3578.73,3582.99,0\n2006-01-02,09:10:00,3583.01,3588.4,3583.01,3588.03,0\n');
    expect([...series.tsOpen]).toEqual([Date.UTC(2006, 0, 2, 9, 5), Date.UTC(2006, 0, 2, 9, 10)]);
    expect(series.timeframe).toBe('5m');
  });

  it('reads a header one name short whose rows hold a date and a time (backtrader samples)', async () => {
    const { series, report } = await load(
      'short.csv',
      'Date,Open,High,Low,Close,Volume,OpenInterest\r\n2006-01-02,09:01:00,3602.00,3603.00,3597.00,3599.00,5699,0\r\n2006-01-02,09:02:00,3600.00,3601.00,3598.00,3599.00,894,0\r\n',
    );
    expect(barAt(series, 0)).toMatchObject({ tsOpen: Date.UTC(2006, 0, 2, 9, 1), open: 3602, high: 3603, low: 3597, close: 3599, volume: 5699 });
    expect(report.layout).toContain('the header names 7 columns but rows have 8: columns 1-2 read as date and time');
    expect(report.layout).toContain("ignored 'OpenInterest'");
  });

  it('detects epoch seconds and milliseconds by magnitude, with or without a header', async () => {
    const seconds = await load('s.csv', `${T0 / 1000},1,2,0.5,1.5,10\n${T0 / 1000 + 60},1,2,0.5,1.5,10\n`);
    const millis = await load('ms.csv', `unix,open,high,low,close,volume\n${T0},1,2,0.5,1.5,10\n${T0 + 60_000},1,2,0.5,1.5,10\n`);
    expect([...seconds.series.tsOpen]).toEqual([T0, T0 + 60_000]);
    expect([...millis.series.tsOpen]).toEqual([T0, T0 + 60_000]);
    expect(seconds.report.layout).toContain('no header (columns by position)');
    expect(seconds.report.layout).toContain('epoch seconds');
    expect(millis.report.layout).toContain('epoch milliseconds');
  });

  it('reads semicolons with decimal commas', async () => {
    const { series, report } = await load('semi.csv', 'Date;Open;High;Low;Close;Volume\n2024-01-01;1,5;2,25;1,25;2;100\n2024-01-02;2;3;1,5;2,5;200\n');
    expect(barAt(series, 0)).toMatchObject({ open: 1.5, high: 2.25, low: 1.25, close: 2, volume: 100 });
    expect(report.layout).toMatch(/^semicolon-separated with decimal commas/);
  });

  it("uses Yahoo's Close, not Adj Close", async () => {
    const { series, report } = await load(
      'yahoo.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume\n1999-01-22,1.750000,1.953125,1.552083,1.640625,1.518424,67867200\n1999-01-25,1.770833,1.833333,1.640625,1.812500,1.677496,12762000\n',
    );
    expect(barAt(series, 0)).toMatchObject({ close: 1.640625, volume: 67_867_200 });
    expect(report.layout).toContain("ignored 'Adj Close'");
  });

  it('skips # comments, a BOM, blank lines and trailing empty lines, keeping line numbers right', async () => {
    const text = '\uFEFF# SYNTHETIC DATA – not market data\ntimestamp,open,high,low,close,volume\n\n2024-01-01 00:00:00,1,2,0.5,1.5,10\n# a note\n2024-01-01 01:00:00,1,2,0.5,1.5,10\n2024-01-01 02:00:00,1,2,0.5,x,10\n\n\n';
    const path = await file('comments.csv', text);
    await expect(loadBars(path, { instrumentId: BTC })).rejects.toMatchObject({
      code: 'DATA_INVALID',
      message: `${path}:7: column 'close' is "x": expected a number`,
    });
    const { report } = await loadBars(path, { instrumentId: BTC, skipBadRows: true });
    expect(report.comments).toEqual(['# SYNTHETIC DATA – not market data', '# a note']);
    expect(report).toMatchObject({ rowsRead: 3, barsLoaded: 2 });
  });

  it('reads CRLF files with a UTF-8 BOM before the header', async () => {
    const { series } = await load('crlf.csv', Buffer.from('\uFEFFDate,Open,High,Low,Close,Volume\r\n2024-01-01,1,2,0.5,1.5,10\r\n2024-01-02,1,2,0.5,1.5,10\r\n', 'utf8'));
    expect([...series.tsOpen]).toEqual([T0, T0 + 24 * H1]);
    expect(series.timeframe).toBe('1d');
  });

  it('applies written UTC offsets, and reads quoted fields and tabs', async () => {
    const offset = await load('tz.csv', 'time,open,high,low,close\n2024-01-01T02:00:00+02:00,1,2,0.5,1.5\n2024-01-01 03:00:00+0200,1,2,0.5,1.5\n');
    expect([...offset.series.tsOpen]).toEqual([T0, T0 + H1]);
    expect(offset.report.warnings).toEqual(['the file has no volume column: volume is 0 on every bar']);
    expect([...offset.series.volume]).toEqual([0, 0]);
    const quoted = await load('q.csv', '"Date"\t"Open"\t"High"\t"Low"\t"Close"\t"Volume"\n"2024-01-01"\t"1"\t"2"\t"0.5"\t"1.5"\t"10"\n"2024-01-02"\t"1"\t"2"\t"0.5"\t"1.5"\t"10"\n');
    expect(barAt(quoted.series, 1)).toMatchObject({ tsOpen: T0 + 24 * H1, low: 0.5, volume: 10 });
    expect(quoted.report.layout).toMatch(/^tab-separated/);
  });

  it('tells day-first dates from the data, and asks when they are ambiguous', async () => {
    const dayFirst = await load('dmy.csv', 'Date,Open,High,Low,Close\n01.02.2024,1,2,0.5,1.5\n13.02.2024,1,2,0.5,1.5\n');
    expect([...dayFirst.series.tsOpen]).toEqual([Date.UTC(2024, 1, 1), Date.UTC(2024, 1, 13)]);
    const path = await file('ambiguous.csv', 'Date,Open,High,Low,Close\n01/02/2024,1,2,0.5,1.5\n02/02/2024,1,2,0.5,1.5\n');
    await expect(loadBars(path, { instrumentId: BTC })).rejects.toMatchObject({
      code: 'DATA_INVALID',
      message: `${path}:2: dates such as "01/02/2024" may be day-first or month-first: give the layout's dateOrder 'dmy' or 'mdy'`,
    });
    const monthFirst = await loadBars(path, { instrumentId: BTC, layout: { dateOrder: 'mdy' } });
    expect([...monthFirst.series.tsOpen]).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 1, 2)]);
  });

  it('follows an explicit column mapping for files the detector cannot read', async () => {
    const { series } = await load('custom.csv', 'when,p1,p2,p3,p4,qty\n2024-01-01,2,0.5,1,1.5,7\n2024-01-02,2,0.5,1,1.5,8\n', {
      layout: { columns: { timestamp: 'when', high: 'p1', low: 'p2', open: 'p3', close: 4, volume: 'qty' } },
    });
    expect(barAt(series, 1)).toMatchObject({ open: 1, high: 2, low: 0.5, close: 1.5, volume: 8 });
  });

  it('reads the layout past a malformed first row, which --skip-bad-rows then skips', async () => {
    const text = 'timestamp;open;high;low;close\n;;;\n2024-01-01 00:00;1;2;0,5;1,5\n2024-01-01 00:05;1;2;0,5;1,5\n2024-01-01 00:10;1;2;0,5;1,5\n';
    const { series, report } = await load('first-bad.csv', text, { skipBadRows: true });
    expect(series.length).toBe(3);
    expect(report.skippedBadRows.first).toEqual([{ line: 2, reason: 'expected 5 columns, found 4' }]);
    expect(report.layout).toMatch(/^semicolon-separated with decimal commas/);
  });

  it('names the columns it cannot find', async () => {
    const path = await file('nohigh.csv', 'time,open,top,low,close\n2024-01-01,1,2,0.5,1.5\n');
    await expect(loadBars(path, { instrumentId: BTC })).rejects.toMatchObject({
      code: 'DATA_INVALID',
      message: `${path}:1: cannot tell which column is 'high': the header has 'time', 'open', 'top', 'low', 'close'; give the layout's columns`,
    });
  });
});

describe('loadBars: validation', () => {
  const header = 'timestamp,Open,High,Low,Close,Volume\n';
  const row = (hour: number, o: number | string, h: number | string, l: number | string, c: number | string, v: number | string = 1): string =>
    `2024-01-01 ${String(hour).padStart(2, '0')}:00:00,${o},${h},${l},${c},${v}\n`;

  const cases: [string, string, string][] = [
    ['a non-number', row(2, 1, 2, 0.5, 'abc'), `column 'close' is "abc": expected a number`],
    ['high below low', row(2, 11, 10.5, 11.2, 11), 'high 10.5 is below low 11.2'],
    ['open above high', row(2, 3, 2, 0.5, 1), 'open 3 is above high 2'],
    ['close below low', row(2, 1, 2, 0.5, 0.4), 'close 0.4 is below low 0.5'],
    ['a zero price', row(2, 0, 0, 0, 0), 'open 0 is not a positive price'],
    ['a negative volume', row(2, 1, 2, 0.5, 1, -3), 'volume -3 is negative'],
    ['a missing column', '2024-01-01 02:00:00,1,2,0.5,1\n', 'expected 6 columns, found 5'],
    ['a bad timestamp', row(2, 1, 2, 0.5, 1).replace('2024-01-01', '2024-13-01'), `column 'timestamp' is "2024-13-01 02:00:00": expected a date-time such as 2024-01-31 12:00:00, or epoch seconds or milliseconds`],
    ['an earlier timestamp', row(0, 1, 2, 0.5, 1), "timestamp 2024-01-01T00:00:00Z is before the previous row's 2024-01-01T01:00:00Z (line 3): rows must be in increasing time order"],
    ['a repeated timestamp with other values', row(1, 1, 2, 0.5, 1.25), 'timestamp 2024-01-01T01:00:00Z repeats line 3 with different values'],
  ];

  it.each(cases)('stops at %s with file:line: reason', async (_what, bad, reason) => {
    const path = await file('bad.csv', header + row(0, 1, 2, 0.5, 1) + row(1, 1, 2, 0.5, 1) + bad + row(3, 1, 2, 0.5, 1));
    await expect(loadBars(path, { instrumentId: BTC })).rejects.toMatchObject({ code: 'DATA_INVALID', message: `${path}:4: ${reason}` });
  });

  it.each(cases)('skips %s with --skip-bad-rows and reports it', async (_what, bad, reason) => {
    const { series, report } = await load('skip.csv', header + row(0, 1, 2, 0.5, 1) + row(1, 1, 2, 0.5, 1) + bad + row(3, 1, 2, 0.5, 1), { skipBadRows: true });
    expect(series.length).toBe(3);
    expect(report.skippedBadRows).toEqual({ count: 1, first: [{ line: 4, reason }] });
    expect(report.rowsRead).toBe(4);
  });

  it('counts every skipped row and lists the first ten', async () => {
    let text = header;
    for (let hour = 0; hour < 24; hour += 1) text += hour % 2 === 0 ? row(hour, 1, 2, 0.5, 1) : row(hour, 1, 2, 3, 1);
    const { report } = await load('many.csv', text, { skipBadRows: true });
    expect(report.skippedBadRows.count).toBe(12);
    expect(report.skippedBadRows.first.map((b) => b.line)).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19, 21]);
    expect(report.barsLoaded).toBe(12);
  });

  it('drops exact duplicate rows and reports them', async () => {
    const { series, report } = await load('dup.csv', header + row(0, 1, 2, 0.5, 1) + row(0, 1, 2, 0.5, 1) + row(1, 1, 2, 0.5, 1) + row(1, 1, 2, 0.5, 1) + row(2, 1, 2, 0.5, 1));
    expect(series.length).toBe(3);
    expect(report.duplicates).toEqual({ count: 2, firstLines: [3, 5] });
    expect(report.skippedBadRows.count).toBe(0);
  });

  it('reports gaps against the timeframe without failing', async () => {
    const { report } = await load('gaps.csv', header + row(0, 1, 2, 0.5, 1) + row(1, 1, 2, 0.5, 1) + row(2, 1, 2, 0.5, 1) + row(5, 1, 2, 0.5, 1) + row(6, 1, 2, 0.5, 1) + row(9, 1, 2, 0.5, 1));
    expect(report.timeframe).toBe('1h');
    expect(report.gaps).toEqual({
      count: 2,
      missingBars: 4,
      first: [
        { afterTsOpen: T0 + 2 * H1, nextTsOpen: T0 + 5 * H1, missingBars: 2 },
        { afterTsOpen: T0 + 6 * H1, nextTsOpen: T0 + 9 * H1, missingBars: 2 },
      ],
    });
  });

  it('keeps only bars between from and to, inclusive', async () => {
    let text = header;
    for (let hour = 0; hour < 10; hour += 1) text += row(hour, 1, 2, 0.5, 1);
    const { series, report } = await load('range.csv', text, { fromMs: T0 + 2 * H1, toMs: T0 + 5 * H1 });
    expect([...series.tsOpen]).toEqual([2, 3, 4, 5].map((h) => T0 + h * H1));
    expect(report).toMatchObject({ rowsRead: 10, barsLoaded: 4, filteredOut: 6, firstTsOpen: T0 + 2 * H1, lastTsOpen: T0 + 5 * H1 });
  });

  it('uses a given timeframe and warns when the bars disagree', async () => {
    const { report } = await load('tf.csv', header + row(0, 1, 2, 0.5, 1) + row(1, 1, 2, 0.5, 1), { timeframe: timeframe('4h') });
    expect(report).toMatchObject({ timeframe: '4h', timeframeSource: 'given' });
    expect(report.warnings).toEqual(['the timeframe given is 4h but bars are mostly 1h apart']);
  });
});

describe('loadBars: files and names', () => {
  it('derives the instrument from the file name, or asks for it', async () => {
    const ok = await loadBars(await file('ETH_USDT-1h.csv', 'date,open,high,low,close\n2024-01-01,1,2,0.5,1\n2024-01-02,1,2,0.5,1\n'));
    expect(ok.series.instrumentId).toBe('ETH/USDT');
    expect(ok.report.instrumentSource).toBe('file name');
    const path = await file('NVDA-1d.csv', 'date,open,high,low,close\n2024-01-01,1,2,0.5,1\n');
    await expect(loadBars(path)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `cannot tell the instrument of '${path}' from its name: give the instrument (--symbol), such as "NVDA/USD"`,
    });
  });

  it('refuses unknown extensions, missing files and files without data', async () => {
    await expect(loadBars(join(dir, 'x.parquet'), { instrumentId: BTC })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(loadBars(join(dir, 'missing.csv'), { instrumentId: BTC })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `cannot read bar file '${join(dir, 'missing.csv')}': no such file`,
    });
    const headerOnly = await file('header.csv', 'timestamp,open,high,low,close\n');
    await expect(loadBars(headerOnly, { instrumentId: BTC })).rejects.toMatchObject({
      code: 'DATA_INVALID',
      message: `${headerOnly}: the file has a header but no data rows`,
    });
    const oneBar = await file('one.csv', 'timestamp,open,high,low,close\n2024-01-01,1,2,0.5,1\n');
    await expect(loadBars(oneBar, { instrumentId: BTC })).rejects.toMatchObject({
      message: `${oneBar}: cannot infer the timeframe (1 bar(s) loaded): give the timeframe, such as "1h"`,
    });
    expect((await loadBars(oneBar, { instrumentId: BTC, timeframe: timeframe('1d') })).series.length).toBe(1);
  });

  it('reads a .txt file as CSV and honours an explicit format', async () => {
    const text = 'date,open,high,low,close\n2024-01-01,1,2,0.5,1\n2024-01-02,1,2,0.5,1\n';
    expect((await load('bars.txt', text)).report.format).toBe('csv');
    expect((await load('bars.data', text, { format: 'csv' })).series.length).toBe(2);
  });
});
