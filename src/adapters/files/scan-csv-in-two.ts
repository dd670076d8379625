import type { FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { ValidatingBarSink } from '../../application/market-data/validating-bar-sink.js';
import { packagePath } from '../package-root.js';
import type { CsvLayout } from './csv-layout.js';
import type { CsvScanJob, CsvScanResult } from './csv-scan-worker.js';
import { replayBarRows, type RecordedBarRows } from './recorded-bar-rows.js';
import { COMMENTS_KEPT, scanCsvFile, type ScanPosition } from './scan-csv-bars.js';

/** The worker's part: its rows, and its line count and comments. */
interface ScannedPart {
  readonly rows: RecordedBarRows;
  readonly position: ScanPosition;
}

/**
 * Scans a large CSV file on two cores: a worker thread scans the second half while this thread scans the
 * first, then the worker's rows are replayed into `sink` after the first half's, with their line numbers
 * moved past it. Rows reach the sink in file order, so validation, duplicates, errors and line numbers are
 * those of a single scan (a test compares both). A bad row in the first half stops the load before the
 * worker's rows are looked at; the worker is stopped whatever happens.
 *
 * Measured on a 1M-bar, 60 MB file on this 2-core VM: 588-787 ms to load on one thread, 477-609 ms on two
 * (less than half: the two cores seem to share one physical core).
 */
export async function scanCsvInTwo(
  file: FileHandle,
  path: string,
  size: number,
  layout: CsvLayout,
  sink: ValidatingBarSink,
  initialCapacity: number,
): Promise<ScanPosition> {
  const middle = await lineStartFrom(file, Math.floor(size / 2), size);
  if (middle >= size) return scanCsvFile(file, layout, sink);
  const worker = startWorker({ kind: 'csv-scan', path, layout, range: { start: middle, end: size }, initialCapacity: initialCapacity / 2 });
  try {
    const first = await scanCsvFile(file, layout, sink, undefined, { start: 0, end: middle });
    const second = await worker.result;
    replayBarRows(second.rows, sink, first.line);
    return {
      line: first.line + second.position.line,
      comments: [...first.comments, ...second.position.comments].slice(0, COMMENTS_KEPT),
    };
  } finally {
    await worker.stop();
  }
}

/** The first byte after the first line end at or after `from`, or `size` when there is none. */
async function lineStartFrom(file: FileHandle, from: number, size: number): Promise<number> {
  const probe = Buffer.allocUnsafe(64 * 1024);
  for (let at = from; at < size; at += probe.length) {
    const { bytesRead } = await file.read(probe, 0, Math.min(probe.length, size - at), at);
    const newline = probe.subarray(0, bytesRead).indexOf(0x0a);
    if (newline >= 0) return at + newline + 1;
    if (bytesRead === 0) break;
  }
  return size;
}

interface ScanWorker {
  readonly result: Promise<ScannedPart>;
  stop(): Promise<void>;
}

function startWorker(job: CsvScanJob): ScanWorker {
  const worker = newWorker(job);
  const result = new Promise<ScannedPart>((resolve, reject) => {
    worker.once('message', (message: CsvScanResult) => {
      if (message.ok) resolve({ rows: message.rows, position: message.position });
      else reject(Object.assign(new Error(message.message), message.code === undefined ? {} : { code: message.code }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the CSV scan worker stopped (exit code ${code}) before sending its rows`)));
  });
  // The loader may stop early (a bad row in the first half): the worker's outcome then goes unread.
  result.catch(() => undefined);
  return {
    result,
    stop: async () => {
      await worker.terminate();
    },
  };
}

/**
 * From the compiled package the worker is dist/adapters/files/csv-scan-worker.js, found from the package
 * root rather than beside this module: in the bundled CLI (dist/cli) this code sits in a chunk elsewhere,
 * and the worker, started from its own file, loads the compiled modules. From the TypeScript sources
 * (tests, `node --import tsx`) it is the .ts file, and the worker registers tsx's loader before importing
 * it: on Node 20 a worker's execArgv cannot carry `--import`. The worker gets none of this process's node
 * flags: it needs none, and some break a worker started from a file (`node --input-type=module -e ...`
 * made it fail before this was set).
 */
function newWorker(job: CsvScanJob): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(packagePath('dist', 'adapters', 'files', 'csv-scan-worker.js'), { workerData: job, execArgv: [] });
  const tsx = import.meta.resolve('tsx/esm/api');
  const target = new URL('./csv-scan-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, { eval: true, workerData: job, execArgv: [] });
}
