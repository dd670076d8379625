import { describe, expect, it } from 'vitest';
import { findBarGaps } from '../../src/application/market-data/find-bar-gaps.js';
import type { MarketDataRepository } from '../../src/application/ports/market-data-repository.js';
import { PostgresMarketDataRepository } from '../../src/adapters/postgres/postgres-market-data-repository.js';
import { sqlUnitOfWork } from '../../src/adapters/postgres/repositories-for.js';
import type { InstrumentId } from '../../src/domain/instruments/instrument-id.js';
import type { BarSeries } from '../../src/domain/market-data/bar.js';
import type { Timeframe } from '../../src/domain/market-data/timeframe.js';
import { AtbError } from '../../src/shared/errors.js';
import { describeEachBackend, type TestDatabase } from './backends.js';
import { barSeries, columns } from './bar-series.js';

// The market-data repository contract, run against PGlite and PostgreSQL (describeEachBackend).

const BTC = 'BTC/USDT' as InstrumentId;
const M1 = '1m' as Timeframe;
const H1 = '1h' as Timeframe;

async function count(database: TestDatabase, instrumentId?: string): Promise<number> {
  return database.db.run('test.count', async (session) => {
    const { rows } = await session.query<{ n: string }>(
      instrumentId === undefined ? 'SELECT count(*) AS n FROM bars' : 'SELECT count(*) AS n FROM bars WHERE instrument_id = $1',
      instrumentId === undefined ? [] : [instrumentId],
    );
    return Number(rows[0]?.n);
  });
}

async function collect(stream: AsyncIterable<BarSeries>): Promise<BarSeries[]> {
  const pages: BarSeries[] = [];
  for await (const page of stream) pages.push(page);
  return pages;
}

describeEachBackend('market-data repository', (current) => {
  const repository = (options = {}): MarketDataRepository => new PostgresMarketDataRepository(current().db, options);

  it('stores a series and reads it back bit for bit', async () => {
    const series = barSeries(BTC, M1, 500);
    expect(await repository().ingest(series)).toEqual({ rows: 500, inserted: 500, updated: 0, unchanged: 0 });
    const read = await repository().readSeries(BTC, M1);
    expect(read.instrumentId).toBe(BTC);
    expect(read.timeframe).toBe(M1);
    expect(columns(read), 'every double survives the round trip exactly').toEqual(columns(series));
  });

  it('reads an inclusive time range across pages, and nothing for an unknown series', async () => {
    const series = barSeries(BTC, M1, 100);
    await repository().ingest(series);
    const from = series.tsOpen[10]!;
    const to = series.tsOpen[89]!;
    const read = await repository({ pageSize: 7 }).readSeries(BTC, M1, from, to);
    expect(read.length).toBe(80);
    expect(read.tsOpen[0]).toBe(from);
    expect(read.tsOpen[79]).toBe(to);
    expect(Array.from(read.close)).toEqual(Array.from(series.close.subarray(10, 90)));
    expect((await repository().readSeries('ETH/USDT' as InstrumentId, M1)).length).toBe(0);
    expect((await repository().readSeries(BTC, H1)).length, 'another timeframe is another series').toBe(0);
  });

  it('streams pages of at most pageSize bars in order', async () => {
    const series = barSeries(BTC, M1, 25);
    await repository().ingest(series);
    const pages = await collect(repository().streamSeries(BTC, M1, {}, 10));
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(pages.flatMap((page) => Array.from(page.tsOpen))).toEqual(Array.from(series.tsOpen));
    const exact = await collect(repository().streamSeries(BTC, M1, { fromMs: series.tsOpen[5]! }, 10));
    expect(exact.map((page) => page.length), 'a full last page is followed by no empty page').toEqual([10, 10]);
  });

  it('lets the consumer of a stream use the database between pages', async () => {
    await repository().ingest(barSeries(BTC, M1, 30));
    let latestSeen = 0;
    for await (const page of repository().streamSeries(BTC, M1, {}, 10)) {
      latestSeen = (await repository().latestBar(BTC, M1))?.tsOpen ?? 0;
      expect(page.length).toBe(10);
    }
    expect(latestSeen).toBeGreaterThan(0);
  });

  it('re-importing the same bars is idempotent: nothing is written', async () => {
    const series = barSeries(BTC, M1, 300);
    await repository().ingest(series);
    expect(await repository().ingest(series)).toEqual({ rows: 300, inserted: 0, updated: 0, unchanged: 300 });
    expect(await count(current())).toBe(300);
  });

  it('an overlapping import adds the new bars and overwrites the changed ones', async () => {
    await repository().ingest(barSeries(BTC, M1, 100));
    const corrected = barSeries(BTC, M1, 150, { priceShift: 0.5, skip: (i) => i < 80 });
    const unchangedTail = barSeries(BTC, M1, 100, { skip: (i) => i < 90 });
    expect(await repository().ingest(corrected)).toEqual({ rows: 70, inserted: 50, updated: 20, unchanged: 0 });
    expect(await repository().ingest(unchangedTail)).toEqual({ rows: 10, inserted: 0, updated: 10, unchanged: 0 });
    const read = await repository().readSeries(BTC, M1);
    expect(read.length).toBe(150);
    expect(read.open[95]).toBe(unchangedTail.open[5]);
    expect(read.open[120]).toBe(corrected.open[40]);
  });

  it('keeps series of other instruments and timeframes apart', async () => {
    await repository().ingest(barSeries(BTC, M1, 10));
    await repository().ingest(barSeries(BTC, H1, 20));
    await repository().ingest(barSeries('ETH/USDT', M1, 30));
    const listed = await repository().list();
    expect(listed.map((s) => [s.instrumentId, s.timeframe, s.bars])).toEqual([
      [BTC, H1, 20],
      [BTC, M1, 10],
      ['ETH/USDT', M1, 30],
    ]);
    const btcHourly = barSeries(BTC, H1, 20);
    expect(listed[0]?.firstTsOpen).toBe(btcHourly.tsOpen[0]);
    expect(listed[0]?.lastTsOpen).toBe(btcHourly.tsOpen[19]);
  });

  it('finds the latest bar, or none', async () => {
    expect(await repository().latestBar(BTC, M1)).toBeUndefined();
    const series = barSeries(BTC, M1, 42);
    await repository().ingest(series);
    expect(await repository().latestBar(BTC, M1)).toEqual({
      instrumentId: BTC,
      timeframe: M1,
      tsOpen: series.tsOpen[41],
      open: series.open[41],
      high: series.high[41],
      low: series.low[41],
      close: series.close[41],
      volume: series.volume[41],
    });
  });

  it('reports gaps exactly as the file loader counts them, month bars in calendar months', async () => {
    const gappy = barSeries(BTC, H1, 200, { skip: (i) => (i > 20 && i < 24) || i === 50 || (i >= 100 && i < 160) });
    await repository().ingest(gappy);
    const report = await repository().gapReport(BTC, H1, 2);
    const expected = findBarGaps(gappy, 2);
    expect(report).toEqual({ instrumentId: BTC, timeframe: H1, bars: gappy.length, ...expected });
    expect(report.count).toBe(3);

    const months = [Date.UTC(2023, 0, 1), Date.UTC(2023, 1, 1), Date.UTC(2023, 4, 1), Date.UTC(2023, 5, 1)];
    const monthly = barSeries('SPX/USD', '1M', 4);
    months.forEach((ms, i) => (monthly.tsOpen[i] = ms));
    await repository().ingest(monthly);
    const monthlyReport = await repository().gapReport('SPX/USD' as InstrumentId, '1M' as Timeframe);
    expect(monthlyReport).toEqual({ instrumentId: 'SPX/USD', timeframe: '1M', bars: 4, ...findBarGaps(monthly) });
    expect(monthlyReport.missingBars, 'March and April are missing').toBe(2);
    expect(await repository().gapReport('NONE/USD' as InstrumentId, H1)).toMatchObject({ bars: 0, count: 0, missingBars: 0 });
  });

  it('stores instrument ids with quotes, semicolons and SQL literally', async () => {
    const nasty = [
      "BTC'; DROP TABLE bars; --",
      'O\'Brien "quoted" \\backslash\\ $1 %s',
      "x') OR ('1'='1",
      'tab\tnew\nline\r',
      'ünïcödé/€ 🚀',
      ' spaced ',
    ];
    for (const [i, id] of nasty.entries()) await repository().ingest(barSeries(id, M1, 3 + i));
    for (const [i, id] of nasty.entries()) {
      const read = await repository().readSeries(id as InstrumentId, M1);
      expect(read.length, id).toBe(3 + i);
      expect((await repository().latestBar(id as InstrumentId, M1))?.instrumentId).toBe(id);
      expect((await repository().gapReport(id as InstrumentId, M1)).bars).toBe(3 + i);
    }
    expect((await repository().list()).map((s) => s.instrumentId).sort()).toEqual([...nasty].sort());
    expect(await count(current()), 'the bars table is intact').toBe(nasty.reduce((sum, _, i) => sum + 3 + i, 0));
  });

  it('rejects oversize and malformed input with a clear error and stores nothing', async () => {
    const attempts: [BarSeries, RegExp][] = [
      [barSeries('X'.repeat(65), M1, 3), /invalid instrument id, was "X{40}…" \(65 characters\)|invalid instrument id, was "X{65}": expected 1 to 64 characters/],
      [barSeries('', M1, 3), /invalid instrument id, was "": expected 1 to 64 characters/],
      [barSeries('NUL\0BYTE', M1, 3), /without NUL/],
      [{ ...barSeries(BTC, M1, 3), timeframe: '1 minute' as Timeframe }, /invalid timeframe, was "1 minute"/],
      [{ ...barSeries(BTC, M1, 3), timeframe: 'm'.repeat(100) as Timeframe }, /invalid timeframe, was "m{20}"…: expected a count and a unit/],
    ];
    const unordered = barSeries(BTC, M1, 3);
    unordered.tsOpen[2] = unordered.tsOpen[0]!;
    attempts.push([unordered, /invalid bar 2 of BTC\/USDT 1m, tsOpen was \d+: expected integer epoch milliseconds, strictly increasing/]);
    const notFinite = barSeries(BTC, M1, 3);
    notFinite.high[1] = Number.POSITIVE_INFINITY;
    attempts.push([notFinite, /invalid bar 1 of BTC\/USDT 1m, high was Infinity: expected a finite number/]);
    for (const [series, message] of attempts) {
      const error = await repository().ingest(series).then(() => undefined, (e: unknown) => e);
      expect(error, String(message)).toBeInstanceOf(AtbError);
      expect((error as AtbError).code).toBe('INVALID_INPUT');
      expect((error as AtbError).message).toMatch(message);
    }
    expect(await count(current())).toBe(0);
  });

  it('a failure in the middle of an import leaves none of its rows', async () => {
    await repository().ingest(barSeries(BTC, H1, 10));
    const big = barSeries(BTC, M1, 50_000);
    const failing = repository({ pgliteRowsPerCopy: 10_000 }).ingest(big, {
      onProgress: (rows) => {
        if (rows >= 20_000) throw new Error('disk full (simulated) after 20,000 rows');
      },
    });
    await expect(failing).rejects.toThrow(/disk full/);
    expect(await count(current()), 'only the earlier import').toBe(10);
    // The same import succeeds afterwards: the failed one left no lock, temp table or partial rows.
    expect((await repository().ingest(big)).inserted).toBe(50_000);
  });

  it('a unit of work commits ingests of several series together, or none of them', async () => {
    const unitOfWork = sqlUnitOfWork(current().db);
    const failed = unitOfWork.run('test.twoSeries', async ({ marketData }) => {
      await marketData.ingest(barSeries(BTC, M1, 20));
      await marketData.ingest(barSeries('ETH/USDT', M1, 20));
      throw new AtbError('CONFLICT', 'the second half of the work failed');
    });
    await expect(failed).rejects.toThrow(/second half/);
    expect(await count(current())).toBe(0);
    await unitOfWork.run('test.twoSeries', async ({ marketData }) => {
      await marketData.ingest(barSeries(BTC, M1, 20));
      await marketData.ingest(barSeries('ETH/USDT', M1, 20));
      // Inside the transaction its own writes are visible.
      expect((await marketData.readSeries(BTC, M1)).length).toBe(20);
    });
    expect(await count(current())).toBe(40);
  });

  it('imports of the same series at the same time both succeed, one after the other', async () => {
    const first = barSeries(BTC, M1, 2_000);
    const second = barSeries(BTC, M1, 3_000, { priceShift: 1 });
    const results = await Promise.all([repository().ingest(first), repository().ingest(second)]);
    expect(results.map((r) => r.rows)).toEqual([2_000, 3_000]);
    expect(await count(current())).toBe(3_000);
  });
});

describe('market-data repository input ranges', () => {
  it('rejects a range bound that is not integer milliseconds', async () => {
    const repository = new PostgresMarketDataRepository({
      backend: 'pglite',
      run: () => Promise.reject(new Error('not reached')),
      transaction: () => Promise.reject(new Error('not reached')),
    });
    await expect(repository.readSeries(BTC, M1, 1.5)).rejects.toThrow(/invalid fromMs, was 1.5: expected integer epoch milliseconds/);
    await expect(collect(repository.streamSeries(BTC, M1, { toMs: Number.NaN }))).rejects.toThrow(/invalid toMs, was NaN/);
  });
});
