import { open, readFile, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  BarFileFormat,
  type BarLoadReport,
  type LoadBarsOptions,
  type LoadResult,
} from '../../application/market-data/bar-load-report.js';
import { findBarGaps } from '../../application/market-data/find-bar-gaps.js';
import { inferTimeframe } from '../../application/market-data/infer-timeframe.js';
import { ValidatingBarSink } from '../../application/market-data/validating-bar-sink.js';
import { AtbError } from '../../shared/errors.js';
import { detectCsvLayout, sampleLines } from './csv-layout.js';
import { instrumentFromFileName } from './instrument-from-file-name.js';
import { jsonRowLocator, readJsonBars } from './read-json-bars.js';
import { scanCsvFile } from './scan-csv-bars.js';
import { scanCsvInTwo } from './scan-csv-in-two.js';

// apache-arrow is loaded only for Arrow files: it is most of the CLI's start-up time otherwise.

/** Enough of the start of a CSV file for the layout detector's sample lines. */
const SAMPLE_BYTES = 256 * 1024;

/**
 * CSV files at least this large are scanned in two halves on two threads (scan-csv-in-two.ts). Below it the
 * worker's start (tens of milliseconds) costs more than half a scan saves: a 16 MB file scans in ~150 ms.
 */
const SCAN_IN_TWO_FROM_BYTES = 16 * 1024 * 1024;

const FORMAT_BY_EXTENSION: Readonly<Record<string, BarFileFormat>> = {
  '.csv': BarFileFormat.CSV,
  '.txt': BarFileFormat.CSV,
  '.json': BarFileFormat.JSON,
  '.feather': BarFileFormat.ARROW,
  '.arrow': BarFileFormat.ARROW,
  '.ipc': BarFileFormat.ARROW,
};

/**
 * Loads a candle file into a columnar BarSeries with a report of what was read. CSV layouts are detected
 * (see detectCsvLayout), JSON is `[[ts, o, h, l, c, v], …]`, Arrow/Feather is Freqtrade's schema. Every row
 * goes through the same validation (ValidatingBarSink); a bad row stops the load with AtbError
 * DATA_INVALID `<file>:<line>: <reason>` unless `skipBadRows`. The instrument comes from the options or
 * the file name; the timeframe from the options or the median bar spacing.
 *
 * @example
 * const { series, report } = await loadBars('../shared/data/SOLUSDT-1h.csv');
 * // series.instrumentId === 'SOL/USDT', report.timeframe === '1h', report.barsLoaded === 1000
 */
export async function loadBars(path: string, options: LoadBarsOptions = {}): Promise<LoadResult> {
  const format = options.format ?? FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new AtbError(
      'INVALID_INPUT',
      `invalid bar file '${path}', was extension ${JSON.stringify(extname(path))}: expected .csv, .txt, .json, ` +
        `.feather, .arrow or .ipc, or an explicit format`,
      { file: path },
    );
  }
  const instrumentId = options.instrumentId ?? instrumentFromFileName(path);
  if (instrumentId === undefined) {
    throw new AtbError(
      'INVALID_INPUT',
      `cannot tell the instrument of '${path}' from its name: give the instrument (--symbol), such as "NVDA/USD"`,
      { file: path },
    );
  }
  const sinkOptions = {
    file: path,
    skipBadRows: options.skipBadRows ?? false,
    ...(options.fromMs === undefined ? {} : { fromMs: options.fromMs }),
    ...(options.toMs === undefined ? {} : { toMs: options.toMs }),
  };

  let sink: ValidatingBarSink;
  let layout: string;
  let comments: string[] = [];
  const warnings: string[] = [];
  if (format === BarFileFormat.CSV) {
    // CSV files are read piece by piece (scanCsvFile): never the whole file in memory.
    const file = await openFile(path);
    try {
      const { size } = await file.stat();
      const head = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
      await file.read(head, 0, head.length, 0);
      const csv = detectCsvLayout(path, sampleLines(head.toString('latin1')), options.layout);
      const initialCapacity = (size / csv.meanLineLength) * 1.05 + 16;
      sink = new ValidatingBarSink({ ...sinkOptions, initialCapacity });
      const inTwo = size >= (options.scanInTwoFromBytes ?? SCAN_IN_TWO_FROM_BYTES);
      const scanned = inTwo ? await scanCsvInTwo(file, path, size, csv, sink, initialCapacity) : await scanCsvFile(file, csv, sink);
      comments = [...scanned.comments];
      layout = csv.description;
      warnings.push(...csv.warnings);
    } finally {
      await file.close();
    }
  } else if (format === BarFileFormat.JSON) {
    const bytes = await readBytes(path);
    const text = bytes.toString('utf8');
    sink = new ValidatingBarSink({ ...sinkOptions, locate: jsonRowLocator(text), initialCapacity: text.length / 60 });
    layout = readJsonBars(path, text, sink);
  } else {
    const bytes = await readBytes(path);
    sink = new ValidatingBarSink({ ...sinkOptions, position: 'row', locate: (row) => row + 1 });
    layout = (await import('./read-arrow-bars.js')).readArrowBars(path, bytes, sink);
  }

  const inferred = inferTimeframe(sink.bars.tsOpenView(), sink.bars.length);
  const timeframe = options.timeframe ?? inferred?.timeframe;
  if (timeframe === undefined) {
    const why = sink.bars.length < 2 ? `${sink.bars.length} bar(s) loaded` : 'bar spacing is irregular';
    throw new AtbError('DATA_INVALID', `${path}: cannot infer the timeframe (${why}): give the timeframe, such as "1h"`, {
      file: path,
    });
  }
  if (options.timeframe !== undefined && inferred !== undefined && inferred.timeframe !== options.timeframe) {
    warnings.push(`the timeframe given is ${options.timeframe} but bars are mostly ${inferred.timeframe} apart`);
  }
  const series = sink.bars.build(instrumentId, timeframe);
  const report: BarLoadReport = {
    file: path,
    format,
    layout,
    rowsRead: sink.rowsRead,
    barsLoaded: series.length,
    skippedBadRows: sink.skipped,
    duplicates: sink.duplicates,
    gaps: findBarGaps(series),
    filteredOut: sink.filteredOut,
    instrumentId,
    timeframe,
    timeframeSource: options.timeframe === undefined ? 'inferred' : 'given',
    instrumentSource: options.instrumentId === undefined ? 'file name' : 'given',
    firstTsOpen: series.length > 0 ? series.tsOpen[0] : undefined,
    lastTsOpen: series.length > 0 ? series.tsOpen[series.length - 1] : undefined,
    comments,
    warnings,
  };
  return { series, report };
}

async function openFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw unreadable(path, error);
  }
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): AtbError {
  const code = (error as NodeJS.ErrnoException).code;
  return new AtbError(
    code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT',
    `cannot read bar file '${path}': ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    { file: path },
    { cause: error },
  );
}

